"""The catalogue import when the file is valid: what is stored, and what a re-import changes."""

import pytest

from sirius.audit.models import Event
from sirius.referentiel.catalogue.services import catalogue_import_file, catalogue_import_rows
from sirius.referentiel.enums import Region
from sirius.referentiel.models import Establishment, Formation
from tests.factories import UserFactory

from .catalogue_rows import (
    FORMATEUR_SIRET,
    FORMATEUR_UAI,
    GESTIONNAIRE_SIRET,
    catalogue_row,
    numbered,
    write_csv,
)

pytestmark = pytest.mark.django_db


class TestFirstImport:
    def test_counts_and_stored_fields(self, tmp_path):
        rows = [catalogue_row(1, extra_column="gardée"), catalogue_row(2, cfd="", niveau="")]
        path = write_csv(tmp_path / "catalogue.csv", rows)

        summary = catalogue_import_file(path)

        assert (summary.formations_created, summary.formations_updated) == (2, 0)
        assert summary.formations_unchanged == 0
        assert (summary.establishments_created, summary.establishments_updated) == (2, 0)
        formation = Formation.objects.get(cle_ministere_educatif=rows[0]["cle_ministere_educatif"])
        assert formation.cfd == "32031213"
        assert formation.rncp == "RNCP34825"
        assert formation.intitule == "BTS MANAGEMENT COMMERCIAL OPÉRATIONNEL"
        assert formation.niveau == 5
        assert formation.duree == 2
        assert (formation.latitude, formation.longitude) == (48.8589, 2.379)
        assert (formation.code_postal, formation.departement) == ("75011", "75")
        assert formation.region == Region.ILE_DE_FRANCE
        assert formation.localite == "Paris"
        assert formation.formateur.siret == FORMATEUR_SIRET
        assert formation.formateur.uai == FORMATEUR_UAI
        assert formation.gestionnaire.siret == GESTIONNAIRE_SIRET
        assert formation.catalogue_record["extra_column"] == "gardée"
        assert formation.catalogue_record["cfd"] == "32031213"
        other = Formation.objects.get(cle_ministere_educatif=rows[1]["cle_ministere_educatif"])
        assert (other.cfd, other.niveau) == ("", None)

    def test_search_text_is_lowercase_without_accents(self):
        catalogue_import_rows(numbered([catalogue_row()]))

        formation = Formation.objects.get()
        assert "bts management commercial operationnel" in formation.search_text
        assert "32031213" in formation.search_text
        assert "rncp34825" in formation.search_text
        formateur = Establishment.objects.get(siret=FORMATEUR_SIRET)
        assert "cfa commerce paris" in formateur.search_text
        assert "association cfa commerce" in formateur.search_text
        assert FORMATEUR_UAI.lower() in formateur.search_text
        assert "paris" in formateur.search_text

    def test_an_establishment_keeps_the_first_non_empty_values(self):
        rows = [
            catalogue_row(1, etablissement_formateur_uai="", etablissement_formateur_enseigne=""),
            catalogue_row(2, etablissement_formateur_enseigne="Premier nom"),
            catalogue_row(3, etablissement_formateur_enseigne="Autre nom"),
        ]

        summary = catalogue_import_rows(numbered(rows))

        assert summary.establishments_created == 2
        formateur = Establishment.objects.get(siret=FORMATEUR_SIRET)
        assert (formateur.uai, formateur.enseigne) == (FORMATEUR_UAI, "Premier nom")
        assert formateur.formations_taught.count() == 3

    def test_the_same_establishment_may_teach_and_manage(self):
        row = catalogue_row(etablissement_gestionnaire_siret=FORMATEUR_SIRET)

        summary = catalogue_import_rows(numbered([row]))

        assert summary.establishments_created == 1
        formation = Formation.objects.get()
        assert formation.formateur_id == formation.gestionnaire_id

    def test_the_departement_and_region_come_from_the_postcode_when_missing(self):
        row = catalogue_row(code_postal="2000", num_departement="", region="")

        catalogue_import_rows(numbered([row]))

        formation = Formation.objects.get()
        assert formation.code_postal == "02000"
        assert (formation.departement, formation.region) == ("02", Region.HAUTS_DE_FRANCE)

    def test_writes_one_audit_event_with_the_counts(self, tmp_path):
        admin = UserFactory(admin=True)
        path = write_csv(tmp_path / "catalogue-2026.csv", [catalogue_row()])

        catalogue_import_file(path, actor=admin)

        event = Event.objects.get(verb="catalogue.imported")
        assert event.actor == admin
        assert event.data["source"] == "catalogue-2026.csv"
        assert event.data["formations_created"] == 1
        assert event.data["establishments_created"] == 2

    def test_reports_progress(self):
        calls = []

        catalogue_import_rows(
            numbered([catalogue_row(1), catalogue_row(2)]),
            progress=lambda step, done, total: calls.append((step, done, total)),
        )

        assert ("Vérification", 2, 2) in calls
        assert calls[-1] == ("Enregistrement", 2, 2)


class TestReimport:
    def test_the_same_rows_twice_change_nothing(self, tmp_path):
        path = write_csv(tmp_path / "catalogue.csv", [catalogue_row(1), catalogue_row(2)])
        catalogue_import_file(path)
        updated_at = Formation.objects.order_by("pk").values_list("updated_at", flat=True)[0]

        summary = catalogue_import_file(path)

        assert (summary.formations_created, summary.formations_updated) == (0, 0)
        assert summary.formations_unchanged == 2
        assert (summary.establishments_created, summary.establishments_updated) == (0, 0)
        assert Formation.objects.order_by("pk").values_list("updated_at", flat=True)[0] == (
            updated_at
        )
        assert Event.objects.filter(verb="catalogue.imported").count() == 2

    def test_a_changed_row_is_updated(self):
        catalogue_import_rows(numbered([catalogue_row(1), catalogue_row(2)]))
        changed = catalogue_row(2, intitule_long="BTS NÉGOCIATION", duree="1")

        summary = catalogue_import_rows(numbered([catalogue_row(1), changed]))

        assert (summary.formations_created, summary.formations_updated) == (0, 1)
        assert summary.formations_unchanged == 1
        formation = Formation.objects.get(cle_ministere_educatif=changed["cle_ministere_educatif"])
        assert (formation.intitule, formation.duree) == ("BTS NÉGOCIATION", 1)
        assert "bts negociation" in formation.search_text

    def test_a_changed_extra_column_is_an_update(self):
        catalogue_import_rows(numbered([catalogue_row(note="a")]))

        summary = catalogue_import_rows(numbered([catalogue_row(note="b")]))

        assert summary.formations_updated == 1
        assert Formation.objects.get().catalogue_record["note"] == "b"

    def test_a_changed_establishment_is_updated_and_a_new_one_linked(self):
        catalogue_import_rows(numbered([catalogue_row()]))
        new_siret = "73282932000074"
        row = catalogue_row(
            etablissement_formateur_enseigne="CFA renommé",
            etablissement_gestionnaire_siret=new_siret,
        )

        summary = catalogue_import_rows(numbered([row]))

        assert (summary.establishments_created, summary.establishments_updated) == (1, 1)
        assert Establishment.objects.get(siret=FORMATEUR_SIRET).enseigne == "CFA renommé"
        assert Formation.objects.get().gestionnaire.siret == new_siret
