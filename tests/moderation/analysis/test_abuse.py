import pytest

from sirius.moderation.analysis.abuse import find_abuse


@pytest.mark.parametrize(
    "text",
    [
        "ce prof est un abruti",
        "c'est un connard le patron",
        "bande de cons",
        "le formateur est débile",
        "la secrétaire est une conne",
        "c0nnard de patron",
        "cette s@lope de cheffe",
        "fdp",
        "ntm le cfa",
        "tg",
        "ferme ta gueule",
        "c.o.n.n.a.r.d",
        "connnnnard",
        "sale arabe",
        "les profs sont des incapables",
        "je vais le tuer ce chef",
        "on va le retrouver à la sortie",
        "si je le recroise je lui casse la gueule",
        "espece de gogol",
        "quel bouffon ce tuteur",
    ],
)
def test_abuse_aimed_at_a_person_is_an_insult(text):
    assert find_abuse(text).insult


@pytest.mark.parametrize(
    "text",
    [
        "c'est trop de la merde les horaires",
        "putain c'était dur",
        "la cantine est dégueulasse",
        "c'est débile ce planning",
        "nul à chier le matos",
        "ptn la galère pour se garer",
        "il nous prend pour des abrutis",
        "il est pas con ce prof",
    ],
)
def test_vulgarity_about_things_is_only_vulgar(text):
    finding = find_abuse(text)
    assert finding.vulgar
    assert not finding.insult


@pytest.mark.parametrize(
    "text",
    [
        "Très bonne formation, je recommande",
        "ce prof est nul en pédagogie",
        "le cône de sécurité, la salle, le conseiller",
        "on a eu un contrôle de maths",
    ],
)
def test_clean_texts_are_neither(text):
    finding = find_abuse(text)
    assert not finding.insult
    assert not finding.vulgar
    assert finding.terms == []


def test_terms_are_quoted_as_written():
    assert find_abuse("Le chef est un C0NNARD").terms == ["C0NNARD"]
