import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from sirius.audit.models import Event
from sirius.questionnaires import services
from sirius.questionnaires.definition import default_definition
from sirius.questionnaires.hashing import definition_hash
from sirius.questionnaires.models import Questionnaire, QuestionnaireVersion
from tests.factories import UserFactory

from .definitions import question, small_definition

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return UserFactory(admin=True)


@pytest.fixture
def default():
    return Questionnaire.objects.get(slug="default")


def changed_definition(label="Une autre question ?"):
    data = default_definition()
    data["sections"][0]["questions"][0]["label"] = label
    return data


class TestDefaultQuestionnaire:
    def test_the_migration_published_version_1(self, default):
        version = QuestionnaireVersion.objects.latest_published()
        assert version.questionnaire == default
        assert version.number == 1
        assert version.is_published
        assert version.definition == default_definition()
        assert version.definition_hash == definition_hash(default_definition())


class TestVersionCreate:
    def test_creates_a_numbered_draft(self, default, admin):
        version = services.questionnaire_version_create(
            questionnaire=default, definition=changed_definition(), acting_user=admin
        )

        version.refresh_from_db()
        assert version.number == 2
        assert not version.is_published
        assert version.published_by is None
        assert version.created_by == admin
        assert version.definition_hash == definition_hash(changed_definition())
        assert version.parsed.question("situation").label == "Une autre question ?"
        event = Event.objects.get(verb="questionnaires.version_created")
        assert event.actor == admin
        assert event.object_id == str(version.pk)
        assert event.data["number"] == 2

    def test_numbers_follow_the_highest(self, default, admin):
        numbers = [
            services.questionnaire_version_create(
                questionnaire=default,
                definition=changed_definition(f"Question {n} ?"),
                acting_user=admin,
            ).number
            for n in range(3)
        ]
        assert numbers == [2, 3, 4]

    def test_numbering_is_per_questionnaire(self, admin):
        other = services.questionnaire_create(slug="court", title="Court", acting_user=admin)
        version = services.questionnaire_version_create(
            questionnaire=other, definition=small_definition(), acting_user=admin
        )
        assert version.number == 1
        assert Event.objects.filter(verb="questionnaires.questionnaire_created").count() == 1

    def test_invalid_definition_is_refused_with_every_message(self, default, admin):
        data = small_definition()
        question(data, "note")["label"] = ""
        del question(data, "bravo")["max_length"]

        with pytest.raises(ValidationError) as caught:
            services.questionnaire_version_create(
                questionnaire=default, definition=data, acting_user=admin
            )

        assert len(caught.value.messages) == 2
        assert caught.value.messages[0].startswith("Question « note »")
        assert QuestionnaireVersion.objects.count() == 1
        assert not Event.objects.exists()

    def test_identical_to_the_latest_version_is_refused(self, default, admin):
        reordered = dict(reversed(list(default_definition().items())))

        with pytest.raises(ValidationError) as caught:
            services.questionnaire_version_create(
                questionnaire=default, definition=reordered, acting_user=admin
            )

        assert caught.value.messages == [
            "Cette définition est identique à la version 1 : aucune nouvelle version n'a été créée."
        ]
        assert QuestionnaireVersion.objects.count() == 1

    def test_identical_to_a_draft_is_refused(self, default, admin):
        services.questionnaire_version_create(
            questionnaire=default, definition=changed_definition(), acting_user=admin
        )
        with pytest.raises(ValidationError, match="identique à la version 2"):
            services.questionnaire_version_create(
                questionnaire=default, definition=changed_definition(), acting_user=admin
            )

    def test_going_back_to_an_older_definition_is_a_new_version(self, default, admin):
        services.questionnaire_version_create(
            questionnaire=default, definition=changed_definition(), acting_user=admin
        )
        version = services.questionnaire_version_create(
            questionnaire=default, definition=default_definition(), acting_user=admin
        )
        assert version.number == 3


