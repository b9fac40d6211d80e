"""Background work of moderation.

For now only the entry point the answering flow enqueues: the moderation issue fills in the
analysis (personal data, lexicons, alerts, themes). Until then the task only checks that the
verbatim still exists and logs that it awaits analysis; its status stays « pending ».
"""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def verbatim_analyse(verbatim_id):
    from sirius.responses.models import Verbatim  # the responses app imports this module

    verbatim = Verbatim.objects.filter(pk=verbatim_id).only("pk", "status").first()
    if verbatim is None:  # withdrawn before the worker ran
        logger.info("verbatim %s: gone before analysis", verbatim_id)
        return None
    logger.info("verbatim %s: awaiting analysis (status %s)", verbatim_id, verbatim.status)
    return verbatim.status
