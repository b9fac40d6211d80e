"""The open data page (« Données ouvertes ») and the daily CSV file it documents."""

from datetime import datetime

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from sirius.stats.opendata import COLUMNS, FILE_NAME, opendata_path, opendata_write
from sirius.stats.ranking import PRIOR_WEIGHT

TITLE = "Données ouvertes"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
FILE_CACHE_SECONDS = 3600


def _file_facts(path):
    """(date and time of the last generation, size in kB) of the file, or (None, None)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None, None
    generated_at = datetime.fromtimestamp(stat.st_mtime, tz=timezone.get_current_timezone())
    return generated_at, max(1, round(stat.st_size / 1024))


@require_GET
def opendata(request):
    generated_at, size_kb = _file_facts(opendata_path())
    return render(
        request,
        "public/opendata.html",
        {
            "title": TITLE,
            "breadcrumb_data": {"current": TITLE},
            "columns": COLUMNS,
            "threshold": settings.SIRIUS_PUBLICATION_THRESHOLD,
            "prior_weight": PRIOR_WEIGHT,
            "licence_url": LICENCE_URL,
            "file_name": FILE_NAME,
            "generated_at": generated_at,
            "size_kb": size_kb,
        },
    )


@require_GET
def opendata_file(request):
    """The daily file as written by the scheduler. Before its first daily run (a new server),
    the file is written now, once: the link on the page always works."""
    path = opendata_path()
    if not path.exists():
        opendata_write(path)
    stream = path.open("rb")
    response = FileResponse(
        stream, as_attachment=True, filename=FILE_NAME, content_type="text/csv; charset=utf-8"
    )
    response["Last-Modified"] = http_date(path.stat().st_mtime)
    response["Cache-Control"] = f"public, max-age={FILE_CACHE_SECONDS}"
    return response
