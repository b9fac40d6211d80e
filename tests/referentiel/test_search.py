import pytest

from sirius.referentiel.models import Formation
from sirius.referentiel.search import normalize_search_text
from tests.factories import FormationFactory


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BTS Management Commercial Opérationnel", "bts management commercial operationnel"),
        ("Côte-d'Or,  Œnologie", "cote d or oenologie"),
        ("  RNCP34825 ", "rncp34825"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_search_text(text, expected):
    assert normalize_search_text(text) == expected


@pytest.mark.django_db
class TestFormationMatching:
    def test_words_match_accents_and_case_aside_and_all_must_match(self):
        patissier = FormationFactory(intitule="Pâtissier", diplome="CAP")
        FormationFactory(intitule="Boulanger", diplome="CAP")

        assert list(Formation.objects.matching("PATISSIER cap")) == [patissier]
        assert list(Formation.objects.matching("pâtissier bts")) == []

    def test_a_code_matches_exactly(self):
        formation = FormationFactory(cfd="50022137", rncp="RNCP37861")
        FormationFactory()

        assert list(Formation.objects.matching("50022137")) == [formation]
        assert list(Formation.objects.matching(formation.formateur.siret)) == [formation]

    def test_an_empty_filter_keeps_everything(self):
        FormationFactory.create_batch(2)

        assert Formation.objects.matching("  ").count() == 2
