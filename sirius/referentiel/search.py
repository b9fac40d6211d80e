"""Text normalisation shared by the stored search columns and the public search.

`Formation.search_text` and `Establishment.search_text` hold normalised text; a search view
normalises the query the same way and filters with `search_text__contains`.
"""

import re
import unicodedata

NON_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
WORD = re.compile(r"\w+")
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def normalize_search_text(text):
    """Lower case, accents removed, punctuation turned into single spaces.

    « Côte-d'Or, BTS MCO » → "cote d or bts mco".
    """
    decomposed = unicodedata.normalize("NFKD", str(text or "").lower().translate(LIGATURES))
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return NON_ALPHANUMERIC.sub(" ", without_accents).strip()


def search_words(text):
    """Normalised words of a query: « Pâtisserie-Boulangerie » → ["patisserie", "boulangerie"]."""
    return WORD.findall(normalize_search_text(text))
