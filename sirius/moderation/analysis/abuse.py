"""Abuse: insults aimed at a person, slurs and threats, told apart from mere vulgarity.

Negative opinions are publishable, and so is vulgarity about things (« c'est de la merde les
horaires », « putain c'était dur »): only abuse aimed at a person waits for a moderator.

The lexicons live in `data/`: `insults.txt` has three sections — `[slur]` (always abuse),
`[person]` (nouns that are abuse unless the writer reports being called so: « il nous prend
pour des abrutis ») and `[adjective]` (abuse only when they aim at a person: « le prof est
débile », not « c'est débile ce planning »); `threats.txt` (always abuse); `vulgar.txt`.
"""

from dataclasses import dataclass
from pathlib import Path

from .normalize import Lexicon, load_sections, tokenize

DATA = Path(__file__).parent / "data"
INSULTS = load_sections(DATA / "insults.txt")
THREATS = Lexicon.from_file(DATA / "threats.txt")
VULGAR = Lexicon.from_file(DATA / "vulgar.txt")

# Who an insult can aim at: staff, classmates, pronouns for people.
PEOPLE = Lexicon(
    [
        "prof|profs|professeur*|formateur*|formatrice*|enseignant*|intervenant*",
        "patron|patrons|patronne|patronnes|chef|chefs|cheffe|boss|employeur*|gerant*|manager*",
        "directeur*|directrice*|proviseur*|cpe|secretaire*|comptable|responsable|responsables",
        "tuteur|tutrice|tuteurs|maitre|maitresse|referent*|referente*|collegue*|camarade*",
        "apprenti|apprentie|apprentis|eleve|eleves|stagiaire*|mec|mecs|meuf|meufs|gars|nana",
        "type|types|bonhomme|bonne femme|madame|monsieur|mr|mme|mlle",
        "il|elle|ils|elles|lui|eux|tu|toi|t es|vous etes|c est un|c est une|cest un",
    ]
)
# Words that make the following adjective a noun aimed at someone: « un débile », « quel con ».
NOUN_MAKERS = frozenset(["un", "une", "des", "ces", "quel", "quelle", "quels", "quelles"])
# « il nous prend pour des abrutis », « il m'a traité de bouffon »: reported, not abuse.
REPORTED = frozenset(
    [
        "pour",
        "comme",
        "traite",
        "traites",
        "traitent",
        "traitait",
        "traiter",
        "traitee",
        "traitees",
        "appelle",
        "appellent",
        "appelait",
        "appeler",
        "surnomme",
        "surnomment",
    ]
)
NEGATIONS = frozenset(["pas", "jamais", "plus"])
WINDOW = 4


@dataclass(frozen=True)
class AbuseFinding:
    insult: bool  # a slur, a threat or an insult aimed at a person
    vulgar: bool  # vulgar words that aim at no one
    terms: list[str]  # the words found, as written, abuse first


def _before(tokens, match, size=WINDOW):
    clause = tokens[match.first].clause
    start = max(0, match.first - size)
    return [token.text for token in tokens[start : match.first] if token.clause == clause]


def _aims_at_person(tokens, people, match):
    """Is the adjective of `match` said of someone (« le prof est con », « c'est un débile »)?"""
    before = _before(tokens, match)
    if before and before[-1] in NOUN_MAKERS:
        return True
    if NEGATIONS.intersection(before[-2:]):
        return False  # « il est pas con »
    clause = tokens[match.first].clause
    for person in people:
        same_clause = tokens[person.first].clause == clause
        if same_clause and match.first - WINDOW <= person.first < match.first:
            return True
        if same_clause and match.last <= person.first <= match.last + 2:
            return True  # « débile ce prof »
    return False


def _is_reported(tokens, match):
    return bool(REPORTED.intersection(_before(tokens, match, size=3)))


def _overlap(match, other):
    return match.start < other.end and other.start < match.end


def find_abuse(text):
    tokens = tokenize(text)
    abusive, vulgar = [], []
    abusive.extend(INSULTS["slur"].find(tokens))
    abusive.extend(THREATS.find(tokens))
    for match in INSULTS["person"].find(tokens):
        (vulgar if _is_reported(tokens, match) else abusive).append(match)
    adjectives = INSULTS["adjective"].find(tokens)
    if adjectives:
        people = PEOPLE.find(tokens)
        for match in adjectives:
            aimed = _aims_at_person(tokens, people, match) and not _is_reported(tokens, match)
            (abusive if aimed else vulgar).append(match)
    vulgar.extend(VULGAR.find(tokens))
    vulgar = [match for match in vulgar if not any(_overlap(match, other) for other in abusive)]
    terms = []
    for match in sorted(abusive, key=lambda m: m.start) + sorted(vulgar, key=lambda m: m.start):
        term = text[match.start : match.end]
        if term not in terms:
            terms.append(term)
    return AbuseFinding(insult=bool(abusive), vulgar=bool(vulgar), terms=terms)
