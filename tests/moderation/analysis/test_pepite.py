import pytest

from sirius.moderation.analysis.themes import find_themes, is_pepite

POSITIVE_REVIEW = (
    "Je suis en deuxième année de CAP pâtissier et je recommande ce centre. Les formateurs "
    "corrigent nos gestes un par un, parce qu'ils viennent du métier. Mon maître "
    "d'apprentissage me confie la vitrine depuis le troisième mois, j'ai beaucoup appris."
)
NEGATIVE_REVIEW = (
    "Je déconseille cette formation pour l'instant. Les machines de l'atelier sont en panne "
    "depuis septembre, par exemple le four ne chauffe plus, et le secrétariat ne répond pas "
    "aux mails. Il faudrait un vrai suivi des apprentis en entreprise."
)
BALANCED_REVIEW = (
    "Formation de préparateur en pharmacie très sérieuse, taux de réussite élevé et équipe "
    "accueillante. En revanche le logement reste difficile : aucune résidence pour apprentis "
    "près du centre, j'ai fini par louer une chambre chez l'habitant."
)


def pepite(text, *, flagged=False):
    return is_pepite(text, find_themes(text), flagged=flagged)


class TestPepite:
    @pytest.mark.parametrize("text", [POSITIVE_REVIEW, NEGATIVE_REVIEW, BALANCED_REVIEW])
    def test_a_specific_constructive_well_written_review_is_suggested(self, text):
        assert pepite(text)

    def test_a_flagged_text_is_never_suggested(self):
        assert not pepite(POSITIVE_REVIEW, flagged=True)

    def test_a_short_text_is_not_suggested(self):
        assert not pepite("Les profs sont top parce que le matériel est neuf.")

    def test_a_vague_text_is_not_suggested(self):
        vague = (
            "Franchement c'est une très bonne formation, je la recommande à tout le monde parce "
            "que c'était vraiment une belle année pour moi et que je suis content de l'avoir "
            "faite, voilà."
        )
        assert find_themes(vague) == []
        assert not pepite(vague)

    def test_sms_spelling_is_not_suggested(self):
        sms = (
            "Jsuis en CAP pâtissier et jrecommande pcq les formateurs corrigent nos gestes un "
            "par un, ils viennent du métier. Mon maître dapprentissage me confie la vitrine "
            "depuis le 3e mois, g bcp appris, c top."
        )
        assert not pepite(sms)

    def test_a_shouted_text_is_not_suggested(self):
        assert not pepite(POSITIVE_REVIEW.upper())

    def test_a_text_without_reasons_nor_nuance_is_not_suggested(self):
        listing = (
            "Je suis en deuxième année de CAP pâtissier au centre. Les formateurs sont "
            "excellents et très présents. Mon maître d'apprentissage est génial et patient, "
            "l'ambiance à la boutique est super agréable tous les jours."
        )
        assert len(find_themes(listing)) >= 2
        assert not pepite(listing)
