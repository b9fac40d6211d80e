"""People's names in a free text: trainers, bosses, tutors, classmates.

Four kinds of evidence, from strongest to weakest:

1. a title before a word: « M. Durand », « Mme Le Goff », « monsieur petit », « s'appelle X »;
2. a role before a word: « le prof Durand », « mon patron kevin », « la prof de maths, Sophie »;
3. a first name from `data/prenoms.txt`, even lowercase (« kevin et mathis »), followed maybe by
   a surname (« Thierry Morel », « kevin martin »);
4. spaCy's `PER` entities (« Dupuis c'est… »), kept only when they look like names.

Not names: establishments named after a person (« CFA Jean Monnet », « lycée Victor Hugo »),
places (« Saint-Étienne », « St Pierre »), the context's `allowed_terms`, and first names that are
common words (« rose », « pierre », « claire », « grâce à ») unless the evidence is strong: a title,
a role, a surname after them, or spaCy reading a capitalised word mid-sentence as a person.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .nlp import is_french_word, parse
from .normalize import SMS, fold

DATA = Path(__file__).parent / "data"


def word_set(words, *, folded=True):
    """The words of a space-separated string, folded (lowercase, no accents) unless told not to."""
    return frozenset(fold(word) if folded else word for word in words.split())


# « Jean-Marc » is one word; so is « N'Diaye » (a capital, an apostrophe, a capital).
_WORD = re.compile(r"(?:[A-Z]['’](?=[A-ZÀ-Ý]))?[^\W\d_]+(?:-[^\W\d_]+)*")
# First names that are also French words, places or brands: flagged on strong evidence only.
AMBIGUOUS = word_set(
    """achille aime aimee ambre ange anis aube aude aurore blanche can camelia capucine caro
    celeste cerise charlotte christ claire clement clemence coco colin constance eden florence
    fab garance germain grace hermine iris jade jean jordan lilas lino lolo lorraine loup ludo
    madeleine marc marguerite marin marine mat max megane melodie milan neo noel nono octave
    pascal perle pierre prune rose teddy urbain val victoire violette"""
)
TITLES = word_set(
    "m mr mme mmes mlle melle mle madame monsieur mademoiselle messieurs mesdames dr docteur"
)
ROLES = word_set(
    """prof profs professeur professeure formateur formatrice patron patronne chef cheffe boss
    tuteur tutrice maitre maitresse directeur directrice collegue responsable manager gerant
    gerante referent referente conseiller conseillere coordinateur coordinatrice cpe
    surveillant surveillante secretaire proviseur proviseure employeur employeuse copain copine
    pote camarade binome ami amie apprenti apprentie stagiaire moniteur monitrice intervenant
    intervenante infirmier infirmiere educateur educatrice mentor coach superieur superieure
    chef-cuisinier second"""
)
# Words after a role that say which one (« la prof de maths », « maître d'apprentissage »).
_ROLE_LINKS = word_set("de d du des en")
INSTITUTIONS = word_set(
    """cfa cfai cfppa lycee college ecole universite univ iut campus institut centre fac faculte
    mfr greta afpa afpi cifa ifa ifpa ifria irfa cnam ifsi ifas cci cma btp compagnons stade
    gymnase hopital clinique ehpad gare station
    metro parc pont saint sainte st ste rue avenue boulevard bd allee impasse place quai
    salle batiment musee theatre cinema"""
)
_INSTITUTION_FILLERS = word_set(
    "professionnel professionnelle prive privee public publique agricole technique general "
    "generale polyvalent des metiers de du la l d hotelier"
)
FUNCTION_WORDS = word_set(
    """a à ai as au aux avec avait avoir b bah ben bien bon bonne bref c ca ça car ce ceci cela
    celle celui ces cest cet cette chez ci comme comment d dans de des deja du elle elles en
    encore est et etait ete etre eu eux fait faut fois grave gros j je jsp l la le les leur lui
    m ma mais me meme mes moi mon n ne ni nos notre nous on ou où par pas peu peut plus pour
    pourquoi qu quand que quel quelle qui quoi s sa sans se ses si sinon son sont sous sur t ta
    te tes toi ton tous tout toute toutes tres trop tu un une vers vos votre vous vraiment y
    deux trois quatre cinq six sept huit neuf dix premier premiere dernier derniere
    mdr lol ptdr tkt jpp bcp vrmt tjr tjrs stp svp genre franchement perso wesh frr
    merci bonjour salut super top nul cool sympa chiant
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin
    juillet aout septembre octobre novembre decembre
    il ils donc puis alors aussi enfin apres avant depuis pendant chaque entre contre selon
    ici la-bas voila oui non ok okay hein quoi rien personne tres-bien jamais toujours souvent
    parfois deja ya g ct cc bjr slt dc pk pq ptn putain"""
) | frozenset(SMS)
# Apprenticeship acronyms and words spaCy sometimes reads as people.
NOT_NAMES = word_set(
    """cfa bts cap bac pro bp bm bep but dut mc rncp opco siret uai ndrc mco sio gpme cg ms
    titre licence master alternance apprentissage apprenti apprentie formation entreprise
    pole emploi france travail caf mission locale onisep parcoursup google instagram snap
    snapchat tiktok whatsapp facebook linkedin youtube discord insta"""
)
# Surnames that are also trades, adjectives or places (« Boulanger c'est dur »).
SURNAMES_LIKE_WORDS = word_set(
    """barbier baron barre berger bigot blanc bonnet boucher boulanger bourgeois breton brun
    buisson carre carpentier charpentier chauvin chevalier collet cordier cousin fontaine
    gaillard laine le leger marchand marechal mercier meunier millet moulin paris petit picard
    poirier poulain renard riviere roche roux vasseur"""
)
# Words that follow a surname used as a subject (« Dupont nous… », « Martin m'a… »).
_SUBJECT_FOLLOWERS = word_set(
    """nous vous me m te t il elle c n ne leur lui se s est a etait était fait dit explique
    met donne crie gueule hurle sait reste arrive part parle""",
    folded=False,
)
_PARTICLES = word_set("le la de du van von da dos di del ben el")
_LIST_JOIN = re.compile(r"\s*(?:,|et)\s*")
_DETERMINERS = word_set("un une des les du au aux ce cet cette ces la le l")


@functools.cache
def _name_list(filename):
    """folded name → the lowercase spellings of the list (« ines » → {« inès »})."""
    names = {}
    for line in (DATA / filename).read_text(encoding="utf-8").splitlines():
        name = line.strip().lower()
        if name and not name.startswith("#"):
            for variant in {name, name.split()[-1]}:
                names.setdefault(fold(variant), set()).add(variant)
    return names


def _in_list(word, filename):
    """`word` (lowercase) spells a listed name, possibly without its accents."""
    spellings = _name_list(filename).get(fold(word))
    return bool(spellings) and (word in spellings or word == fold(word))


def is_first_name(word):
    word = word.lower()
    if _in_list(word, "prenoms.txt"):
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(_in_list(part, "prenoms.txt") for part in parts)


def is_surname(word):
    return _in_list(word.lower(), "noms.txt")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int
    lower: str
    folded: str
    capitalised: bool  # « Durand », not « durand » nor « DURAND » in a shouted text
    sentence_start: bool


def words_of(text):
    shouting = sum(c.isupper() for c in text) > 0.5 * max(1, sum(c.isalpha() for c in text))
    words, previous_end = [], 0
    for match in _WORD.finditer(text):
        raw = match.group()
        between = text[previous_end : match.start()]
        sentence_start = not words or bool(re.search(r"[.!?\n]", between))
        capitalised = raw[0].isupper() and not shouting and not (len(raw) > 1 and raw.isupper())
        lower = raw.lower()
        words.append(
            Word(raw, match.start(), match.end(), lower, fold(lower), capitalised, sentence_start)
        )
        previous_end = match.end()
    return words


# A verb in the imperative with its pronoun (« Accroche-toi », « Vas-y », « Dis-leur ») is
# never a name, though spaCy sometimes tags one as a person at the start of a sentence.
_IMPERATIVE = re.compile(r"-(?:toi|moi|vous|nous|le|la|les|lui|leur|y|en|t-en|m-en)$")


def _is_plain(word):
    """Could be a name: not a function word, not an apprenticeship word, not a title or role."""
    return (
        not _IMPERATIVE.search(word.folded)
        and word.folded not in FUNCTION_WORDS
        and word.folded not in NOT_NAMES
        and word.folded not in TITLES
        and word.folded not in ROLES
        and len(word.folded) > 1
    )


def _looks_like_name(word):
    """After a role: a capitalised word, a listed name, or a word that is not French."""
    if not _is_plain(word):
        return False
    if word.capitalised or is_first_name(word.lower) or is_surname(word.lower):
        return True
    return len(word.folded) >= 3 and not is_french_word(word.lower)


def _joined(text, left, right, allowed=r"\s*[,:(]?\s*"):
    """Only spaces and a comma, colon or bracket between two words."""
    return re.fullmatch(allowed, text[left.end : right.start]) is not None


def _after_institution(words, index):
    """`words[index]` names an establishment or a place: « CFA Jean Monnet », « St Pierre »."""
    for back in range(index - 1, max(-1, index - 4), -1):
        folded = words[back].folded
        if folded in INSTITUTIONS:
            return True
        if folded in TITLES or folded in ROLES:
            return False
        if folded not in _INSTITUTION_FILLERS and not words[back].capitalised:
            return False
    return False


def _extend(text, words, index, last):
    """The index of the last word of a name starting at `index`: surnames and particles."""
    while last + 1 < len(words) and _joined(text, words[last], words[last + 1], r" "):
        following = words[last + 1]
        if following.folded in _PARTICLES and last + 2 < len(words):
            after = words[last + 2]
            if after.capitalised and _joined(text, following, after, r" "):
                last += 2
                continue
            return last
        is_surname_like = following.capitalised or is_surname(following.lower)
        if not (_is_plain(following) and is_surname_like):
            return last
        if following.folded in INSTITUTIONS:
            return last
        last += 1
    return last


def find_names(text):
    """(start, end) of each person's name in `text`, in order, possibly overlapping."""
    words = words_of(text)
    found = []
    for index in range(len(words)):
        first = _name_start(text, words, index)
        if first is None or _after_institution(words, first):
            continue
        last = _extend(text, words, first, first)
        found.append((words[first].start, words[last].end))
    found.extend(_spacy_names(text, words))
    found.extend(_listed_with(text, words, found))
    return sorted(set(found))


