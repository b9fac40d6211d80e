"""The preview of a version: every section with the answering flow's own form and template.

The preview shows every section and every question, conditions ignored (each condition is
listed above its section instead), with the same SectionForm the apprentices fill in.
"""

from dataclasses import dataclass, replace

from sirius.www.answer.forms import SectionForm


@dataclass
class PreviewSection:
    section: object
    form: SectionForm
    conditions: list  # (what is conditional, Condition) pairs


def preview_sections(version):
    sections = []
    for section in version.parsed.sections:
        conditions = [(None, section.show_if)] if section.show_if else []
        conditions += [
            (question, question.show_if) for question in section.questions if question.show_if
        ]
        unconditional = replace(
            section,
            show_if=None,
            questions=tuple(replace(question, show_if=None) for question in section.questions),
        )
        sections.append(
            PreviewSection(
                section=section,
                form=SectionForm(section=unconditional, answers={}),
                conditions=conditions,
            )
        )
    return sections
