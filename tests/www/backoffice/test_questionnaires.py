"""Back office of questionnaires: admins only; upload, preview, publish, delete, download."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sirius.audit.models import Event
from sirius.questionnaires.definition import default_definition
from sirius.questionnaires.models import Questionnaire, QuestionnaireVersion
from sirius.questionnaires.services import (
    questionnaire_create,
    questionnaire_version_create,
    questionnaire_version_publish,
)
from tests.factories import EstablishmentFactory, UserFactory
from tests.questionnaires.definitions import question, small_definition
from tests.www.public.html import elements, parse, texts

pytestmark = pytest.mark.django_db

LIST = reverse("backoffice:questionnaire_list")
UPLOAD = reverse("backoffice:version_upload", kwargs={"slug": "default"})


def version_url(name, number, slug="default"):
    return reverse(f"backoffice:{name}", kwargs={"slug": slug, "number": number})


def upload(content, name="questionnaire.json"):
    if not isinstance(content, bytes):
        content = json.dumps(content, ensure_ascii=False).encode()
    return SimpleUploadedFile(name, content, content_type="application/json")


def changed_definition():
    data = default_definition()
    data["sections"][0]["questions"][0]["label"] = "Où en es-tu aujourd'hui ?"
    data["sections"][-1]["questions"].append(
        {"id": "dernier_mot", "type": "free_text", "label": "Un dernier mot ?", "max_length": 300}
    )
    del data["sections"][2]["questions"][1]  # recherche_aide_cfa
    return data


@pytest.fixture
def admin():
    return UserFactory(admin=True, first_name="Alix", last_name="Admin")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def draft(admin):
    return questionnaire_version_create(
        questionnaire=Questionnaire.objects.get(slug="default"),
        definition=changed_definition(),
        acting_user=admin,
    )


class TestAccess:
    @pytest.fixture
    def urls(self, draft):
        return [
            LIST,
            UPLOAD,
            version_url("version_detail", 2),
            version_url("version_publish", 2),
            version_url("version_delete", 2),
            version_url("version_download", 1),
            reverse("backoffice:schema_download"),
        ]

    @pytest.mark.parametrize(
        "make_user",
        [
            lambda: UserFactory(moderator=True),
            lambda: UserFactory(establishments=[EstablishmentFactory()]),
            lambda: UserFactory(observer_national=True),
            lambda: UserFactory(observer_region=True),
            lambda: UserFactory(role=""),
        ],
        ids=["moderator", "establishment", "observer", "observer_region", "no_role"],
    )
    def test_other_roles_get_a_403_page(self, client, urls, make_user):
        client.force_login(make_user())
        for url in urls:
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code == 403, url
                assert "Accès refusé" in texts(response, "h1")
        assert QuestionnaireVersion.objects.get(number=2).published_at is None

    def test_anonymous_is_sent_to_sign_in(self, client, urls):
        login = reverse("accounts:login")
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302
            assert response.url == f"{login}?next={url}"
        response = client.post(version_url("version_publish", 2))
        assert response.status_code == 302
        assert not QuestionnaireVersion.objects.get(number=2).is_published

    def test_deactivated_admin_is_signed_out(self, client, urls):
        client.force_login(UserFactory(admin=True, is_active=False))
        for url in urls:
            assert client.get(url).status_code == 302

    def test_admin_opens_every_page(self, admin_client, urls):
        for url in urls:
            assert admin_client.get(url).status_code in (200, 302), url

    def test_unknown_questionnaire_or_version_is_a_404(self, admin_client):
        assert admin_client.get(version_url("version_detail", 9)).status_code == 404
        assert admin_client.get(version_url("version_detail", 1, slug="autre")).status_code == 404
        url = reverse("backoffice:version_upload", kwargs={"slug": "autre"})
        assert admin_client.get(url).status_code == 404


class TestList:
    def test_lists_versions_with_status_and_authors(self, admin_client, draft, admin):
        response = admin_client.get(LIST)

        assert response.status_code == 200
        assert "Questionnaires" in texts(response, "h1")
        assert default_definition()["title"] in texts(response, "h2")
        links = texts(response, "a")
        assert "Version 1" in links
        assert "Version 2" in links
        assert "Importer une nouvelle version" in links
        page = response.text
        assert "Publiée" in page
        assert "Brouillon" in page
        assert "par Alix Admin" in page
        assert "<td>12</td>" in page  # version 1: 12 questions
        assert elements(response, "a", href=version_url("version_download", 2))

    def test_query_count(self, admin_client, admin, django_assert_num_queries):
        other = questionnaire_create(slug="court", title="Court", acting_user=admin)
        for label in ("Un ?", "Deux ?", "Trois ?"):
            data = small_definition()
            question(data, "statut")["label"] = label
            version = questionnaire_version_create(
                questionnaire=other, definition=data, acting_user=admin
            )
            questionnaire_version_publish(version=version, acting_user=admin)

        # session, user, questionnaires, their versions with who created and published them
        with django_assert_num_queries(4):
            response = admin_client.get(LIST)
        assert "Version 3" in texts(response, "a")


class TestUpload:
    def test_the_form(self, admin_client):
        response = admin_client.get(UPLOAD)

        assert response.status_code == 200
        [field] = elements(response, "input", type="file")
        assert field["class"] == "fr-upload"
        assert field["accept"] == ".json,application/json"
        assert elements(response, "div", **{"class": "fr-upload-group"})
        assert "Taille maximale : 1 Mo." in response.text

    def test_valid_file_creates_a_draft_and_shows_its_preview(self, admin_client, admin):
        response = admin_client.post(UPLOAD, {"file": upload(changed_definition())}, follow=True)

        version = QuestionnaireVersion.objects.get(number=2)
        assert not version.is_published
        assert version.created_by == admin
        assert version.definition == changed_definition()
        assert response.redirect_chain == [(version_url("version_detail", 2), 302)]
        page = response.text
        assert "La version 2 est enregistrée comme brouillon" in page
        for item in version.parsed.questions:
            assert item.label.replace("'", "&#x27;") in page, item.id
        for section in version.parsed.sections:
            assert section.title.replace("'", "&#x27;") in page
        assert Event.objects.filter(verb="questionnaires.version_created").count() == 1

    def test_preview_fields_are_disabled_without_submit(self, admin_client, draft):
        response = admin_client.get(version_url("version_detail", 2))

        sections = draft.parsed.sections
        disabled = [attrs for tag, attrs in parse(response).elements if "disabled" in attrs]
        assert len(disabled) == len(sections)
        assert all(
            tag == "fieldset" for tag, attrs in parse(response).elements if "disabled" in attrs
        )
        preview = response.text.split('id="preview-title"')[1].split("</main>")[0]
        assert "<button" not in preview
        assert 'type="submit"' not in preview
        assert 'method="post"' not in preview
        # every field of every question is there, conditions ignored
        assert elements(response, "input", name="raison_arret", value="entreprise")
        assert elements(response, "input", name="cfa_criteres__accueil", value="5")
        assert elements(response, "textarea", name="dernier_mot")
        assert "affichée seulement si « situation » vaut : interrompue" in response.text

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"\xe9t\xe9", "Le fichier n&#x27;est pas encodé en UTF-8"),
            (b"", "Le fichier soumis est vide."),
            (
                b'{\n  "title": "T"\n  "sections": []\n}',
                "erreur de syntaxe ligne 3, colonne 3 (virgule attendue)",
            ),
            (b"[1, 2]", "La définition doit être un objet JSON (entre accolades)."),
        ],
    )
    def test_unreadable_file(self, admin_client, content, message):
        response = admin_client.post(UPLOAD, {"file": upload(content)})

        assert response.status_code == 200
        assert message in response.text
        assert elements(response, "div", role="alert", id="error-summary")
        assert QuestionnaireVersion.objects.count() == 1

    def test_invalid_definition_shows_every_message(self, admin_client):
        data = small_definition()
        question(data, "note")["label"] = ""
        question(data, "statut")["type"] = "slider"
        del question(data, "bravo")["max_length"]

        response = admin_client.post(UPLOAD, {"file": upload(data)})

        assert response.status_code == 200
        messages = [
            " ".join(text.split())
            for text in response.text.split('<p class="fr-message fr-message--error">')[1:]
        ]
        assert len(messages) == 3
        assert messages[0].startswith("Question « statut » (section « debut »), champ « type »")
        assert messages[1].startswith("Question « note » (section « debut »), champ « label »")
        assert messages[2].startswith("Question « bravo » (section « suite »)")
        assert "(3 erreurs)" in response.text
        [field] = elements(response, "input", type="file")
        assert field["aria-invalid"] == "true"
        assert elements(response, "div", id=field["aria-describedby"])
        assert QuestionnaireVersion.objects.count() == 1
        assert not Event.objects.exists()

    def test_identical_definition_is_refused(self, admin_client):
        response = admin_client.post(UPLOAD, {"file": upload(default_definition())})

        assert "identique à la version 1" in response.text
        assert QuestionnaireVersion.objects.count() == 1

    def test_too_large_file_is_refused(self, admin_client):
        response = admin_client.post(UPLOAD, {"file": upload(b" " * (1024 * 1024 + 1))})

        assert "dépasse la taille maximale de 1 Mo" in response.text
        assert QuestionnaireVersion.objects.count() == 1

    def test_missing_file(self, admin_client):
        response = admin_client.post(UPLOAD, {})

        assert response.status_code == 200
        assert "Ce champ est obligatoire." in response.text


class TestDiff:
    def test_changes_against_the_latest_published_version(self, admin_client, draft):
        response = admin_client.get(version_url("version_detail", 2))

        page = " ".join(response.text.split())
        assert "Par rapport à la version publiée 1" in page
        assert "Question ajoutée : « dernier_mot » (Un dernier mot ?)" in page
        assert "Question retirée : « recherche_aide_cfa »" in page
        assert "Libellé modifié de « situation »" in page

    def test_first_version_has_nothing_to_compare(self, admin_client):
        response = admin_client.get(version_url("version_detail", 1))

        assert "Aucune autre version publiée à comparer." in response.text
        assert not elements(response, "a", href=version_url("version_publish", 1))


class TestPublish:
    def test_confirmation_then_publish(self, admin_client, draft, admin):
        detail = admin_client.get(version_url("version_detail", 2))
        assert elements(detail, "a", href=version_url("version_publish", 2))

        confirm = admin_client.get(version_url("version_publish", 2))
        assert confirm.status_code == 200
        assert "Publier la version 2 ?" in texts(confirm, "h1")
        assert elements(confirm, "form", method="post")
        draft.refresh_from_db()
        assert not draft.is_published

        response = admin_client.post(version_url("version_publish", 2), follow=True)

        draft.refresh_from_db()
        assert draft.is_published
        assert draft.published_by == admin
        assert "La version 2 est publiée." in response.text
        assert not elements(response, "a", href=version_url("version_publish", 2))
        assert QuestionnaireVersion.objects.latest_published() == draft

    def test_publishing_twice_is_refused(self, admin_client):
        response = admin_client.post(version_url("version_publish", 1), follow=True)

        assert "La version 1 est déjà publiée" in response.text
        assert not Event.objects.exists()

    def test_get_on_a_published_version_goes_back(self, admin_client):
        response = admin_client.get(version_url("version_publish", 1))
        assert response.status_code == 302


class TestDelete:
    def test_deletes_a_draft(self, admin_client, draft):
        confirm = admin_client.get(version_url("version_delete", 2))
        assert "Supprimer le brouillon de la version 2 ?" in texts(confirm, "h1")

        response = admin_client.post(version_url("version_delete", 2), follow=True)

        assert response.redirect_chain == [(LIST, 302)]
        assert "Le brouillon de la version 2 est supprimé." in response.text
        assert not QuestionnaireVersion.objects.filter(number=2).exists()

    def test_published_version_is_kept(self, admin_client):
        response = admin_client.post(version_url("version_delete", 1), follow=True)

        assert "ne peut plus être supprimée" in response.text
        assert QuestionnaireVersion.objects.filter(number=1).exists()


class TestDetailQueries:
    def test_query_count(self, admin_client, draft, django_assert_num_queries):
        # session, user, version with its questionnaire and authors, latest published version
        with django_assert_num_queries(4):
            response = admin_client.get(version_url("version_detail", 2))
        assert response.status_code == 200


class TestDownload:
    def test_schema(self, admin_client):
        response = admin_client.get(reverse("backoffice:schema_download"))

        assert response.status_code == 200
        assert json.loads(response.content)["$id"] == "sirius:questionnaire-definition"

    def test_downloads_the_definition(self, admin_client, draft):
        response = admin_client.get(version_url("version_download", 2))

        assert response.status_code == 200
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response["Content-Disposition"] == (
            'attachment; filename="questionnaire-default-v2.json"'
        )
        assert json.loads(response.content.decode()) == changed_definition()

    def test_a_download_uploads_back_as_identical(self, admin_client):
        content = admin_client.get(version_url("version_download", 1)).content

        response = admin_client.post(UPLOAD, {"file": upload(content)})

        assert "identique à la version 1" in response.text
