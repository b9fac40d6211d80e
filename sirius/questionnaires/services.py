"""Writes on questionnaires: each validates, runs in a transaction and leaves an audit event.

Versions are immutable: a new definition is a new version (a draft until it is published), a
published version is never edited nor deleted; only an unpublished draft may be deleted.
"""

import json

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone

from sirius.audit.services import event_record

from .definition import definition_errors
from .hashing import definition_hash
from .models import Questionnaire, QuestionnaireVersion

MAX_DEFINITION_BYTES = 1024 * 1024


def definition_parse(raw):
    """Bytes of an uploaded JSON file → the definition, or ValidationError with French messages.

    Every problem is listed: encoding, JSON syntax (with line and column) or the definition
    itself (definition_errors()).
    """
    if len(raw) > MAX_DEFINITION_BYTES:
        raise ValidationError("Le fichier dépasse la taille maximale de 1 Mo.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            f"Le fichier n'est pas encodé en UTF-8 (octet invalide à la position {error.start})."
        ) from error
    if not text.strip():
        raise ValidationError("Le fichier est vide.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            f"Le fichier n'est pas un JSON valide : erreur de syntaxe ligne {error.lineno}, "
            f"colonne {error.colno} ({_json_reason(error.msg)})."
        ) from error
    errors = definition_errors(data)
    if errors:
        raise ValidationError(errors)
    return data


def _json_reason(message):
    reasons = {
        "Expecting value": "valeur attendue",
        "Expecting property name enclosed in double quotes": (
            "nom de champ attendu, entre guillemets droits"
        ),
        "Expecting ',' delimiter": "virgule attendue",
        "Expecting ':' delimiter": "deux-points attendus",
        "Extra data": "contenu en trop après la fin",
        "Unterminated string starting at": "texte non terminé",
        "Invalid control character at": "caractère de contrôle interdit",
        "Invalid \\escape": "séquence d'échappement invalide",
    }
    return reasons.get(message, message)


@transaction.atomic
def questionnaire_create(*, slug, title, acting_user):
    """A new questionnaire family, without any version yet."""
    questionnaire = Questionnaire(slug=slug, title=title)
    questionnaire.full_clean()
    questionnaire.save()
    event_record(
        verb="questionnaires.questionnaire_created",
        actor=acting_user,
        obj=questionnaire,
        data={"slug": slug},
    )
    return questionnaire


def questionnaire_version_create(*, questionnaire, definition, acting_user):
    """Store a new draft version of `questionnaire` (numbered after the last one).

    Raises ValidationError with every French message when the definition is invalid or when it
    is identical to the latest version; nothing is stored then.
    """
    errors = definition_errors(definition)
    if errors:
        raise ValidationError(errors)
    fingerprint = definition_hash(definition)
    with transaction.atomic():
        # Lock the family: two uploads at once get consecutive numbers, never the same one.
        Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        versions = QuestionnaireVersion.objects.filter(questionnaire=questionnaire)
        latest = versions.order_by("-number").only("number", "definition_hash").first()
        if latest is not None and latest.definition_hash == fingerprint:
            raise ValidationError(
                f"Cette définition est identique à la version {latest.number} : "
                "aucune nouvelle version n'a été créée."
            )
        number = (versions.aggregate(Max("number"))["number__max"] or 0) + 1
        try:
            with transaction.atomic():
                version = QuestionnaireVersion.objects.create(
                    questionnaire=questionnaire,
                    number=number,
                    definition=definition,
                    definition_hash=fingerprint,
                    created_by=acting_user
                    if acting_user and acting_user.is_authenticated
                    else None,
                )
        except IntegrityError as error:  # only without row locks, a concurrent upload won
            raise ValidationError(
                "Une autre version vient d'être créée en même temps : réessayez."
            ) from error
        event_record(
            verb="questionnaires.version_created",
            actor=acting_user,
            obj=version,
            data={
                "questionnaire": questionnaire.slug,
                "number": number,
                "definition_hash": fingerprint,
            },
        )
    return version


@transaction.atomic
def questionnaire_version_publish(*, version, acting_user):
    """Publish a draft: from now on campaigns may use it. A version is published once, and
    never after a newer version (the latest published version is the one campaigns start with)."""
    locked = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if locked.is_published:
        raise ValidationError(
            f"La version {locked.number} est déjà publiée depuis le "
            f"{timezone.localtime(locked.published_at):%d/%m/%Y à %H:%M}."
        )
    newer = (
        QuestionnaireVersion.objects.published()
        .filter(questionnaire_id=locked.questionnaire_id, number__gt=locked.number)
        .order_by("-number")
        .first()
    )
    if newer is not None:  # it would never become the version new campaigns use
        raise ValidationError(
            f"La version {newer.number}, plus récente, est déjà publiée : importez de nouveau "
            f"cette définition pour la publier après elle."
        )
    locked.published_at = timezone.now()
    locked.published_by = acting_user if acting_user and acting_user.is_authenticated else None
    locked.save(update_fields=["published_at", "published_by"])
    version.published_at, version.published_by = locked.published_at, locked.published_by
    event_record(
        verb="questionnaires.version_published",
        actor=acting_user,
        obj=locked,
        data={"questionnaire": locked.questionnaire.slug, "number": locked.number},
    )
    return version


@transaction.atomic
def questionnaire_version_delete_draft(*, version, acting_user):
    """Delete a draft that was never published (a published version is kept for ever)."""
    locked = (
        QuestionnaireVersion.objects.select_for_update()
        .select_related("questionnaire")
        .get(pk=version.pk)
    )
    if locked.is_published:
        raise ValidationError(
            f"La version {locked.number} est publiée : elle ne peut plus être supprimée."
        )
    data = {
        "questionnaire": locked.questionnaire.slug,
        "number": locked.number,
        "definition_hash": locked.definition_hash,
    }
    object_id = locked.pk
    try:
        with transaction.atomic():
            locked.delete()
    except ProtectedError as error:
        raise ValidationError(
            f"La version {data['number']} est utilisée : elle ne peut pas être supprimée."
        ) from error
    event_record(
        verb="questionnaires.draft_deleted",
        actor=acting_user,
        object_type=QuestionnaireVersion._meta.label_lower,
        object_id=object_id,
        data=data,
    )