def _listed_with(text, words, found):
    """« merci à Pierre et Claire »: a capitalised ambiguous first name listed with a name."""
    starts = {start for start, _ in found}
    ends = {end for _, end in found}
    for word in words:
        candidate = word.folded in AMBIGUOUS and word.capitalised and not word.sentence_start
        if not candidate or word.start in starts or not is_first_name(word.lower):
            continue
        listed = any(_LIST_JOIN.fullmatch(text, end, word.start) for end in ends) or any(
            _LIST_JOIN.fullmatch(text, word.end, start) for start in starts
        )
        if listed:
            yield word.start, word.end


def _name_start(text, words, index):
    """The index of the first word of a name that `words[index]` gives evidence of, or None."""
    word = words[index]
    following = words[index + 1] if index + 1 < len(words) else None
    if word.folded in TITLES and following is not None:
        separator = r"\.?\s*" if word.folded in {"m", "mr", "mme", "mlle", "dr"} else r"\s*"
        if word.folded == "m" and not (word.text == "M" and text[word.end : word.end + 1] == "."):
            return None  # « M. Durand », never a lone « m »
        if not _joined(text, word, following, separator):
            return None
        if following.folded in _PARTICLES and index + 2 < len(words):
            return index + 1 if words[index + 2].capitalised else None
        return index + 1 if _is_plain(following) else None
    if word.folded in ROLES and following is not None:
        position = index + 1
        if following.folded in _ROLE_LINKS and index + 2 < len(words):
            position = index + 2 + (words[index + 2].folded in {"la", "l"})
        if position < len(words) and _joined(text, words[position - 1], words[position]):
            if position > index + 1 and position + 1 < len(words):  # « prof de maths Durand »
                candidate = words[position + 1]
                if _joined(text, words[position], candidate) and _looks_like_name(candidate):
                    return position + 1
            if position == index + 1 and _looks_like_name(words[position]):
                return position
        return None
    if word.folded in {"appelle", "appelait", "nomme", "nommee", "prenomme", "prenommee"}:
        after_se = index > 0 and words[index - 1].folded == "s" and following is not None
        if after_se and _is_plain(following) and _joined(text, word, following, r"\s+"):
            return index + 1
        return None
    if _is_surname_subject(words, index):
        return index
    if not is_first_name(word.lower) or not _is_plain(word):
        return None
    previous = words[index - 1] if index > 0 else None
    if previous is not None and previous.folded in _DETERMINERS - {"la", "le", "l"}:
        return None  # « une Clio », « des Megane »
    if word.folded in AMBIGUOUS:
        return index if _ambiguous_is_name(text, words, index) else None
    return index


