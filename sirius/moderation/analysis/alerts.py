"""Alerts: texts that suggest danger for the apprentice. Recall first.

The lexicon `data/alerts.txt` has one section per `AlertKind` value. A match is dropped when,
in the same clause and just before it, a negation says it did not happen (« pas de harcèlement
chez nous », « jamais eu d'accident ») or a context says it is prevention, not an incident
(« contre le harcèlement », « la prévention des accidents »). Expressions that hold a negation
themselves are never dropped: there the negation is the problem (« pas payé », « sans gants »).
Night or Sunday work is an alert when the text says the apprentice is a minor.
"""

from dataclasses import dataclass
from pathlib import Path

from sirius.moderation.enums import AlertKind

from .normalize import fold, load_sections, tokenize

SECTIONS = load_sections(Path(__file__).parent / "data" / "alerts.txt")
KINDS = [kind.value for kind in AlertKind]

NEGATIONS = frozenset(["pas", "aucun", "aucune", "jamais", "sans", "ni", "non", "zero", "rien"])
# Words that make what follows a topic rather than an incident.
PREVENTION = frozenset(
    [
        "contre",
        "prevention",
        "prevenir",
        "sensibilisation",
        "sensibiliser",
        "sensibilise",
        "lutte",
        "lutter",
        "eviter",
        "referent",
        "referente",
        "cas",
        "gestes",
        "module",
        "reperer",
        "situation",
        "situations",
        "comment",
    ]
)
# Words that make an expression a lived experience whatever comes before (« le harcèlement
# que je subis »), like a negation inside the expression (« pas payé »).
KEEPERS = NEGATIONS | frozenset(["subis", "subit", "subi", "subissons", "vis", "vit", "vecu"])
# Words that end the reach of a negation (« sans gants avec des produits toxiques »).
BOUNDARIES = frozenset(
    ["mais", "avec", "car", "parce", "donc", "alors", "que", "qu", "qui", "ou", "puis"]
)
WINDOW = 5
# Words just after a match that make it harmless (« pleurer de joie »).
HARMLESS_AFTER = {("de", "joie"), ("de", "rire"), ("d", "emotion")}


@dataclass(frozen=True)
class AlertFinding:
    kinds: list[str]  # AlertKind values, in the order of the enum
    terms: list[str]  # the words found, as written


def _holds_keeper(expression):
    return any(
        alternative in KEEPERS
        for word in fold(expression).split()
        for alternative in word.split("|")
    )


NEGATED_EXPRESSIONS = {
    expression
    for lexicon in SECTIONS.values()
    for expression in lexicon.expressions
    if _holds_keeper(expression)
}


def _is_dismissed(tokens, match):
    """Is the match denied or only a prevention topic (same clause, a few words before)?"""
    after = tuple(token.text for token in tokens[match.last : match.last + 2])
    if after in HARMLESS_AFTER:
        return True
    if match.term in NEGATED_EXPRESSIONS:
        return False
    clause = tokens[match.first].clause
    before = []
    for token in reversed(tokens[max(0, match.first - WINDOW) : match.first]):
        if token.clause != clause or token.text in BOUNDARIES:
            break
        before.append(token.text)
    negations = sum(word in NEGATIONS for word in before)
    if negations % 2 == 1:  # « pas un jour sans insultes » is two negations: still an alert
        return True
    return bool(PREVENTION.intersection(before))


def find_alerts(text):
    tokens = tokenize(text)
    found = {}
    for kind in [*KINDS, "night", "minor"]:
        lexicon = SECTIONS.get(kind)
        if lexicon is None:
            continue
        matches = [match for match in lexicon.find(tokens) if not _is_dismissed(tokens, match)]
        if matches:
            found[kind] = matches
    night, minor = found.pop("night", None), found.pop("minor", None)
    if night and minor:
        found.setdefault(AlertKind.WORKING_HOURS.value, []).extend(night + minor)
    terms = []
    for match in sorted((m for matches in found.values() for m in matches), key=lambda m: m.start):
        term = text[match.start : match.end]
        if term not in terms:
            terms.append(term)
    return AlertFinding(kinds=[kind for kind in KINDS if kind in found], terms=terms)
