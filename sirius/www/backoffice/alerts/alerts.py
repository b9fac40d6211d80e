"""Alerts: the list (unhandled first) and the detail, the one page where an alert's text is read.

The detail also takes the actions: assign, annotate, close, and « ce n'est pas une alerte ».
A refused action re-renders the detail with the message on top, keeping what was typed.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, F, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sirius.accounts.models import User
from sirius.audit.models import Event
from sirius.moderation.alerting import AlertError, alert_annotate, alert_assign, alert_handle
from sirius.moderation.decisions import ModerationError, proposed_spans, verbatim_moderate
from sirius.moderation.enums import AlertKind, AlertStatus, ModerationStatus
from sirius.moderation.models import Alert
from sirius.moderation.notifications import respondent_address

from ..access import moderator_required
from ..highlight import text_segments
from .forms import AlertAssignForm, AlertFilterForm, AlertHandleForm, AlertNoteForm, FalseAlarmForm

LIST_TITLE = "Alertes"
PAGE_SIZE = 30
EVENT_LABELS = {
    "alert.raised": "Alerte détectée",
    "alert.assigned": "Attribution",
    "alert.annotated": "Note ajoutée",
    "alert.handled": "Alerte traitée",
}


def kind_labels(kinds):
    return [AlertKind(kind).label if kind in AlertKind.values else kind for kind in kinds]


@moderator_required
def alert_list(request):
    form = AlertFilterForm(request.GET)
    alerts = Alert.objects.select_related(
        "assigned_to", "verbatim__response__formation__formateur"
    ).order_by(
        Case(When(status=AlertStatus.HANDLED, then=Value(1)), default=Value(0)),
        F("handled_at").desc(nulls_first=True),
        "created_at",
        "pk",
    )
    if form.is_valid() and form.cleaned_data["status"]:
        alerts = alerts.filter(status=form.cleaned_data["status"])
    page_obj = Paginator(alerts, PAGE_SIZE).get_page(request.GET.get("page"))
    for alert in page_obj:
        alert.kind_labels = kind_labels(alert.kinds)
    return render(
        request,
        "backoffice/alerts/alert_list.html",
        {
            "title": LIST_TITLE,
            "form": form,
            "page_obj": page_obj,
            "breadcrumb_data": {"links": [], "current": LIST_TITLE},
        },
    )


def _alert_get(pk):
    return get_object_or_404(
        Alert.objects.select_related(
            "assigned_to",
            "handled_by",
            "verbatim__response__campaign",
            "verbatim__response__formation__formateur",
            "verbatim__response__invitation__contact",
        ),
        pk=pk,
    )


def _history(alert):
    """The alert's audit events and its text's decisions, oldest first, as display rows."""
    events = list(
        Event.objects.filter(object_type="moderation.alert", object_id=str(alert.pk))
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    assignee_ids = {e.data.get("assignee") for e in events if e.verb == "alert.assigned"}
    names = {user.pk: user.get_full_name() for user in User.objects.filter(pk__in=assignee_ids)}
    rows = []
    for event in events:
        label = EVENT_LABELS.get(event.verb, event.verb)
        if event.verb == "alert.assigned":
            assignee = event.data.get("assignee")
            label = f"Attribuée à {names.get(assignee, '?')}" if assignee else "Attribution retirée"
        rows.append({"at": event.created_at, "label": label, "actor": event.actor})
    for decision in alert.verbatim.decisions.select_related("actor"):
        label = f"Texte : {decision.get_from_status_display()} → {decision.get_to_status_display()}"
        if decision.reason:
            label += f" ({decision.get_reason_display()})"
        rows.append({"at": decision.created_at, "label": label, "actor": decision.actor})
    return sorted(rows, key=lambda row: row["at"])


def _detail(request, alert, **forms):
    verbatim = alert.verbatim
    response = verbatim.response
    can_mask = bool(proposed_spans(verbatim))
    forms = {
        "assign_form": AlertAssignForm(initial={"assignee": alert.assigned_to_id}),
        "note_form": AlertNoteForm(),
        "handle_form": AlertHandleForm(),
        "false_alarm_form": FalseAlarmForm(can_mask=can_mask),
        **forms,
    }
    title = f"Alerte n° {alert.pk}"
    return render(
        request,
        "backoffice/alerts/alert_detail.html",
        {
            "title": title,
            "alert": alert,
            "verbatim": verbatim,
            "response": response,
            "formation": response.formation,
            "campaign": response.campaign,
            "segments": text_segments(verbatim.text, verbatim.analysis.get("spans", [])),
            "kind_labels": kind_labels(alert.kinds),
            "alert_terms": verbatim.analysis.get("alert_terms", []),
            "reachable": bool(respondent_address(verbatim)),
            "notes": alert.notes.select_related("author"),
            "history": _history(alert),
            "is_handled": alert.status == AlertStatus.HANDLED,
            "is_alert_text": verbatim.status == ModerationStatus.ALERT,
            "breadcrumb_data": {
                "links": [{"url": reverse("backoffice:alert_list"), "title": LIST_TITLE}],
                "current": title,
            },
            **forms,
        },
    )


@moderator_required
def alert_detail(request, pk):
    return _detail(request, _alert_get(pk))


def _done(request, alert, message):
    messages.success(request, message)
    return redirect("backoffice:alert_detail", pk=alert.pk)


@moderator_required
@require_POST
def alert_assign_view(request, pk):
    alert = _alert_get(pk)
    form = AlertAssignForm(request.POST)
    if request.POST.get("to_me"):
        form = AlertAssignForm({"assignee": request.user.pk})
    if not form.is_valid():
        return _detail(request, alert, assign_form=form)
    assignee = form.cleaned_data["assignee"]
    try:
        alert_assign(alert=alert, actor=request.user, assignee=assignee)
    except AlertError as error:
        messages.error(request, str(error))
        return _detail(request, alert, assign_form=form)
    if assignee is None:
        return _done(request, alert, "L'alerte n'est plus attribuée.")
    return _done(request, alert, f"L'alerte est attribuée à {assignee.get_full_name()}.")


@moderator_required
@require_POST
def alert_annotate_view(request, pk):
    alert = _alert_get(pk)
    form = AlertNoteForm(request.POST)
    form.is_valid()
    try:
        alert_annotate(alert=alert, actor=request.user, text=form.cleaned_data.get("text", ""))
    except AlertError as error:
        messages.error(request, str(error))
        return _detail(request, alert, note_form=form)
    return _done(request, alert, "La note est ajoutée.")


@moderator_required
@require_POST
def alert_handle_view(request, pk):
    alert = _alert_get(pk)
    form = AlertHandleForm(request.POST)
    form.is_valid()
    try:
        alert_handle(alert=alert, actor=request.user, note=form.cleaned_data.get("note", ""))
    except AlertError as error:
        messages.error(request, str(error))
        return _detail(request, alert, handle_form=form)
    return _done(request, alert, "L'alerte est marquée comme traitée.")


@moderator_required
@require_POST
def alert_dismiss_view(request, pk):
    """« Ce n'est pas une alerte »: decide on the text and close the alert, both or neither."""
    alert = _alert_get(pk)
    form = FalseAlarmForm(request.POST, can_mask=bool(proposed_spans(alert.verbatim)))
    if not form.is_valid():
        return _detail(request, alert, false_alarm_form=form)
    data = form.cleaned_data
    note = data["note"].strip()
    try:  # the decision closes the alert too (decisions.text_moderate)
        verbatim_moderate(
            verbatim=alert.verbatim,
            actor=request.user,
            to_status=data["decision"],
            reason=data["reason"] if data["decision"] == ModerationStatus.REJECTED else "",
            note=note,
            seen_status=ModerationStatus.ALERT,
        )
    except ModerationError as error:
        messages.error(request, str(error))
        return _detail(request, alert, false_alarm_form=form)
    decision = ModerationStatus(data["decision"]).label.lower()
    return _done(request, alert, f"Ce n'est pas une alerte : le texte est {decision}.")
