"""limit/offset pagination with `count`, `next` and `previous` links."""

from ninja import Field, Schema

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 10_000


class PageQuery(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Résultats par page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Résultats à sauter.")


def _link(request, limit, offset):
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_slice(request, queryset, page, *, count=None):
    """(rows of the page, page fields: count, next, previous)."""
    count = queryset.count() if count is None else count
    rows = list(queryset[page.offset : page.offset + page.limit]) if page.offset < count else []
    following = page.offset + page.limit
    return rows, {
        "count": count,
        "next": _link(request, page.limit, following) if following < count else None,
        "previous": (
            _link(request, page.limit, max(0, page.offset - page.limit)) if page.offset else None
        ),
    }
