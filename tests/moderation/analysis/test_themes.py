import pytest

from sirius.moderation.analysis import themes
from sirius.moderation.analysis.themes import find_themes
from sirius.moderation.enums import Theme, Tone


def themes_of(text):
    return [found.theme for found in find_themes(text)]


def tones_of(text):
    return {found.theme: found.tone for found in find_themes(text)}


# One text that speaks about the theme, one that uses a close word without speaking about it.
EXAMPLES = {
    Theme.AMBIANCE: (
        "Super ambiance, on s'entraide tous dans la classe.",
        "J'ai eu mon CAP, merci à toute l'équipe.",
    ),
    Theme.PEDAGOGIE: (
        "La formatrice explique super bien.",
        "C'est une formation très professionnelle.",
    ),
    Theme.CONTENU: (
        "Les cours de gestion sont trop théoriques.",
        "Au cours de l'année j'ai changé de patron.",
    ),
    Theme.EQUIPEMENTS: (
        "Les ordis de la salle info rament, le matériel est vétuste.",
        "L'équipe du salon est accueillante.",
    ),
    Theme.RYTHME: (
        "Le rythme 2 semaines CFA / 2 semaines entreprise me convient.",
        "Je suis en BTS en alternance chez un garagiste.",
    ),
    Theme.HORAIRES: (
        "Trop de boulot, je fais 39h et je finis tard le soir.",
        "Le bus arrive toujours à l'heure.",
    ),
    Theme.ACCOMPAGNEMENT: (
        "Mon référent au CFA fait un vrai suivi, il répond vite.",
        "Formation suivie au CFA de Lyon, rien à dire.",
    ),
    Theme.RECHERCHE_ENTREPRISE: (
        "Galère pour trouver une entreprise, j'ai envoyé 50 CV.",
        "Je trouve que mon entreprise est bien.",
    ),
    Theme.MAITRE_APPRENTISSAGE: (
        "Mon maître d'apprentissage est patient, il m'a tout appris.",
        "Les profs du centre sont sympas.",
    ),
    Theme.REMUNERATION: (
        "Le salaire est bas mais les aides au permis m'ont sauvé.",
        "Il me touche l'épaule pour dire bonjour.",
    ),
    Theme.TRANSPORT_LOGEMENT: (
        "Le CFA est loin, 1h de bus, et l'internat est plein.",
        "Les profs sont en train de corriger, car c'est la fin de l'année.",
    ),
    Theme.EXAMENS: (
        "J'ai eu mon CAP avec mention, les CCF étaient bien préparés.",
        "On va en cours le lundi.",
    ),
    Theme.HANDICAP: (
        "Je suis dys et j'ai eu un tiers temps, le CFA est accessible aux PMR.",
        "Le CFA est à côté de la gare.",
    ),
    Theme.DEBOUCHES: (
        "Après mon BTS j'ai été embauché en CDI, il y a plein de débouchés.",
        "L'emploi du temps change tout le temps.",
    ),
}


class TestThemes:
    @pytest.mark.parametrize("theme", list(Theme))
    def test_a_text_about_the_theme_has_it(self, theme):
        about, _ = EXAMPLES[theme]
        assert theme.value in themes_of(about)

    @pytest.mark.parametrize("theme", list(Theme))
    def test_a_close_word_alone_does_not_give_the_theme(self, theme):
        _, not_about = EXAMPLES[theme]
        assert theme.value not in themes_of(not_about)

    def test_each_theme_once_in_theme_order(self):
        text = (
            "Le patron est top. Les horaires sont durs. Mon patron me laisse faire. "
            "L'ambiance est bonne."
        )
        assert themes_of(text) == ["ambiance", "horaires", "maitre_apprentissage"]

    def test_a_text_without_theme_has_none(self):
        assert find_themes("Très bonne formation, je recommande.") == []
        assert find_themes("") == []

    def test_sms_spelling_and_missing_accents_are_read(self):
        assert tones_of("jsuis trop contente de ma tutrice, elle est grave a lecoute") == {
            "maitre_apprentissage": Tone.POSITIVE
        }
        assert tones_of("les profs c nul, le materiel pa terrible") == {
            "pedagogie": Tone.NEGATIVE,
            "equipements": Tone.NEGATIVE,
        }
        assert tones_of("LES HORAIRES SONT NUUUULS") == {"horaires": Tone.NEGATIVE}

    def test_a_longer_expression_is_one_theme(self):
        assert themes_of("Mon maître d'apprentissage est top.") == ["maitre_apprentissage"]
        assert themes_of("L'emploi du temps change tout le temps.") == ["horaires"]


