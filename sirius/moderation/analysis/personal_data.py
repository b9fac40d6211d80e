"""Personal data in a free text: e-mails, phone numbers, links, social handles, addresses, names.

`find_personal_data(text, context)` returns sorted, non-overlapping `Span`s with offsets in the
original text. Each kind has its own finder; where two findings overlap, the stronger kind wins
(an e-mail over the link inside it, an address over the « Jean Jaurès » of its street name).
A name found once is found everywhere in the text, so that masking leaves no copy behind.

What is not personal data here: the context's `allowed_terms` (establishment names, commune),
cities and postcodes alone, dates, marks, prices and identifiers (SIRET, RNCP).
"""

import re

import phonenumbers

from ..enums import PersonalDataKind
from .nlp import is_french_word
from .normalize import fold
from .person_names import (
    AMBIGUOUS,
    FUNCTION_WORDS,
    find_names,
    is_first_name,
    word_set,
    words_of,
)
from .result import AnalysisContext, Span

# Where two findings overlap, the first kind here wins.
PRIORITY = (
    PersonalDataKind.EMAIL,
    PersonalDataKind.URL,
    PersonalDataKind.PHONE,
    PersonalDataKind.HANDLE,
    PersonalDataKind.ADDRESS,
    PersonalDataKind.NAME,
)

