"""Themes of a text, the tone of each, and the « pépite » suggestion.

Themes come from the expressions of `data/themes.txt`, sentiment from `data/tone.txt`; both go
through `normalize`, so « les profs sont trop bi1 » and « Les formateurs sont très bien » read
the same. At one place of the text the longest expression wins (« pas mal » is not « mal »).

The tone of a theme is read where the theme is mentioned, from the closest text outwards:
1. the clause (punctuation and contrast words such as « mais », « par contre », « sauf que »
   end a clause), plus a following clause that has sentiment but no theme of its own
   (« les profs sont top mais souvent absents » → pédagogie mixed);
2. else the part of the sentence between contrast words, else the sentence;
3. else the tone of the whole text: « Les horaires : 8 h – 17 h. Franchement top. »;
4. else `mixed`: a theme mentioned without any opinion in the text is neither positive nor
   negative, and « mitigé » is the only honest label we have for « undetermined ».
Positive and negative sentiment both found for one theme give `mixed`.
A negation just before a sentiment word turns it around (« pas top », « jamais disponible »,
« aucun retard »); « trop » before a neutral word is negative (« trop loin »).
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..enums import Theme, Tone
from .normalize import SMS, Lexicon, Token, fold, tokenize
from .result import ThemeTone

DATA = Path(__file__).parent / "data"
POSITIVE, NEGATIVE = 1, -1

_SENTENCE_END = re.compile(r"[.!?;\n…]")
_HOURS = re.compile(r"\d+h\d*")
_DISTANCE = re.compile(r"\d+kms?")
_EMOJIS = str.maketrans(
    {
        **dict.fromkeys("😀😃😄😁😊🙂😍🥰😎👍👌💪🔥❤💯🙏🤩", " emopos "),
        **dict.fromkeys("😡😠😤👎😞😢😭💩🤬😒🙄😩😫", " emoneg "),
        "€": " euros ",
    }
)
# Words that start a contrast: what follows is judged apart from what precedes.
_CONTRAST_WORDS = (
    "mais", "cependant", "pourtant", "neanmoins", "toutefois", "sauf", "hormis", "par contre",
    "en revanche", "alors que", "meme si", "a part", "seul bemol", "petit bemol",
)  # fmt: skip
_CONTRAST = {}  # first word → the contrast expressions it starts, as word tuples
for _expression in _CONTRAST_WORDS:
    _CONTRAST.setdefault(_expression.split()[0], []).append(tuple(_expression.split()))
_NEGATORS = {"pas", "jamais", "aucun", "aucune", "sans", "rien", "guere", "zero", "manque", "mal"}
# « aucun », « zéro » alone are negative (« aucun suivi »), unless they negate sentiment.
_LACKS = {"aucun", "aucune", "zero"}
_NOUN_NEGATORS = _LACKS | {"sans"}
# Words that may sit between a negation and what it negates (« pas vraiment top »).
_BETWEEN_NEGATION = {
    "vraiment", "tres", "du", "tout", "si", "assez", "toujours", "trop", "super", "forcement",
    "franchement", "tellement", "hyper", "ultra", "de", "d", "l", "la", "le", "les", "un", "une",
    "des", "tjrs", "specialement", "particulierement", "grave",
}  # fmt: skip
# A sentiment word just before another is only an intensifier (« super dur », « bien nul »).
_INTENSIFIERS = {"super", "bien", "grave", "vraiment", "tres", "hyper", "trop"}
# A clause opening with these speaks for the whole text, not for the theme just before it.
_GLOBAL_OPENERS = {"je", "j", "moi", "bref", "globalement", "sinon", "franchement", "merci"}
# A sentence opening with these continues about the previous sentence's subject.
_PRONOUNS = {"il", "elle", "ils", "elles", "c", "ca", "ce", "cela", "ces", "ses", "leur", "leurs"}


@dataclass(frozen=True)
class _Vocabulary:
    lexicon: Lexicon
    sections: dict  # expression → tuple of section names


def _read_sections(path):
    sections, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        content = line.split("#", 1)[0].strip()
        if content.startswith("[") and content.endswith("]"):
            current = content[1:-1]
            continue
        for expression in filter(None, (part.strip() for part in content.split(","))):
            sections.setdefault(expression, []).append(current)
    return sections


@cache
def _vocabulary(filename):
    sections = _read_sections(DATA / filename)
    return _Vocabulary(Lexicon(sections), {key: tuple(value) for key, value in sections.items()})


def _longest(vocabulary, tokens):
    """Matches as (first, last, section), leftmost-longest without overlap; ties all kept."""
    found = sorted(
        vocabulary.lexicon.find(tokens), key=lambda match: (match.first, match.first - match.last)
    )
    kept, cursor, span = [], 0, None
    for match in found:
        if match.first >= cursor:
            span, cursor = (match.first, match.last), match.last
        elif (match.first, match.last) != span:
            continue
        kept.extend(
            (match.first, match.last, section) for section in vocabulary.sections[match.term]
        )
    return kept


@dataclass(frozen=True)
class _Place:
    clause: int
    segment: int
    sentence: int


def _prepare(text):
    """Tokens with numbers of hours and distances made words, and where each one stands."""
    text = text.translate(_EMOJIS)
    tokens, places = [], []
    clause = segment = sentence = 0
    previous = None
    words = tokenize(text)
    index = 0
    while index < len(words):
        token = words[index]
        if previous is not None:
            if _SENTENCE_END.search(text, previous.end, token.start):
                sentence, segment, clause = sentence + 1, segment + 1, clause + 1
            elif token.clause != previous.clause:
                clause += 1
        contrast = _contrast_at(words, index)
        previous = token
        if contrast:
            segment, clause = segment + 1, clause + 1
            previous = words[index + len(contrast) - 1]
            index += len(contrast)
            continue
        word = token.text
        if _HOURS.fullmatch(word):
            word = "heures"
        elif _DISTANCE.fullmatch(word):
            word = "km"
        tokens.append(Token(word, token.start, token.end, clause))
        places.append(_Place(clause, segment, sentence))
        index += 1
    return tokens, places


def _contrast_at(words, index):
    """The contrast expression starting at words[index] (« par contre »), or None."""
    for expression in _CONTRAST.get(words[index].text, ()):
        following = [word.text for word in words[index : index + len(expression)]]
        if tuple(following) == expression:
            return expression
    return None


def _sentiments(tokens, places):
    """(token index, POSITIVE or NEGATIVE) for each opinion expressed in the text."""
    matches = _longest(_vocabulary("tone.txt"), tokens)
    starts = {first for first, _, _ in matches}
    covered = {index for first, last, _ in matches for index in range(first, last)}
    found = {}
    for first, last, section in matches:
        if section == "neutral":
            continue
        if last - first == 1 and tokens[first].text in _INTENSIFIERS and last in starts:
            continue
        found[first] = POSITIVE if section == "positive" else NEGATIVE
    for index, token in enumerate(tokens):
        followed = index + 1 < len(tokens) and places[index + 1].clause == places[index].clause
        intensifies = index + 1 in starts  # « trop bien »
        if token.text == "trop" and index not in covered and followed and not intensifies:
            found[index] = NEGATIVE  # « trop loin », « trop de monde »
    used_negators = set()
    for index in sorted(found):
        negator = _negation_before(tokens, places, index)
        if negator is not None:
            found[index] = -found[index]
            used_negators.add(negator)
    for index, token in enumerate(tokens):
        if token.text in _LACKS and index not in covered and index not in used_negators:
            found[index] = NEGATIVE
    return sorted(found.items())


def _negation_before(tokens, places, index):
    """The index of a negation word just before tokens[index] in its clause, or None.

    « aucun », « zéro » and « sans » also reach over one noun: « aucune démarche compliquée ».
    """
    position, over_noun = index - 1, False
    for _ in range(3):
        if position < 0 or places[position].clause != places[index].clause:
            return None
        word = tokens[position].text
        if word in _NEGATORS and (not over_noun or word in _NOUN_NEGATORS):
            return position
        if word == "plus" and position > 0 and tokens[position - 1].text in {"n", "ne"}:
            return position
        if word not in _BETWEEN_NEGATION:
            if over_noun:
                return None
            over_noun = True
        position -= 1
    return None


def _missing(tokens, mentions):
    """« pas de suivi », « sans matériel », « plus de pause »: what is missing is a complaint."""
    found = []
    for first, _ in mentions:
        before = [token.text for token in tokens[max(first - 2, 0) : first]]
        if before[-1:] == ["sans"] or (
            len(before) == 2 and before[1] in {"de", "d"} and before[0] in {"pas", "jamais", "plus"}
        ):
            found.append((first, NEGATIVE))
    return found


def _tone(polarities):
    if POSITIVE in polarities and NEGATIVE in polarities:
        return Tone.MIXED
    return Tone.POSITIVE if POSITIVE in polarities else Tone.NEGATIVE


def find_themes(text):
    """The themes a text speaks about, each once with its tone, in `Theme` order."""
    tokens, places = _prepare(text)
    mentions = [
        (first, section)
        for first, _, section in _longest(_vocabulary("themes.txt"), tokens)
        if section != "ignore"
    ]
    if not mentions:
        return []
    by_clause, by_segment, by_sentence = {}, {}, {}
    sentiments = _sentiments(tokens, places) + _missing(tokens, mentions)
    for index, polarity in sentiments:
        place = places[index]
        by_clause.setdefault(place.clause, set()).add(polarity)
        by_segment.setdefault(place.segment, set()).add(polarity)
        by_sentence.setdefault(place.sentence, set()).add(polarity)
    whole = set().union(*by_clause.values())
    _attach_orphan_clauses(
        tokens, places, by_clause, {places[first].clause for first, _ in mentions}
    )
    tones = {}
    for first, section in mentions:
        place = places[first]
        polarities = (
            by_clause.get(place.clause)
            or by_segment.get(place.segment)
            or by_sentence.get(place.sentence)
            or whole
            or {POSITIVE, NEGATIVE}
        )
        tones.setdefault(section, set()).update(polarities)
    return [ThemeTone(theme.value, _tone(tones[theme.value])) for theme in Theme if theme in tones]


def _attach_orphan_clauses(tokens, places, by_clause, theme_clauses):
    """Give a clause's sentiment to the theme it goes on about (« top, mais souvent absents »)."""
    first_token = {}
    for index, place in enumerate(places):
        first_token.setdefault(place.clause, index)
    sentence_of = {place.clause: place.sentence for place in places}
    for clause in sorted(by_clause):
        if clause in theme_clauses or tokens[first_token[clause]].text in _GLOBAL_OPENERS:
            continue
        sentence = sentence_of[clause]
        earlier = [c for c in theme_clauses if c < clause and sentence_of[c] == sentence]
        if not earlier and tokens[first_token[clause]].text in _PRONOUNS:
            starts_sentence = clause == min(c for c, s in sentence_of.items() if s == sentence)
            if starts_sentence:
                earlier = [c for c in theme_clauses if sentence_of[c] == sentence - 1]
        if earlier:
            by_clause[max(earlier)] = by_clause.get(max(earlier), set()) | by_clause[clause]


