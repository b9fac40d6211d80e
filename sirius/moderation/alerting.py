"""Alerts: raised when a verbatim suggests danger, then assigned, annotated and handled."""

from django.db import transaction
from django.utils import timezone

from sirius.audit.services import event_record

from . import notifications
from .enums import AlertStatus
from .models import Alert, AlertNote


class AlertError(ValueError):
    """An alert action that cannot be done; the message is French, for the moderator."""


def alert_raise(*, verbatim, kinds, now=None):
    """The alert of a verbatim, created once; referents are emailed when it is created."""
    alert, created = Alert.objects.get_or_create(verbatim=verbatim, defaults={"kinds": kinds})
    if created:
        event_record(verb="alert.raised", obj=alert, data={"kinds": kinds})
        notifications.alert_referents_queue(alert=alert)
    return alert


def alert_close_as_false_alarm(*, verbatim, actor, note, now=None):
    """Close the open alert of a verbatim a moderator took out of « alerte » (note required
    upstream): the alert list never keeps an open alert for a text that is no longer one."""
    alert = Alert.objects.select_for_update().filter(verbatim=verbatim).first()
    if alert is None or alert.status == AlertStatus.HANDLED:
        return None
    AlertNote.objects.create(alert=alert, author=actor, text=f"Fausse alerte : {note}")
    alert.status = AlertStatus.HANDLED
    alert.handled_at = now or timezone.now()
    alert.handled_by = actor
    alert.save(update_fields=["status", "handled_at", "handled_by"])
    event_record(verb="alert.dismissed", actor=actor, obj=alert)
    return alert


def _locked(alert):
    return Alert.objects.select_for_update().get(pk=alert.pk)


@transaction.atomic
def alert_assign(*, alert, actor, assignee):
    """Give the alert to a moderator (None to unassign); an open alert becomes in progress."""
    alert = _locked(alert)
    if alert.status == AlertStatus.HANDLED:
        raise AlertError("Cette alerte est déjà traitée.")
    alert.assigned_to = assignee
    if assignee is not None and alert.status == AlertStatus.OPEN:
        alert.status = AlertStatus.IN_PROGRESS
    alert.save(update_fields=["assigned_to", "status"])
    event_record(
        verb="alert.assigned",
        actor=actor,
        obj=alert,
        data={"assignee": assignee.pk if assignee else None},
    )
    return alert


@transaction.atomic
def alert_annotate(*, alert, actor, text):
    text = text.strip()
    if not text:
        raise AlertError("Écrivez la note avant de l'ajouter.")
    note = AlertNote.objects.create(alert=alert, author=actor, text=text)
    event_record(verb="alert.annotated", actor=actor, obj=alert, data={"note": note.pk})
    return note


@transaction.atomic
def alert_handle(*, alert, actor, note="", now=None):
    """Mark the alert handled; a closing note says what was done."""
    alert = _locked(alert)
    if alert.status == AlertStatus.HANDLED:
        raise AlertError("Cette alerte est déjà traitée.")
    if not note.strip():
        raise AlertError("Dites en une phrase ce qui a été fait avant de clore l'alerte.")
    AlertNote.objects.create(alert=alert, author=actor, text=note.strip())
    alert.status = AlertStatus.HANDLED
    alert.handled_at = now or timezone.now()
    alert.handled_by = actor
    alert.save(update_fields=["status", "handled_at", "handled_by"])
    event_record(verb="alert.handled", actor=actor, obj=alert)
    return alert
