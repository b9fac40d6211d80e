"""Background work of moderation: analyse the texts of a submitted response, or a CFA reply.

The answering flow enqueues one task per response in its submit transaction. A task run twice
(a worker crashed after the work, before acknowledging it) finds the texts already analysed
and does nothing (`routing`).
"""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def verbatims_analyse(response_id):
    """Analyse the verbatims of one submitted response; return how many were analysed."""
    from sirius.responses.models import Verbatim  # the responses app imports this module

    from .routing import verbatim_analyse

    verbatims = Verbatim.objects.filter(response_id=response_id).select_related(
        "response__formation__formateur", "response__formation__gestionnaire"
    )
    analysed = sum(verbatim_analyse(verbatim) for verbatim in verbatims)
    if not analysed:  # withdrawn before the worker ran, or already done
        logger.info("response %s: no verbatim left to analyse", response_id)
    return analysed


@task()
def reply_analyse(reply_id):
    """Analyse one CFA reply; return whether it was analysed (False when gone or done)."""
    from .models import EstablishmentReply
    from .routing import reply_analyse as analyse

    reply = (
        EstablishmentReply.objects.filter(pk=reply_id)
        .select_related(
            "verbatim__response__formation__formateur",
            "verbatim__response__formation__gestionnaire",
        )
        .first()
    )
    return reply is not None and analyse(reply)