# « Pépite »: a text worth highlighting, whatever its tone.
PEPITE_MIN_WORDS = 25
_WORDS = re.compile(r"[^\W_]+(?!['’])")
_ELIDED = re.compile(r"[^\W_]+['’]")
_REASONS = re.compile(
    r"\b(parce qu|car|puisqu|grace a|par exemple|je (te |vous )?(conseille|recommande|deconseille)"
    r"|conseil|il faudrait|il faut|ce serait|ca serait|je suggere|permet|permis de|c est pourquoi"
    r"|notamment|points? (positifs?|negatifs?)|prevoir|vu qu|a cause d|afin d|pour qu"
    r"|si (tu|vous)|du coup|donc|en effet)\b"
)
_SMS_EXTRA = {"mdr", "ptdr", "lol", "jpp", "wsh", "wesh", "osef", "tmtc", "askip", "ouf", "bg"}


def is_pepite(text, themes, *, flagged):
    """Suggest highlighting a specific, constructive, well-written text (positive or negative).

    Never for a flagged text (personal data, insult or alert). Otherwise all of: at least
    `PEPITE_MIN_WORDS` words; concrete (two themes or more, or one theme and figures such as
    « 2 semaines » or « 15/20 »); written in sentences (a capital letter first, final
    punctuation, accents, hardly any SMS spelling, not shouted); and constructive: giving
    reasons or advice (« parce que », « par exemple », « je conseille »…) or weighing good and
    bad points (themes of opposite tones, or mixed ones around « mais », « par contre »).
    """
    if flagged:
        return False
    words = _WORDS.findall(text)
    if len(words) + len(_ELIDED.findall(text)) < PEPITE_MIN_WORDS:
        return False
    distinct = {theme.theme for theme in themes}
    if len(distinct) < 2 and not (distinct and re.search(r"\d", text)):
        return False
    if not _well_written(text, words):
        return False
    tones = {theme.tone for theme in themes}
    contrasted = any(word in _CONTRAST for word in fold(text).split())
    nuanced = {Tone.POSITIVE, Tone.NEGATIVE} <= tones or (Tone.MIXED in tones and contrasted)
    return nuanced or bool(_REASONS.search(fold(text).replace("'", " ")))


def _well_written(text, words):
    letters = [char for char in text if char.isalpha()]
    first = letters[0] if letters else ""
    if not first.isupper() or sum(char.isupper() for char in letters) > 0.2 * len(letters):
        return False
    if not re.search(r"[.!?…]\s*\S*\s*$", text.strip()) or re.search(r"(.)\1{2,}|[!?]{3,}", text):
        return False
    if not any(char in "éèêàùâîôûç" for char in text.lower()):
        return False
    sms = sum(fold(word) in SMS or fold(word) in _SMS_EXTRA for word in words)
    return sms <= len(words) / 40
