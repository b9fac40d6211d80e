"""Background work of moderation.

For now only the entry point the answering flow enqueues: the moderation issue fills in the
analysis (personal data, lexicons, alerts, themes). Until then the task only checks that the
verbatim still exists and logs that it awaits analysis; its status stays « pending ».
"""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def verbatims_analyse(response_id):
    """Analyse the verbatims of one submitted response (one task per response, not per text)."""
    from sirius.responses.models import Verbatim  # the responses app imports this module

    statuses = list(Verbatim.objects.filter(response_id=response_id).values_list("pk", "status"))
    if not statuses:  # withdrawn before the worker ran
        logger.info("response %s: no verbatim left to analyse", response_id)
    for verbatim_id, status in statuses:
        logger.info("verbatim %s: awaiting analysis (status %s)", verbatim_id, status)
    return len(statuses)
