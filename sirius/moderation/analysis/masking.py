"""The masked copy of a text: each personal-data span replaced by its placeholder.

The original text is never changed; this builds the copy that may be published instead.
Placeholders come from `enums.PLACEHOLDERS` (« [e-mail] », « [téléphone] », « [prénom] »…), with
one choice made here: a name right after a title (« M. », « Mme », « madame », « monsieur »…)
becomes « [nom] », because « Mme [nom] » reads as French where « Mme [prénom] » does not.

Guarantee: the masked copy contains none of the spans' texts. Overlapping or touching spans are
masked as one (with the placeholder of the first), and every other occurrence of a span's text
(same letters, any case, as a whole word) is masked too, even when no span was proposed there:
a moderator who accepts « Léa » once does not publish it a few words further.
"""

import re

from ..enums import PLACEHOLDERS, PersonalDataKind

SURNAME_PLACEHOLDER = "[nom]"
_TITLE_BEFORE = re.compile(
    r"(?:\bM\.|\b(?:mr|mme|mlle|melle|dr|monsieur|madame|mademoiselle|docteur)\.?)\s*$",
    re.IGNORECASE,
)


def mask(text, spans):
    """`text` with each span, and every other occurrence of its text, replaced by a placeholder."""
    regions = _regions(text, spans)
    pieces, position = [], 0
    for start, end, kind in regions:
        pieces.append(text[position:start])
        pieces.append(_placeholder(text, start, kind))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _regions(text, spans):
    """Sorted, disjoint (start, end, kind) to replace: the spans and the repeats of their text."""
    found = [(span.start, span.end, span.kind) for span in spans if span.end > span.start]
    for span in spans:
        needle = text[span.start : span.end].strip()
        if not needle:
            continue
        pattern = re.escape(needle)
        if needle[0].isalnum():
            pattern = r"(?<!\w)" + pattern
        if needle[-1].isalnum():
            pattern += r"(?!\w)"
        found.extend(
            (match.start(), match.end(), span.kind)
            for match in re.finditer(pattern, text, re.IGNORECASE)
        )
    regions = []
    for start, end, kind in sorted(found):
        if regions and start <= regions[-1][1]:
            last_start, last_end, last_kind = regions[-1]
            regions[-1] = (last_start, max(last_end, end), last_kind)
        else:
            regions.append((start, end, kind))
    return regions


def _placeholder(text, start, kind):
    if kind == PersonalDataKind.NAME and _TITLE_BEFORE.search(text, 0, start):
        return SURNAME_PLACEHOLDER
    return PLACEHOLDERS[PersonalDataKind(kind)]
