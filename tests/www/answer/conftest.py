import pytest

from tests.factories import CampaignFactory, EstablishmentFactory, FormationFactory


@pytest.fixture
def campaign(db):
    formation = FormationFactory(
        intitule="Boulanger",
        diplome="CAP",
        formateur=EstablishmentFactory(enseigne="CFA du Pain", localite="Lyon"),
    )
    return CampaignFactory(formation=formation)
