"""What the replies and reports queues share: back to the same filtered page after an action."""

from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse


def redirect_to_queue(request, name):
    """The queue `name` with the filters the moderator had (posted back as `query`)."""
    query = QueryDict(request.POST.get("query", "")).urlencode()
    url = reverse(name)
    return HttpResponseRedirect(f"{url}?{query}" if query else url)