def _is_surname_subject(words, index):
    """« Dupont nous fait des cours… », « Dupuis c'est… »: a known surname doing something."""
    word = words[index]
    if not (word.capitalised and is_surname(word.lower)) or word.folded in SURNAMES_LIKE_WORDS:
        return False
    following = words[index + 1] if index + 1 < len(words) else None
    if following is None or following.lower not in _SUBJECT_FOLLOWERS:
        return False
    after = words[index + 2] if index + 2 < len(words) else None
    return not (following.lower == "a" and after is not None and after.capitalised)  # « a Lyon »


def _ambiguous_is_name(text, words, index):
    """« Pierre » is a name in « avec Pierre Martin » or mid-sentence « merci à Pierre »."""
    word = words[index]
    if not word.capitalised:
        return False
    previous = words[index - 1] if index > 0 else None
    if previous is not None and previous.folded in _DETERMINERS:
        return False
    following = words[index + 1] if index + 1 < len(words) else None
    surname_follows = (
        following is not None
        and _joined(text, word, following, r" ")
        and _is_plain(following)
        and (following.capitalised or is_surname(following.lower))
    )
    if surname_follows:
        return True
    return not word.sentence_start and any(
        entity.label_ == "PER" and entity.start_char <= word.start < entity.end_char
        for entity in parse(text).ents
    )