EMAIL = re.compile(
    r"[\w.+-]+(?:@|\s?\((?:at|arobase)\)\s?|\s(?:arobase|at)\s)[\w-]+(?:\.[\w-]+)*"
    r"(?:\.|\s(?:point|dot)\s)[a-z]{2,6}\b",
    re.IGNORECASE,
)
_TLDS = "fr|com|net|org|io|eu|be|ch|info|biz|tv|app|dev|shop|store|online|me|ee|co|uk|ly|gl|gg|re"
URL = re.compile(
    r"\bhttps?://[^\s<>\"']+"
    r"|\bwww\.[^\s<>\"']+"
    rf"|(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?)]}»'\""
HANDLE_AT = re.compile(r"(?<![\w@.])@[a-z0-9_](?:[a-z0-9_.]*[a-z0-9_])?", re.IGNORECASE)
_NETWORKS = r"snap(?:chat)?|insta(?:gram)?|tik\s?tok|twitter|discord|fb|facebook|twitch|telegram"
HANDLE_CUE = re.compile(
    rf"\b(?:{_NETWORKS})\b(?P<separator>\s*(?::|=|->)\s*|\s+(?:c'est|c’est|cest|c est|:)?\s*)"
    r"@?(?P<handle>[a-z0-9_](?:[a-z0-9_.]*[a-z0-9_])?)",
    re.IGNORECASE,
)
_STREET_TYPES = (
    r"rue|ruelle|avenue|av|bd|blvd|boulevard|impasse|imp|all[ée]e|chemin|route|rte|place|quai"
    r"|cours|square|voie|passage|lotissement|r[ée]sidence|cit[ée]|hameau|lieu-dit|chauss[ée]e"
    r"|faubourg|mont[ée]e|sentier|esplanade|promenade|parvis|rond-point"
)
# Street types that are also everyday words (« la place », « les cours »): they need a number
# and a capitalised name or a postcode.
_NEEDS_NUMBER = word_set("route place quai cours voie passage cité")
ADDRESS = re.compile(
    r"(?:\b(?:n°\s*)?(?P<number>\d{1,4})(?:\s?(?:bis|ter|quater|[a-d])\b)?\s*,?\s+)?"
    rf"\b(?P<type>{_STREET_TYPES})\.?\s+"
    r"(?P<link>(?:de\s+la|de\s+l'|de\s+l’|du|des|de|d'|d’|la|le|les|l'|l’)\s*)?"
    r"(?P<name>[^\W\d_][\w'’-]*)",
    re.IGNORECASE,
)
POSTCODE_CITY = re.compile(
    r"\s*,?\s*(?:(?:à|a)\s+)?\d{5}\s+[^\W\d_][\w'’-]*(?:\s+cedex)?", re.IGNORECASE
)
_STREET_NAME_WORDS = 4
_NEXT_STREET_WORD = re.compile(
    r"\s+(?:(?P<link>de\s+la|de|du|des|la|le|d'|d’|l'|l’)\s*)?(?P<word>[^\W\d_][\w'’-]*)",
    re.IGNORECASE,
)


def find_personal_data(text, context=None):
    """The personal data in `text`: sorted, non-overlapping spans of the original text."""
    context = context or AnalysisContext()
    allowed = _allowed_ranges(text, context.allowed_terms)
    candidates = []
    for kind, finder in _FINDERS:
        for start, end in finder(text):
            if not any(start < a_end and a_start < end for a_start, a_end in allowed):
                candidates.append((kind, start, end))
    candidates.extend(_repeated_names(text, candidates, allowed))
    return _resolve_overlaps(text, candidates)


def _allowed_ranges(text, terms):
    """Where the allowed terms appear in `text`, ignoring case and accents."""
    folded = fold(text)
    if len(folded) != len(text):  # « œ » opened to « oe »: offsets would shift
        folded = text.lower()
    ranges = []
    for term in terms:
        needle = fold(term).strip() if len(folded) == len(text) else term.lower().strip()
        for match in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", folded) if needle else ():
            ranges.append((match.start(), match.end()))
    return ranges


def find_emails(text):
    return [match.span() for match in EMAIL.finditer(text)]


def find_urls(text):
    found = []
    for match in URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _URL_TRAILING:
            end -= 1
        found.append((start, end))
    return found


def find_phones(text):
    matcher = phonenumbers.PhoneNumberMatcher(text, "FR", leniency=phonenumbers.Leniency.VALID)
    found = []
    for match in matcher:  # the raw string may hold a bracket: « (06 71 52 84 30) »
        start, end = match.start, match.end
        while start < end and not (text[start].isdigit() or text[start] == "+"):
            start += 1
        while end > start and not text[end - 1].isdigit():
            end -= 1
        found.append((start, end))
    return found


def find_handles(text):
    found = [match.span() for match in HANDLE_AT.finditer(text)]
    for match in HANDLE_CUE.finditer(text):
        handle = match.group("handle")
        has_separator = bool(match.group("separator").strip())
        marked = bool(re.search(r"[\d_.]", handle))
        if fold(handle) in FUNCTION_WORDS or len(handle) < 3:
            continue
        if marked or (has_separator and fold(handle) not in _NOT_HANDLES):
            found.append(match.span("handle"))
    return found


# Words that follow « insta : » or « snap c'est » without being a handle.
_NOT_HANDLES = word_set("nul top bien mieux pareil interdit obligatoire privé prive")


def find_addresses(text):
    found = []
    for match in ADDRESS.finditer(text):
        everyday_word = fold(match.group("type")) in _NEEDS_NUMBER
        has_number = match.group("number") is not None
        if not has_number and (everyday_word or not _names_a_street(match)):
            continue
        end = _street_name_end(text, match)
        if end is None:
            continue
        following = POSTCODE_CITY.match(text, end)
        if following:
            end = following.end()
        elif everyday_word and not match.group("name")[0].isupper():
            continue  # « 3 cours de cuisine », not « 2 cours Lafayette » nor « 1 place X, 42000 Y »
        found.append((match.start(), end))
    return found


def _names_a_street(match):
    """Without a number, « rue des Lilas » or « avenue Jean Jaurès », not « dans la rue »."""
    return match.group("link") is not None or match.group("name")[0].isupper()


def _street_name_end(text, match):
    """The end of the street's name: up to four words, stopping at the words of the sentence."""
    first = match.group("name")
    if fold(first) in FUNCTION_WORDS and not first[0].isupper():
        return None
    end = match.end("name")
    for _ in range(_STREET_NAME_WORDS - 1):
        following = _NEXT_STREET_WORD.match(text, end)
        if not following:
            break
        word = following.group("word")
        if not word[0].isupper():
            folded = fold(word)
            if following.group("link") or folded in FUNCTION_WORDS:
                break
            if is_french_word(word.lower()) and not is_first_name(word):
                break
        end = following.end()
    return end


_FINDERS = (
    (PersonalDataKind.EMAIL, find_emails),
    (PersonalDataKind.URL, find_urls),
    (PersonalDataKind.PHONE, find_phones),
    (PersonalDataKind.HANDLE, find_handles),
    (PersonalDataKind.ADDRESS, find_addresses),
    (PersonalDataKind.NAME, find_names),
)


def _repeated_names(text, candidates, allowed):
    """Every other occurrence of a word of a found name (« Léa » in « Léa… merci Léa »)."""
    name_words = {}
    for kind, start, end in candidates:
        if kind == PersonalDataKind.NAME:
            for word in words_of(text[start:end]):
                if len(word.folded) >= 3 and word.folded not in FUNCTION_WORDS:
                    name_words[word.folded] = word.folded in AMBIGUOUS
    repeated = []
    for word in words_of(text):
        if word.folded in name_words and (word.capitalised or not name_words[word.folded]):
            span = (word.start, word.end)
            if not any(word.start < a_end and a_start < word.end for a_start, a_end in allowed):
                repeated.append((PersonalDataKind.NAME, *span))
    return repeated


def _resolve_overlaps(text, candidates):
    """Keep the strongest kind where findings overlap; join overlapping findings of one kind."""
    rank = {kind: position for position, kind in enumerate(PRIORITY)}
    kept = []
    for kind, start, end in sorted(candidates, key=lambda c: (rank[c[0]], c[1], c[1] - c[2])):
        overlapping = [k for k in kept if start < k[2] and k[1] < end]
        if not overlapping:
            kept.append((kind, start, end))
        elif all(k[0] == kind for k in overlapping):
            for k in overlapping:
                kept.remove(k)
            start = min(start, *(k[1] for k in overlapping))
            end = max(end, *(k[2] for k in overlapping))
            kept.append((kind, start, end))
    return [
        Span(kind=str(kind), start=start, end=end, text=text[start:end])
        for kind, start, end in sorted(kept, key=lambda k: k[1])
        if end > start
    ]
