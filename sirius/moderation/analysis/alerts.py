"""Alerts: texts that suggest danger for the apprentice. Recall first.

The lexicon `data/alerts.txt` has one section per `AlertKind` value. A match is dropped when,
in the same clause and just before it:
- a negation says it did not happen (« pas de harcèlement chez nous », « jamais eu
  d'accident », « pas de racisme ni de sexisme »). A negation reaches the match only across
  small words (« de », « eu », « été », « problème de »…): in « pas déclarer l'accident » or
  « pas prise à cause de mes origines » it denies something else, and the alert stays;
- a context says it is prevention or a topic, not an incident (« contre le harcèlement », « la
  prévention des accidents », « on a étudié le harcèlement scolaire », « un cours sur les
  risques », « on en a parlé en cours »).
Expressions that hold a negation themselves are never dropped: there the negation is the
problem (« pas payé », « sans gants »).
Some signs are alerts only together, anywhere in the text: night or Sunday work when the
apprentice is a minor, pork when the text speaks of Islam (« une tête de cochon dans mon
casier pendant le ramadan »).
"""

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from sirius.moderation.enums import AlertKind

from .normalize import fold, load_sections, tokenize


def _words(text):
    """A set of words written on one line, separated by spaces."""
    return frozenset(text.split())


SECTIONS = load_sections(Path(__file__).parent / "data" / "alerts.txt")
KINDS = [kind.value for kind in AlertKind]
# Sections that raise an alert only when both are found in the text.
PAIRS = [
    ("night", "minor", AlertKind.WORKING_HOURS.value),
    ("pork", "islam", AlertKind.DISCRIMINATION.value),
]

NEGATIONS = frozenset(["pas", "aucun", "aucune", "jamais", "sans", "ni", "non", "zero", "rien"])
# Small words a negation reaches across (« jamais eu de problème de racisme »).
NEGATION_REACHES = _words(
    # articles, pronouns, auxiliaries
    "de d du des un une le la les l mon ma mes ton ta tes son sa ses notre nos leur leurs "
    "ce cette ces ne n je j me m te t se s il elle on nous vous ils elles y en moi "
    "a ai as avons avez ont avait avais eu ete suis es est sommes sont etait etais etre "
    # adverbs
    "vraiment trop tellement beaucoup encore plus jamais meme du tout aucun aucune ni "
    # verbs of noticing, and words of kind
    "vu vecu connu subi recu fait senti sentie ressenti constate remarque entendu "
    "probleme problemes souci soucis cas forme formes trace signe type genre sorte "
    "histoire histoires question"
)
# Words that make what follows a topic rather than an incident.
PREVENTION = _words(
    "contre prevention prevenir sensibilisation sensibiliser sensibilise lutte lutter "
    "eviter referent referente cas gestes module reperer situation situations comment "
    "etudie etudier etudions etudiait aborde aborder abordons abordait debattu debattre "
    "debat"
)
# Nouns that make what follows a topic when « sur » follows them or a talk verb comes after
# them (« un cours sur le harcèlement », « l'expo parlait des violences »), but not a place
# (« en cours il me harcèle »).
TOPICS = _words(
    "cours formation video film documentaire reportage roman livre expo exposition "
    "conference intervention theme sujet expose affiche campagne atelier debat td"
)
TOPIC_LINKS = frozenset(["sur", "contre", "concernant"])
NOT_TOPIC_BEFORE = frozenset(["en", "au", "aux", "pendant", "apres", "avant", "a"])
# « On a parlé du racisme en cours »: a talk verb before, a class after (or a topic noun).
TALK = frozenset(["parle", "parlait", "parlaient", "parlons", "discute", "evoque", "evoquait"])
CLASS_AFTER = {("en", "cours"), ("en", "classe"), ("au", "cfa"), ("en", "formation")}
# Words that make an expression a lived experience whatever comes before (« le harcèlement
# que je subis »), like a negation inside the expression (« pas payé »).
KEEPERS = NEGATIONS | frozenset(["subis", "subit", "subi", "subissons", "vis", "vit", "vecu"])
# Words that end the reach of a negation (« sans gants avec des produits toxiques »).
BOUNDARIES = frozenset(
    ["mais", "avec", "car", "parce", "donc", "alors", "que", "qu", "qui", "ou", "puis", "cause"]
)
WINDOW = 5
# A topic reaches further: « un atelier sur les violences sexistes et sexuelles ».
TOPIC_WINDOW = 9
# Words just after a match that make it harmless (« pleurer de joie », « un coup de main »,
# « je me suis coupé les cheveux »).
HARMLESS_AFTER = {
    ("de", "joie"),
    ("de", "rire"),
    ("d", "emotion"),
    ("les", "cheveux"),
    ("la", "frange"),
    ("la", "barbe"),
    ("les", "ongles"),
    *(
        ("de", word)
        for word in _words(
            "main jus fil pouce coeur foudre feu stress barre chaud soleil bol vieux "
            "rush speed balai fatigue mou genie telephone pression"
        )
    ),
    ("d", "oeil"),
}
# « Moins mal au dos » is better, not worse.
HARMLESS_BEFORE = frozenset(["moins"])
# « Il m'a poussé à (m')inscrire au concours » encourages: a push towards an infinitive.
ENCOURAGING = frozenset(["pousse", "poussee", "pousses", "lance", "lancee"])
NOT_INFINITIVES = frozenset(["terre", "bout"])
PRONOUNS = frozenset(["m", "me", "t", "te", "s", "se", "nous", "vous", "l", "le", "la", "les", "y"])
# « Un coup de main », « un coup de fil »: a bare « coup » followed by « de » is an idiom; the
# blows (« coup de poing ») are whole expressions of the lexicon.
IDIOM_HEADS = frozenset(["coup", "coups"])


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


