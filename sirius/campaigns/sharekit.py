"""The share kit of a campaign's open link: a QR code (SVG, PNG) and printable A4 posters (PDF)."""

import io
from pathlib import Path

import segno
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from .links import open_link

# The QR code tolerates a worn or partly covered print (error correction level Q, ~25 %).
QR_ERROR = "q"
FONT_FILES = {
    "regular": "dsfr/dist/fonts/Marianne-Regular.woff",
    "bold": "dsfr/dist/fonts/Marianne-Bold.woff",
}


def campaign_qr(campaign):
    return segno.make(open_link(campaign), error=QR_ERROR, micro=False)


def qr_svg(campaign):
    buffer = io.BytesIO()
    campaign_qr(campaign).save(
        buffer, kind="svg", scale=10, border=4, title="QR code du questionnaire", svgclass=None
    )
    return buffer.getvalue()


def qr_png(campaign):
    buffer = io.BytesIO()
    campaign_qr(campaign).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


def _font_uris():
    uris = {}
    for name, path in FONT_FILES.items():
        found = finders.find(path)
        if found:
            uris[name] = Path(found).as_uri()
    return uris


def _local_only_fetcher(allowed):
    """WeasyPrint may read the fonts and data: URIs, nothing else (no network, no other file)."""
    from weasyprint.urls import URLFetcher

    allowed = set(allowed)

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:") or url in allowed:
                return super().fetch(url, headers)
            raise ValueError(f"URL refusée dans une affiche : {url}")

    return LocalOnlyFetcher(allowed_protocols=("data", "file"), fail_on_errors=True)


def posters_html(campaigns):
    """The HTML of one A4 page per campaign, as WeasyPrint renders it."""
    pages = [
        {
            "campaign": campaign,
            "link": open_link(campaign),
            "qr_data_uri": campaign_qr(campaign).svg_data_uri(scale=10, border=0),
        }
        for campaign in campaigns
    ]
    return render_to_string(
        "sharekit/posters.html",
        {"pages": pages, "fonts": _font_uris(), "today": timezone.localdate()},
    )


def posters_pdf(campaigns):
    """One PDF, one page per campaign (each with its open link enabled)."""
    from weasyprint import HTML

    fonts = _font_uris()
    html = HTML(string=posters_html(campaigns), url_fetcher=_local_only_fetcher(fonts.values()))
    return html.write_pdf()
