"""Normalisation shared by the lexicon matchers (abuse, alerts, themes).

Apprentices write on their phones: no accents, letters repeated for emphasis, SMS spelling,
leetspeak, dots between letters. Everything here turns such a text into a list of plain tokens
that keep their offsets in the original text, so a match can be shown where it was written.

- `fold(text)`: lowercase, accents stripped, ligatures opened (« Œuvre » → « oeuvre »).
- `tokenize(text)`: the `Token`s of a text (normalised word, offsets, clause number).
- `normalize(text)`: the normalised tokens joined by spaces (« Chui NUUUL!! » → « j suis nul »).
- `squeeze(word)`: doubled letters made single (« connard » → « conard »); the lexicon compares
  squeezed words so that « conard » or « salloppe » still match.
- `Lexicon`: compiles expressions (one per line in a data file) into a fast token matcher.

Elisions stay separate one-letter tokens: « j'ai » and « jai » both give « j ai », « c'est » and
« c » both give « c est ». Lexicon expressions go through the same folding, so write them as
you would in French (« m'insulte », « burn-out »).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_WORD = re.compile(r"(?:[^\W_]|[@$])+")
_REPEATED = re.compile(r"(.)\1{2,}")
_NUMBER_PARTS = re.compile(r"\d+|\D+")
_DOUBLED = re.compile(r"([a-z])\1+")
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s"}
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "ʼ": "'"})
# Gaps allowed inside « c.o.n.n.a.r.d » or « p u t e »; an apostrophe never joins letters.
_LETTER_GAP = re.compile(r"[\s.\-_*/+]{1,3}")
_CLAUSE_BREAK = re.compile(r"[.!?;:,()\[\]\n]|\s-\s")
_ELISION = re.compile(r"\s*['`]")

# SMS spellings of one token, expanded to the words they stand for.
SMS = {
    "jsuis": "j suis",
    "jsui": "j suis",
    "chui": "j suis",
    "chuis": "j suis",
    "jss": "j suis",
    "jai": "j ai",
    "g": "j ai",
    "jen": "j en",
    "jme": "j me",
    "jte": "j te",
    "jle": "j le",
    "jvais": "j vais",
    "jvai": "j vais",
    "jva": "j vais",
    "jveux": "j veux",
    "jpeux": "j peux",
    "jpense": "j pense",
    "jsais": "j sais",
    "jsp": "j sais pas",
    "jpp": "j en peux plus",
    "jsuispas": "j suis pas",
    "japprend": "j apprend",
    "jaime": "j aime",
    "jy": "j y",
    "cest": "c est",
    "c": "c est",
    "ct": "c etait",
    "cetait": "c etait",
    "t": "t es",
    "ya": "y a",
    "yavait": "y avait",
    "yaura": "y aura",
    "mas": "m as",
    "mont": "m ont",
    "men": "m en",
    "lont": "l ont",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pkoi": "pourquoi",
    "pourkoi": "pourquoi",
    "bcp": "beaucoup",
    "bcq": "beaucoup",
    "tjr": "toujours",
    "tjrs": "toujours",
    "tjs": "toujours",
    "slt": "salut",
    "pcq": "parce que",
    "pck": "parce que",
    "psk": "parce que",
    "paske": "parce que",
    "parske": "parce que",
    "dc": "donc",
    "kan": "quand",
    "qd": "quand",
    "koi": "quoi",
    "ke": "que",
    "ki": "qui",
    "mwa": "moi",
    "moa": "moi",
    "twa": "toi",
    "stp": "s il te plait",
    "svp": "s il vous plait",
    "pr": "pour",
    "ds": "dans",
    "tt": "tout",
    "ts": "tous",
    "ns": "nous",
    "vs": "vous",
    "pa": "pas",
    "jamai": "jamais",
    "mm": "meme",
    "mnt": "maintenant",
    "auj": "aujourd hui",
    "ajd": "aujourd hui",
    "bjr": "bonjour",
    "vrmt": "vraiment",
    "vraimen": "vraiment",
    "tkt": "t inquiete",
    "oklm": "au calme",
    "frr": "frere",
    "pb": "probleme",
    "pbs": "problemes",
    "prob": "probleme",
    "rdv": "rendez vous",
    "hs": "heures sup",
    "hsup": "heures sup",
    "nn": "non",
}
# « ma/ta/sa » before a past participle are « m'a/t'a/s'a » (« il ma frappé »).
_PARTICIPLES = frozenset(
    ["dit", "fait", "pris", "mis", "vu", "eu", "ete", "appris", "compris", "promis", "mit", "ecrit"]
)
_AUXILIARY = {"ma": "m a", "ta": "t as", "sa": "s a"}


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # normalised word
    start: int  # offsets of the word in the original text, end exclusive
    end: int
    clause: int  # number of the clause (punctuation separates clauses)


def fold(text):
    """Lowercase, without accents, ligatures opened."""
    text = text.lower().translate(_LIGATURES)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def squeeze(word):
    """Make doubled letters single: « connard » → « conard », « balle » → « bale »."""
    return _DOUBLED.sub(r"\1", word)


def _unleet(word):
    """Read digits and symbols inside a word as letters: « c0nnard » → « connard »."""
    letters = sum(char.isalpha() for char in word)
    if letters <= sum(char in _LEET for char in word):
        return word  # « 50h », « 4x4 »: a number, not a disguised word
    chars = list(word)
    for index, char in enumerate(word):
        if char in _LEET and 0 < index < len(word) - 1:
            before, after = word[index - 1], word[index + 1]
            if (before.isalpha() or before in _LEET) and (after.isalpha() or after in _LEET):
                chars[index] = _LEET[char]
    return "".join(chars)


def _clean(raw):
    """The normalised word(s) of a raw token: « 50h » → « 50 h », « c0nnard » → « connard »."""
    word = _REPEATED.sub(r"\1", fold(raw))
    if any(char in _LEET for char in word):
        word = _unleet(word)
    if any(char.isdigit() for char in word):
        word = " ".join(_NUMBER_PARTS.findall(word))
    return word


def _join_spelled_letters(text, matches):
    """Merge « c.o.n.n.a.r.d » (3+ letters, or 4+ when only spaces separate them) into a word."""
    spans = [(match.start(), match.end()) for match in matches]
    merged, index = [], 0
    while index < len(spans):
        stop = index
        while (
            stop + 1 < len(spans)
            and spans[stop][1] - spans[stop][0] == 1
            and spans[stop + 1][1] - spans[stop + 1][0] == 1
            and _LETTER_GAP.fullmatch(text, spans[stop][1], spans[stop + 1][0])
        ):
            stop += 1
        count = stop - index + 1
        spaced_only = all(
            not text[spans[k][1] : spans[k + 1][0]].strip() for k in range(index, stop)
        )
        if count >= 3 and (count >= 4 or not spaced_only):
            raw = "".join(text[start:end] for start, end in spans[index : stop + 1])
            merged.append((spans[index][0], spans[stop][1], raw))
            index = stop + 1
        else:
            start, end = spans[index]
            merged.append((start, end, text[start:end]))
            index += 1
    return merged


def tokenize(text):
    """The normalised tokens of `text`, with their offsets in `text` and their clause number."""
    pieces = _join_spelled_letters(text, list(_WORD.finditer(text)))
    tokens, clause, previous_end = [], 0, 0
    for position, (start, end, raw) in enumerate(pieces):
        if _CLAUSE_BREAK.search(text, previous_end, start):
            clause += 1
        previous_end = end
        word = _clean(raw)
        elided = _ELISION.match(text, end) is not None and len(word) <= 5
        if " " in word or elided:
            expansion = word
        elif word in _AUXILIARY:
            following = pieces[position + 1][2] if position + 1 < len(pieces) else ""
            is_participle = following.lower().endswith(("é", "és", "ée", "ées"))
            is_participle = is_participle or _clean(following) in _PARTICIPLES
            expansion = _AUXILIARY[word] if is_participle else word
        else:
            expansion = SMS.get(word, word)
        for part in expansion.split():
            tokens.append(Token(part, start, end, clause))
    return tokens


def normalize(text):
    """The normalised text: « Chui DÉG00TÉ, c nuuul!!! » → « j suis degoute c est nul »."""
    return " ".join(token.text for token in tokenize(text))


@dataclass(frozen=True, slots=True)
class Match:
    term: str  # the lexicon expression, as written in the data file
    start: int  # offsets of the matched words in the original text
    end: int
    first: int  # token indices, last exclusive
    last: int


_GAP = "..."
_GAP_LENGTH = 3


class Lexicon:
    """A list of expressions compiled into a matcher over normalised tokens.

    Syntax of an expression (one per line in a data file; `#` starts a comment):
    - words separated by spaces; accents, case, apostrophes and hyphens do not matter;
    - `a|b|c` gives alternatives for one word (« je vais te|le|la tuer »);
    - `*` at the end of a word matches any ending (« harcel* »);
    - `...` skips up to three words of the same clause (« heures sup ... pas payees »);
    - ` ; ` separates whole expressions written on one line (« burn out ; surmenage »).
    Words of six letters or more are also compared squeezed (doubled letters made single), so
    « conard » or « salloppe » match; shorter words must match exactly (« conne » ≠ « cône »).
    """

    def __init__(self, expressions):
        self._by_word = {}
        self._by_prefix = {}
        self.expressions = []
        for expression in expressions:
            steps = self._compile(expression)
            if not steps:
                continue
            self.expressions.append(expression)
            words, prefixes = steps[0]
            for word in words:
                self._by_word.setdefault(word, []).append((expression, steps))
            for prefix in prefixes:
                self._by_prefix.setdefault(prefix, []).append((expression, steps))
        self._prefix_lengths = sorted({len(prefix) for prefix in self._by_prefix})

    @staticmethod
    def _compile(expression):
        steps = []
        for position in re.sub(r"['`\-]", " ", fold(expression)).split():
            if position == _GAP:
                steps.append(_GAP)
                continue
            words, prefixes = set(), set()
            for alternative in position.split("|"):
                word = _lexicon_form(alternative.rstrip("*"))
                (prefixes if alternative.endswith("*") else words).add(word)
            steps.append((frozenset(words), tuple(sorted(prefixes))))
        if steps and (steps[0] == _GAP or steps[-1] == _GAP):
            raise ValueError(f"an expression cannot start or end with a gap: {expression!r}")
        return steps

    @classmethod
    def from_lines(cls, lines):
        return cls(_expressions(lines))

    @classmethod
    def from_file(cls, path):
        return cls.from_lines(Path(path).read_text(encoding="utf-8").splitlines())

    def __len__(self):
        return len(self.expressions)

    def find(self, text_or_tokens):
        """Every match in a text (or its tokens), in order; matches may overlap."""
        tokens = tokenize(text_or_tokens) if isinstance(text_or_tokens, str) else text_or_tokens
        words = [_forms(token.text) for token in tokens]
        matches = []
        for index, forms in enumerate(words):
            candidates = []
            for word in forms:
                candidates.extend(self._by_word.get(word, ()))
                for length in self._prefix_lengths:
                    if length > len(word):
                        break
                    candidates.extend(self._by_prefix.get(word[:length], ()))
            for expression, steps in dict(candidates).items():
                last = _match_steps(steps, 1, index + 1, words, tokens)
                if last is not None:
                    start, end = tokens[index].start, tokens[last - 1].end
                    matches.append(Match(expression, start, end, index, last))
        return matches


_SHORT = 6


def _lexicon_form(word):
    """Long lexicon words are squeezed; short ones stay exact (« conne » is not « cône »)."""
    return squeeze(word) if len(word) >= _SHORT else word


def _forms(word):
    squeezed = squeeze(word)
    return (word,) if squeezed == word else (word, squeezed)


def _word_fits(step, forms):
    words, prefixes = step
    return any(
        form in words or any(form.startswith(prefix) for prefix in prefixes) for form in forms
    )


def _match_steps(steps, step_index, position, words, tokens):
    """The token index after a match of steps[step_index:] at `position`, or None."""
    if step_index == len(steps):
        return position
    step = steps[step_index]
    if step == _GAP:
        clause = tokens[position - 1].clause
        for skip in range(_GAP_LENGTH + 1):
            at = position + skip
            if at >= len(words) or tokens[at].clause != clause:
                return None
            if _word_fits(steps[step_index + 1], words[at]):
                found = _match_steps(steps, step_index + 2, at + 1, words, tokens)
                if found is not None:
                    return found
        return None
    if position < len(words) and _word_fits(step, words[position]):
        return _match_steps(steps, step_index + 1, position + 1, words, tokens)
    return None


def _expressions(lines):
    for line in lines:
        for expression in line.split("#", 1)[0].split(";"):
            if expression.strip():
                yield expression.strip()


@cache
def load_sections(path):
    """A data file split by `[section]` headers, each section compiled into a `Lexicon`."""
    sections, current = {}, None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        content = line.split("#", 1)[0].strip()
        header = re.fullmatch(r"\[(\w+)\]", content)
        if header:
            current = sections.setdefault(header.group(1), [])
        elif content:
            if current is None:
                raise ValueError(f"{path}: expression before any [section]: {content!r}")
            current.extend(_expressions([content]))
    return {name: Lexicon(expressions) for name, expressions in sections.items()}
