"""Background work of the aggregates: count a submitted response (enqueued at submission)."""

from django_tasks import task


@task()
def response_count(response_id):
    """Count one submitted response; a retried or late task (withdrawn response) does nothing."""
    from sirius.responses.models import Response

    from .services import response_count as count

    response = Response.objects.filter(pk=response_id).first()
    return response is not None and count(response=response)
