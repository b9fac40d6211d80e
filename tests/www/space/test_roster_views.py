from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sirius.audit.models import Event
from sirius.campaigns.models import Contact
from sirius.www.space.roster import PREVIEW_SESSION_KEY
from tests.campaigns.roster_helpers import csv_bytes, xlsx_bytes
from tests.factories import EstablishmentFactory, FormationFactory, UserFactory

UPLOAD = reverse("space:roster_upload")


def upload(client, data, *, name="apprentis.csv", formation=""):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), "formation": formation})


def preview_url(preview_id):
    return reverse("space:roster_preview", kwargs={"preview_id": preview_id})


def confirm_url(preview_id):
    return reverse("space:roster_confirm", kwargs={"preview_id": preview_id})


def preview_id_of(response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url.rstrip("/").split("/")[-1]


@pytest.fixture
def establishment(db):
    return EstablishmentFactory()


@pytest.fixture
def formation(establishment):
    return FormationFactory(formateur=establishment, intitule="Boulanger", cfd="50022133")


@pytest.fixture
def other_formation(db):
    return FormationFactory(intitule="Formation d'un autre CFA")


@pytest.fixture
def staff(establishment):
    return UserFactory(establishments=[establishment])


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def rows(formation, other_formation):
    key = formation.cle_ministere_educatif
    return [
        ["lea@example.fr", "06 12 34 56 78", "Léa", key, "01/09/2025", "31/08/2027"],  # 2 new
        ["tom@example.fr", "", "Tom", formation.cfd, "01/09/2025", ""],  # 3 unchanged
        ["pas-une-adresse", "", "", key, "", ""],  # 4 invalid email
        ["zoe@example.fr", "", "", other_formation.cle_ministere_educatif, "", ""],  # 5 scope
        ["lea@example.fr", "", "", key, "2025-09-01", ""],  # 6 duplicate of 2
    ]


@pytest.fixture
def known_contact(formation):
    return Contact.objects.create(
        formation=formation,
        email="tom@example.fr",
        first_name="Tom",
        contract_start=datetime(2025, 9, 1).date(),
    )


class TestAccess:
    @pytest.mark.parametrize(
        "traits", [{"observer_national": True}, {"observer_region": True}, {"moderator": True}]
    )
    def test_observers_and_moderators_cannot_import(self, client, traits, formation):
        client.force_login(UserFactory(**traits))

        assert client.get(UPLOAD).status_code == 403
        response = upload(
            client, csv_bytes([["a@x.fr", "", "", formation.cle_ministere_educatif, "", ""]])
        )
        assert response.status_code == 403
        assert client.post(confirm_url("abc")).status_code == 403
        assert client.get(preview_url("abc")).status_code == 403
        assert not Contact.objects.exists()

    def test_anonymous_is_sent_to_login(self, client, db):
        response = client.get(UPLOAD)

        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_admin_can_import_with_a_formation_key(self, client, formation):
        client.force_login(UserFactory(admin=True))
        data = csv_bytes([["a@x.fr"]], header=["email"])

        preview_id = preview_id_of(upload(client, data, formation=formation.cle_ministere_educatif))
        client.post(confirm_url(preview_id))

        assert Contact.objects.get().formation == formation

    def test_dashboard_links_to_the_import_for_staff_only(self, staff_client, client, formation):
        dashboard = reverse("space:dashboard")
        link = f'href="{UPLOAD}"'

        assert link in staff_client.get(dashboard).content.decode()
        client.force_login(UserFactory(observer_national=True))
        assert link not in client.get(dashboard).content.decode()


class TestUploadAndPreview:
    def test_upload_form(self, staff_client, formation, other_formation):
        response = staff_client.get(UPLOAD)

        assert response.status_code == 200
        content = response.content.decode()
        assert "Importer la liste de vos apprentis" in content
        assert formation.cle_ministere_educatif in content  # the formation choice
        assert other_formation.cle_ministere_educatif not in content

    def test_preview_lists_every_row_and_writes_nothing(
        self, staff_client, rows, known_contact, django_assert_num_queries
    ):
        events_before = Event.objects.count()

        preview_id = preview_id_of(upload(staff_client, csv_bytes(rows)))
        # session, user, formations in scope, formations outside scope, stored contacts
        with django_assert_num_queries(5):
            response = staff_client.get(preview_url(preview_id))

        assert response.status_code == 200
        assert response.context["counts"] == {"new": 1, "updated": 0, "unchanged": 1, "invalid": 3}
        content = response.content.decode()
        assert "Importer les 2 lignes valides" in content
        assert "Adresse e-mail invalide." in content
        assert "Cette formation n&#x27;est pas rattachée à vos établissements." in content
        assert "(lignes 2 et 6)" in content
        assert "Déjà connu, inchangé" in content
        invalid = [item["line"] for item in response.context["invalid_lines"]]
        assert invalid == [4, 5, 6]
        assert Contact.objects.count() == 1
        assert Event.objects.count() == events_before

    def test_preview_query_count_does_not_grow_with_rows(
        self, staff_client, formation, django_assert_num_queries
    ):
        key = formation.cle_ministere_educatif
        many = [[f"a{n}@x.fr", "", "", key, "", ""] for n in range(300)]

        preview_id = preview_id_of(upload(staff_client, csv_bytes(many)))
        with django_assert_num_queries(4):  # every formation found: no query outside the scope
            response = staff_client.get(preview_url(preview_id))

        assert response.context["counts"]["new"] == 300

    def test_xlsx_upload(self, staff_client, formation):
        data = xlsx_bytes(
            [["a@x.fr", "", "Léa", formation.cle_ministere_educatif, datetime(2025, 9, 1), None]]
        )

        preview_id = preview_id_of(upload(staff_client, data, name="apprentis.xlsx"))
        response = staff_client.get(preview_url(preview_id))

        assert "du 01/09/2025" in response.content.decode()

    def test_chosen_formation(self, staff_client, formation):
        data = csv_bytes([["a@x.fr"], ["b@x.fr"]], header=["E-mail"])

        preview_id = preview_id_of(
            upload(staff_client, data, formation=formation.cle_ministere_educatif)
        )
        response = staff_client.get(preview_url(preview_id))

        assert response.context["counts"]["new"] == 2
        assert "Boulanger" in response.content.decode()

    def test_chosen_formation_of_another_cfa_is_refused(self, staff_client, other_formation):
        data = csv_bytes([["a@x.fr"]], header=["email"])

        response = upload(staff_client, data, formation=other_formation.cle_ministere_educatif)

        assert response.status_code == 200
        assert response.context["form"].errors["formation"]
        assert PREVIEW_SESSION_KEY not in staff_client.session

    @pytest.mark.parametrize(
        "data, message",
        [
            (csv_bytes([["Léa"]], header=["prénom"]), "Colonnes obligatoires absentes"),
            (b"", "Le fichier soumis est vide."),
            (b"\xd0\xcf\x11\xe0xx", "Format .xls non pris en charge"),
            (csv_bytes([], header=["email", "formation"]), "aucune ligne après l&#x27;en-tête"),
        ],
    )
    def test_unreadable_files(self, staff_client, data, message):
        response = upload(staff_client, data)

        assert response.status_code == 200
        assert message in response.content.decode()
        assert PREVIEW_SESSION_KEY not in staff_client.session

    def test_file_over_5_mb(self, staff_client):
        data = csv_bytes([["a@x.fr", "K"]], header=["email", "formation"]) + b" " * (
            5 * 1024 * 1024
        )

        response = upload(staff_client, data)

        assert "Le fichier dépasse la taille maximale de 5 Mo." in response.content.decode()


class TestConfirmation:
    def test_imports_only_the_valid_rows(self, staff_client, staff, rows, known_contact):
        preview_id = preview_id_of(upload(staff_client, csv_bytes(rows)))

        response = staff_client.post(confirm_url(preview_id))

        assert response.url == reverse("space:roster_result", kwargs={"preview_id": preview_id})
        assert sorted(Contact.objects.values_list("email", flat=True)) == [
            "lea@example.fr",
            "tom@example.fr",
        ]
        assert Contact.objects.get(email="lea@example.fr").imported_by == staff
        event = Event.objects.get(verb="contacts.imported")
        assert event.data == {
            "created": 1, "updated": 0, "unchanged": 1, "refused": 3, "formations": 1,
        }  # fmt: skip
        assert event.actor == staff
        result = staff_client.get(response.url)
        assert result.status_code == 200
        assert result.context["result"]["created"] == 1
        # The preview is gone: confirming again is a 404 and imports nothing more.
        assert staff_client.post(confirm_url(preview_id)).status_code == 404
        assert staff_client.get(preview_url(preview_id)).status_code == 404
        assert Contact.objects.count() == 2

    def test_get_does_not_import(self, staff_client, rows):
        preview_id = preview_id_of(upload(staff_client, csv_bytes(rows)))

        assert staff_client.get(confirm_url(preview_id)).status_code == 405
        assert not Contact.objects.exists()

    def test_rows_are_checked_again_at_confirmation(self, staff_client, staff, rows, formation):
        preview_id = preview_id_of(upload(staff_client, csv_bytes(rows)))
        # Between preview and confirmation, the user loses the establishment...
        staff.establishments.clear()

        response = staff_client.post(confirm_url(preview_id))

        assert response.url == preview_url(preview_id)
        assert not Contact.objects.exists()
        follow = staff_client.get(preview_url(preview_id))
        assert "Aucune ligne valide" in follow.content.decode()

    def test_contact_stored_meanwhile_is_not_duplicated(self, staff_client, rows, formation):
        preview_id = preview_id_of(upload(staff_client, csv_bytes(rows)))
        Contact.objects.create(
            formation=formation, email="lea@example.fr", contract_start=datetime(2025, 9, 1).date()
        )

        staff_client.post(confirm_url(preview_id))

        assert Contact.objects.filter(email="lea@example.fr").count() == 1
        assert Contact.objects.get(email="lea@example.fr").first_name == "Léa"  # updated

    def test_tampered_preview_id(self, staff_client, rows):
        preview_id = preview_id_of(upload(staff_client, csv_bytes(rows)))
        tampered = preview_id[:-1] + ("A" if preview_id[-1] != "A" else "B")

        assert staff_client.get(preview_url(tampered)).status_code == 404
        assert staff_client.post(confirm_url(tampered)).status_code == 404
        assert not Contact.objects.exists()

    def test_another_users_preview_id(self, staff_client, client, rows, establishment):
        preview_id = preview_id_of(upload(staff_client, csv_bytes(rows)))
        colleague = UserFactory(establishments=[establishment])
        client.force_login(colleague)

        assert client.get(preview_url(preview_id)).status_code == 404
        assert client.post(confirm_url(preview_id)).status_code == 404
        result = reverse("space:roster_result", kwargs={"preview_id": preview_id})
        assert client.get(result).status_code == 404
        assert not Contact.objects.exists()

    def test_expired_preview(self, staff_client, rows):
        preview_id = preview_id_of(upload(staff_client, csv_bytes(rows)))
        session = staff_client.session
        session[PREVIEW_SESSION_KEY]["created"] -= 2 * 60 * 60
        session.save()

        response = staff_client.post(confirm_url(preview_id), follow=True)

        assert response.redirect_chain[-1][0] == UPLOAD
        assert "L&#x27;aperçu a expiré" in response.content.decode()
        assert not Contact.objects.exists()
        assert staff_client.get(preview_url(preview_id)).status_code == 404

    def test_cancel(self, staff_client, rows):
        preview_id = preview_id_of(upload(staff_client, csv_bytes(rows)))

        response = staff_client.post(
            reverse("space:roster_cancel", kwargs={"preview_id": preview_id}), follow=True
        )

        assert "Import abandonné" in response.content.decode()
        assert staff_client.post(confirm_url(preview_id)).status_code == 404
        assert not Contact.objects.exists()