class TestVersionPublish:
    def test_publishes_a_draft(self, default, admin):
        draft = services.questionnaire_version_create(
            questionnaire=default, definition=changed_definition(), acting_user=admin
        )

        services.questionnaire_version_publish(version=draft, acting_user=admin)

        draft.refresh_from_db()
        assert draft.is_published
        assert draft.published_by == admin
        assert QuestionnaireVersion.objects.latest_published() == draft
        event = Event.objects.get(verb="questionnaires.version_published")
        assert (event.actor, event.object_id) == (admin, str(draft.pk))

    def test_refuses_a_published_version(self, default, admin):
        version = QuestionnaireVersion.objects.get(questionnaire=default, number=1)
        published_at = version.published_at

        with pytest.raises(ValidationError, match="La version 1 est déjà publiée"):
            services.questionnaire_version_publish(version=version, acting_user=admin)

        version.refresh_from_db()
        assert version.published_at == published_at
        assert version.published_by is None
        assert not Event.objects.exists()

    def test_refuses_a_draft_older_than_a_published_version(self, default, admin):
        older = services.questionnaire_version_create(
            questionnaire=default, definition=changed_definition("Ancienne ?"), acting_user=admin
        )
        newer = services.questionnaire_version_create(
            questionnaire=default, definition=changed_definition("Nouvelle ?"), acting_user=admin
        )
        services.questionnaire_version_publish(version=newer, acting_user=admin)

        with pytest.raises(ValidationError, match="La version 3, plus récente, est déjà publiée"):
            services.questionnaire_version_publish(version=older, acting_user=admin)
        older.refresh_from_db()
        assert not older.is_published
        assert QuestionnaireVersion.objects.latest_published() == newer

    def test_refuses_a_stale_copy_published_meanwhile(self, default, admin):
        draft = services.questionnaire_version_create(
            questionnaire=default, definition=changed_definition(), acting_user=admin
        )
        stale = QuestionnaireVersion.objects.get(pk=draft.pk)
        services.questionnaire_version_publish(version=draft, acting_user=admin)

        with pytest.raises(ValidationError):
            services.questionnaire_version_publish(version=stale, acting_user=admin)
        assert Event.objects.filter(verb="questionnaires.version_published").count() == 1


class TestDeleteDraft:
    def test_deletes_a_draft(self, default, admin):
        draft = services.questionnaire_version_create(
            questionnaire=default, definition=changed_definition(), acting_user=admin
        )

        services.questionnaire_version_delete_draft(version=draft, acting_user=admin)

        assert not QuestionnaireVersion.objects.filter(pk=draft.pk).exists()
        event = Event.objects.get(verb="questionnaires.draft_deleted")
        assert event.object_id == str(draft.pk)
        assert event.data["number"] == 2

    def test_refuses_a_published_version(self, default, admin):
        version = QuestionnaireVersion.objects.get(questionnaire=default, number=1)

        with pytest.raises(ValidationError, match="publiée : elle ne peut plus être supprimée"):
            services.questionnaire_version_delete_draft(version=version, acting_user=admin)

        assert QuestionnaireVersion.objects.filter(pk=version.pk).exists()
        assert not Event.objects.exists()


class TestDefinitionParse:
    def test_invalid_definition_lists_its_errors(self):
        raw = b'{"title": "T", "sections": []}'
        with pytest.raises(ValidationError) as caught:
            services.definition_parse(raw)
        assert "sections" in caught.value.messages[0]

    def test_default_file_with_a_bom(self):
        from sirius.questionnaires.definition import DEFINITIONS_DIR

        raw = b"\xef\xbb\xbf" + (DEFINITIONS_DIR / "default.json").read_bytes()
        assert services.definition_parse(raw) == default_definition()

    @pytest.mark.parametrize(
        ("raw", "message"),
        [
            (
                b"\xff\xfe{",
                "Le fichier n'est pas encodé en UTF-8 (octet invalide à la position 0).",
            ),
            (b"  \n", "Le fichier est vide."),
            (
                b'{\n  "title": "T",\n  "sections": [,]\n}',
                "Le fichier n'est pas un JSON valide : erreur de syntaxe ligne 3, colonne 16 "
                "(valeur attendue).",
            ),
            (
                b"{'title': 1}",
                "Le fichier n'est pas un JSON valide : erreur de syntaxe ligne 1, colonne 2 "
                "(nom de champ attendu, entre guillemets droits).",
            ),
            (b"[]", "La définition doit être un objet JSON (entre accolades)."),
        ],
    )
    def test_unreadable_files(self, raw, message):
        with pytest.raises(ValidationError) as caught:
            services.definition_parse(raw)
        assert caught.value.messages == [message]

    def test_too_large(self):
        with pytest.raises(ValidationError, match="1 Mo"):
            services.definition_parse(b" " * (1024 * 1024 + 1))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write: concurrency is only meaningful on PostgreSQL",
)
def test_concurrent_uploads_get_distinct_numbers():
    admin = UserFactory(admin=True)
    family = services.questionnaire_create(slug="concurrent", title="Concurrent", acting_user=admin)
    barrier = threading.Barrier(8)
    numbers, failures = [], []

    def upload(index):
        data = small_definition()
        question(data, "statut")["label"] = f"Question {index} ?"
        try:
            barrier.wait()
            version = services.questionnaire_version_create(
                questionnaire=family, definition=data, acting_user=admin
            )
            numbers.append(version.number)
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=upload, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert sorted(numbers) == list(range(1, 9))
    assert Event.objects.filter(verb="questionnaires.version_created").count() == 8
