"""Text normalisation shared by the catalogue import (search_text columns) and the search pages."""

import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def normalize_search_text(text):
    """Lowercase, strip accents, collapse spaces.

    « Pâtissier  Œnologue » → « patissier oenologue ».
    """
    text = (text or "").lower().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(without_accents.split())