class TestTone:
    @pytest.mark.parametrize(
        "text, tone",
        [
            ("Les profs sont au top.", Tone.POSITIVE),
            ("Les formateurs sont bienveillants et à l'écoute.", Tone.POSITIVE),
            ("Les profs sont nuls.", Tone.NEGATIVE),
            ("Les profs sont jamais là.", Tone.NEGATIVE),
            ("Les profs sont sympas mais pas à l'écoute.", Tone.MIXED),
        ],
    )
    def test_sentiment_near_the_theme(self, text, tone):
        assert tones_of(text) == {"pedagogie": tone}

    @pytest.mark.parametrize(
        "text, tone",
        [
            ("Mon tuteur est pas top.", Tone.NEGATIVE),
            ("Mon tuteur est pas terrible.", Tone.NEGATIVE),
            ("Mon tuteur est pas mal du tout.", Tone.POSITIVE),
            ("Aucun souci avec mon tuteur.", Tone.POSITIVE),
            ("Pas de problème avec mon tuteur.", Tone.POSITIVE),
            ("Mon tuteur n'est jamais disponible.", Tone.NEGATIVE),
            ("Mon tuteur n'est vraiment pas bienveillant.", Tone.NEGATIVE),
            ("Mon tuteur n'est pas chiant.", Tone.POSITIVE),
        ],
    )
    def test_negation(self, text, tone):
        assert tones_of(text) == {"maitre_apprentissage": tone}

    def test_contrast_words_split_opinions(self):
        assert tones_of("les profs sont top mais les locaux sont vétustes") == {
            "pedagogie": Tone.POSITIVE,
            "equipements": Tone.NEGATIVE,
        }
        assert tones_of("Le salaire est correct, par contre les horaires sont horribles.") == {
            "horaires": Tone.NEGATIVE,
            "remuneration": Tone.POSITIVE,
        }

    def test_sentences_are_judged_apart(self):
        assert tones_of("Le rythme est génial. Les examens sont mal organisés.") == {
            "rythme": Tone.POSITIVE,
            "examens": Tone.NEGATIVE,
        }

    def test_a_following_clause_about_the_same_subject_counts(self):
        assert tones_of("Les profs sont top mais souvent absents.") == {"pedagogie": Tone.MIXED}
        assert tones_of("Mon patron m'a embauché. Il est vraiment génial.") == {
            "maitre_apprentissage": Tone.POSITIVE,
            "debouches": Tone.POSITIVE,
        }

    def test_too_much_and_lacks_are_complaints(self):
        assert tones_of("Il y a trop de boulot.") == {"horaires": Tone.NEGATIVE}
        assert tones_of("Le CFA est trop loin.") == {"transport_logement": Tone.NEGATIVE}
        assert tones_of("Aucun suivi du CFA.") == {"accompagnement": Tone.NEGATIVE}
        assert tones_of("Pas de suivi du CFA.") == {"accompagnement": Tone.NEGATIVE}
        assert tones_of("Il manque de matériel.") == {"equipements": Tone.NEGATIVE}

    def test_a_theme_without_opinion_takes_the_tone_of_the_text(self):
        assert tones_of("Les horaires : 8h-16h. Franchement top.") == {"horaires": Tone.POSITIVE}

    def test_a_theme_without_any_opinion_is_mixed(self):
        assert tones_of("Les horaires : 8h-16h.") == {"horaires": Tone.MIXED}

    def test_an_intensifier_takes_the_tone_of_its_word(self):
        assert tones_of("Les cours sont super durs.") == {"contenu": Tone.NEGATIVE}


def test_the_vocabularies_are_read_once_not_for_each_text(monkeypatch):
    """Analysing a text reads no file (its speed is measured by bench/moderation_analysis.py,
    not by a timed test)."""
    text = "Les profs sont top mais les locaux sont vétustes, et le rythme est fatigant."
    themes._vocabulary.cache_clear()
    reads = []
    read_sections = themes._read_sections
    monkeypatch.setattr(
        themes, "_read_sections", lambda path: reads.append(path) or read_sections(path)
    )

    find_themes(text)
    first_reads = len(reads)
    for _ in range(20):
        find_themes(text)

    assert first_reads > 0
    assert len(reads) == first_reads