def _words_before(tokens, match, window=WINDOW):
    """The words of the match's clause just before it, nearest first, up to a boundary."""
    clause = tokens[match.first].clause
    before = []
    for token in reversed(tokens[max(0, match.first - window) : match.first]):
        if token.clause != clause or token.text in BOUNDARIES:
            break
        before.append(token.text)
    return before


def _is_denied(before):
    """Does a negation reach the match (« pas de X », « ni de Y », « pas un jour sans X »)?"""
    for word in before:
        if word in NEGATIONS:
            if word == "ni":
                return True
            return sum(w in NEGATIONS for w in before) % 2 == 1
        if word not in NEGATION_REACHES:
            return False
    return False


def _is_topic(tokens, match, before):
    if PREVENTION.intersection(before):
        return True
    talks = bool(TALK.intersection(before))
    for index, word in enumerate(before):
        previous = before[index + 1] if index + 1 < len(before) else ""
        following = before[index - 1] if index > 0 else ""
        if (
            word in TOPICS
            and previous not in NOT_TOPIC_BEFORE
            and (following in TOPIC_LINKS or talks)
        ):
            return True
    if talks:
        clause = tokens[match.first].clause
        after = [t.text for t in tokens[match.last : match.last + 6] if t.clause == clause]
        return any(pair in CLASS_AFTER for pair in pairwise(after))
    return False


def _is_harmless(tokens, match):
    after = tuple(token.text for token in tokens[match.last : match.last + 2])
    if after in HARMLESS_AFTER:
        return True
    if match.first > 0 and tokens[match.first - 1].text in HARMLESS_BEFORE:
        return True
    last = tokens[match.last - 1].text
    if last in IDIOM_HEADS and after[:1] in (("de",), ("d",), ("du",)):
        return True
    if last in ENCOURAGING and after[:1] == ("a",):
        following = [t.text for t in tokens[match.last + 1 : match.last + 4]]
        verb = next((word for word in following if word not in PRONOUNS), "")
        return verb.endswith(("er", "ir", "re")) and verb not in NOT_INFINITIVES
    return False


def _is_dismissed(tokens, match):
    """Is the match harmless, denied or only a prevention topic?"""
    if _is_harmless(tokens, match):
        return True
    if match.term in NEGATED_EXPRESSIONS:
        return False
    before = _words_before(tokens, match)
    return _is_denied(before) or _is_topic(
        tokens, match, _words_before(tokens, match, TOPIC_WINDOW)
    )


def find_alerts(text):
    tokens = tokenize(text)
    found = {}
    for kind, lexicon in SECTIONS.items():
        matches = [match for match in lexicon.find(tokens) if not _is_dismissed(tokens, match)]
        if matches:
            found[kind] = matches
    for first, second, kind in PAIRS:
        first_matches, second_matches = found.pop(first, None), found.pop(second, None)
        if first_matches and second_matches:
            found.setdefault(kind, []).extend(first_matches + second_matches)
    terms = []
    for match in sorted((m for matches in found.values() for m in matches), key=lambda m: m.start):
        term = text[match.start : match.end]
        if term not in terms:
            terms.append(term)
    return AlertFinding(kinds=[kind for kind in KINDS if kind in found], terms=terms)