def _spacy_names(text, words):
    """spaCy's PER entities, trimmed of titles and roles, when they look like a person's name."""
    by_start = {word.start: index for index, word in enumerate(words)}
    for entity in parse(text).ents:
        if entity.label_ != "PER":
            continue
        indices = [
            by_start[token.idx] for token in entity if token.idx in by_start and token.is_alpha
        ]
        while indices and not _is_name_edge(words[indices[0]]):
            indices.pop(0)
        while indices and not _is_name_edge(words[indices[-1]]):
            indices.pop()
        if not indices or _after_institution(words, indices[0]):
            continue
        candidates = [words[index] for index in indices]
        if any(not _is_plain(word) for word in candidates):
            continue
        if all(_is_common_word(word) for word in candidates):
            continue
        previous = words[indices[0] - 1] if indices[0] > 0 else None
        single = len(candidates) == 1 and not is_first_name(candidates[0].lower)
        if single and previous is not None and previous.folded == "chez":
            continue  # « chez Norauto », « chez Leclerc »: a business
        if any(word.folded in INSTITUTIONS for word in candidates):
            continue
        yield candidates[0].start, candidates[-1].end


def _is_name_edge(word):
    """A word that may start or end a name: spaCy's entity « Appelle Kevin » is only « Kevin »."""
    if not _is_plain(word):
        return False
    if is_first_name(word.lower) or is_surname(word.lower):
        return True
    return not _is_common_word(word)


def _is_common_word(word):
    """A word that is more likely a common word than a name when spaCy calls it a person."""
    if is_first_name(word.lower):
        return word.folded in AMBIGUOUS and (word.sentence_start or not word.capitalised)
    if is_surname(word.lower):
        return not word.capitalised or (word.sentence_start and word.folded in SURNAMES_LIKE_WORDS)
    return not word.capitalised or is_french_word(word.lower)
