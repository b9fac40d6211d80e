"""A CFA's public reply to a published review: written once, then analysed and moderated."""

from django.db import IntegrityError, transaction

from sirius.audit.services import event_record
from sirius.referentiel.models import Establishment

from .enums import ModerationStatus
from .models import REPLY_MAX_LENGTH, EstablishmentReply
from .tasks import reply_analyse


class ReplyRefused(ValueError):
    """The reply cannot be written; the message is French, for the CFA staff member."""


def reply_establishment(*, verbatim, actor):
    """The actor's establishment the review is about (formateur first), or None."""
    formation = verbatim.response.formation
    own = Establishment.objects.filter(pk__in=actor.establishments.values("pk"))
    for establishment_id in (formation.formateur_id, formation.gestionnaire_id):
        establishment = own.filter(pk=establishment_id).first()
        if establishment is not None:
            return establishment
    return None


def reply_submit(*, verbatim, actor, text):
    """Write the reply of the actor's establishment under a published verbatim.

    The caller loads `verbatim` through `Verbatim.objects.visible_to(actor)`; this checks again
    that the review is about one of the actor's establishments, that it is published, and that
    no reply is live (pending or published) — a rejected reply may be followed by a new one.
    """
    text = text.strip()
    if not text:
        raise ReplyRefused("Écrivez votre réponse avant de l'envoyer.")
    if len(text) > REPLY_MAX_LENGTH:
        raise ReplyRefused(
            f"Votre réponse fait {len(text)} caractères : {REPLY_MAX_LENGTH} au plus."
        )
    establishment = reply_establishment(verbatim=verbatim, actor=actor)
    if establishment is None:
        raise ReplyRefused("Cet avis ne concerne pas vos formations.")
    if not verbatim.is_published:
        raise ReplyRefused("On ne peut répondre qu'à un avis publié.")
    try:
        with transaction.atomic():
            if verbatim.replies.exclude(status=ModerationStatus.REJECTED).exists():
                raise ReplyRefused("Votre centre a déjà répondu à cet avis.")
            reply = EstablishmentReply.objects.create(
                verbatim=verbatim, establishment=establishment, author=actor, text=text
            )
            event_record(
                verb="reply.submitted",
                actor=actor,
                obj=reply,
                data={"verbatim": str(verbatim.public_id)},
            )
            reply_analyse.enqueue(reply.pk)
    except IntegrityError as error:  # another member of staff replied at the same moment
        raise ReplyRefused("Votre centre a déjà répondu à cet avis.") from error
    return reply
