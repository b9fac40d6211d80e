"""Emails of moderation: rejection to the respondent, outcomes to the CFA and reporters, alerts.

Each is a row of the outbox queued in the transaction of the decision, with an idempotency key
naming that decision, so a retried task never sends twice. Alert emails never carry the
apprentice's identity nor the text: only the kinds, the formation and a link to sign in.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from sirius.emails.enums import EmailKind
from sirius.emails.services import email_queue, render_email

from .enums import AlertKind, ModerationStatus, ReportStatus


def _notice_queue(*, to, kind, key, subject, heading, paragraphs, action_url="", action_label=""):
    context = {
        "subject": subject,
        "heading": heading,
        "paragraphs": paragraphs,
        "action_url": action_url,
        "action_label": action_label,
        "unsubscribe_url": "",
    }
    subject, text, html = render_email("notice", context)
    return email_queue(to=to, subject=subject, text=text, html=html, kind=kind, idempotency_key=key)


def _url(name, **kwargs):
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def respondent_address(verbatim):
    """The invited respondent's email while the roster keeps it, else empty (open link)."""
    invitation = verbatim.response.invitation
    contact = invitation.contact if invitation is not None else None
    if contact is None or contact.purged_at is not None:
        return ""
    return contact.email


def rejection_queue(*, verbatim, decision):
    """Tell an invited respondent why their text is not published (L111-7-2)."""
    address = respondent_address(verbatim)
    if not address:
        return None
    formation = verbatim.response.formation
    return _notice_queue(
        to=address,
        kind=EmailKind.MODERATION_NOTICE,
        key=f"moderation-rejected-{decision.pk}",
        subject="Ton commentaire n'a pas été publié",
        heading="Bonjour,",
        paragraphs=[
            f"Merci d'avoir donné ton avis sur ta formation « {formation.intitule} ».",
            "Nous avons relu ton commentaire et nous ne pouvons pas le publier, pour cette "
            f"raison : {decision.get_reason_display()}.",
            "Tes notes comptent quand même dans les résultats de ta formation. Un avis négatif "
            "n'est jamais une raison de refus.",
            "Les raisons possibles de refus et la façon dont nous relisons les avis sont "
            "expliquées sur notre site.",
        ],
        action_url=_url("public:how_reviews_work"),
        action_label="Comment fonctionnent les avis",
    )


def reply_outcome_queue(*, reply, decision):
    """Tell the CFA staff member who wrote a reply what became of it."""
    if reply.author is None or not reply.author.email:
        return None
    if decision.to_status == ModerationStatus.REJECTED:
        outcome = (
            "Votre réponse n'a pas été publiée, pour cette raison : "
            f"{decision.get_reason_display()}. Vous pouvez en écrire une nouvelle."
        )
    elif decision.to_status == ModerationStatus.PUBLISHED_MASKED:
        outcome = (
            "Votre réponse est publiée sous l'avis ; des données personnelles y ont été masquées."
        )
    else:
        outcome = "Votre réponse est publiée sous l'avis."
    return _notice_queue(
        to=reply.author.email,
        kind=EmailKind.MODERATION_NOTICE,
        key=f"moderation-reply-{decision.pk}",
        subject="Votre réponse à un avis a été relue",
        heading="Bonjour,",
        paragraphs=[
            "Nous avons relu la réponse que vous avez écrite le "
            f"{timezone.localdate(reply.created_at):%d/%m/%Y}.",
            outcome,
        ],
        action_url=_url("space:reviews"),
        action_label="Voir les avis de vos formations",
    )


def _upheld_effect(report):
    """What became of the review, read fresh: the decision is taken in the same transaction."""
    status = (
        type(report.verbatim).objects.values_list("status", flat=True).get(pk=report.verbatim_id)
    )
    if status == ModerationStatus.PUBLISHED_MASKED:
        return "une partie de l'avis a été masquée."
    if status == ModerationStatus.PUBLISHED:
        return "l'avis a été revu par l'équipe de modération."
    return "l'avis a été retiré."


def report_outcome_queue(*, report):
    """Tell whoever reported a review what the moderators decided."""
    address = report.reporter.email if report.reporter_id else report.reporter_email
    if not address:
        return None
    if report.status == ReportStatus.UPHELD:
        outcome = "Après examen, votre signalement est fondé : " + _upheld_effect(report)
    else:
        outcome = (
            "Après examen, votre signalement n'est pas fondé : l'avis reste publié, car il "
            "respecte nos règles de publication."
        )
    paragraphs = [
        f"Vous avez signalé un avis le {timezone.localdate(report.created_at):%d/%m/%Y} "
        f"(motif : {report.get_reason_display().lower()}).",
        outcome,
    ]
    if report.outcome_note:
        paragraphs.append(f"Précision de l'équipe de modération : {report.outcome_note}")
    return _notice_queue(
        to=address,
        kind=EmailKind.MODERATION_NOTICE,
        key=f"moderation-report-{report.pk}-{report.status}",
        subject="Suite donnée à votre signalement",
        heading="Bonjour,",
        paragraphs=paragraphs,
        action_url=_url("public:how_reviews_work"),
        action_label="Comment fonctionnent les avis",
    )


def alert_referents_queue(*, alert):
    """One email per referent address: the kinds of danger and a link, nothing identifying."""
    formation = alert.verbatim.response.formation
    kinds = ", ".join(AlertKind(kind).label.lower() for kind in alert.kinds) or "à qualifier"
    emails = []
    for address in settings.SIRIUS_ALERT_REFERENTS:
        emails.append(
            _notice_queue(
                to=address,
                kind=EmailKind.ALERT,
                key=f"moderation-alert-{alert.pk}-{address}",
                subject=f"Alerte Sirius n° {alert.pk} : un apprenti est peut-être en danger",
                heading="Bonjour,",
                paragraphs=[
                    "Un commentaire d'apprenti reçu à l'instant suggère une situation de "
                    f"danger ({kinds}).",
                    f"Formation : {formation.intitule}, centre de formation "
                    f"{formation.formateur.name} ({formation.localite or formation.code_postal}).",
                    "Le commentaire n'est pas publié. Pour le lire et suivre l'alerte, "
                    "connectez-vous à l'espace de modération.",
                ],
                action_url=_url("backoffice:alert_detail", pk=alert.pk),
                action_label="Ouvrir l'alerte",
            )
        )
    return emails
