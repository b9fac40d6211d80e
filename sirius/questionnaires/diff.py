"""What changed between two definitions, question by question (questions are matched by id)."""

from dataclasses import dataclass, field


@dataclass
class DefinitionDiff:
    added: list = field(default_factory=list)  # questions of the new definition only
    removed: list = field(default_factory=list)  # questions of the old definition only
    relabelled: list = field(default_factory=list)  # (old question, new question), same id
    retyped: list = field(default_factory=list)  # (old question, new question), same id

    def __bool__(self):
        return bool(self.added or self.removed or self.relabelled or self.retyped)


def definition_diff(old, new):
    """Compare two `Definition`s; the order of each list follows the definitions."""
    old_questions = {question.id: question for question in old.questions}
    new_questions = {question.id: question for question in new.questions}
    diff = DefinitionDiff(
        added=[q for q in new.questions if q.id not in old_questions],
        removed=[q for q in old.questions if q.id not in new_questions],
    )
    for question in new.questions:
        before = old_questions.get(question.id)
        if before is None:
            continue
        if before.label != question.label:
            diff.relabelled.append((before, question))
        if before.type != question.type:
            diff.retyped.append((before, question))
    return diff
