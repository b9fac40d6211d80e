"""The share kit of a campaign's open link: QR code (SVG, PNG) and A4 posters (PDF).

Only visible campaigns with the open link enabled have a kit; any other is a 404. The
several-posters PDF silently leaves out campaigns the user may not see, and is a 404 when none
is left.
"""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from sirius.campaigns import sharekit
from sirius.campaigns.models import Campaign

from .campaigns import campaign_get

# Posters of at most this many campaigns in one PDF.
POSTERS_LIMIT = 200


def _kit_campaigns():
    return Campaign.objects.filter(open_link_enabled=True).select_related("formation__formateur")


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _stem(campaign):
    return f"sirius-{slugify(campaign.formation.intitule)[:60]}-{str(campaign.public_id)[:8]}"


@require_GET
@login_required
def campaign_qr_svg(request, public_id):
    campaign = campaign_get(request, public_id, _kit_campaigns())
    return _download(sharekit.qr_svg(campaign), "image/svg+xml", f"qr-{_stem(campaign)}.svg")


@require_GET
@login_required
def campaign_qr_png(request, public_id):
    campaign = campaign_get(request, public_id, _kit_campaigns())
    return _download(sharekit.qr_png(campaign), "image/png", f"qr-{_stem(campaign)}.png")


@require_GET
@login_required
def campaign_poster(request, public_id):
    campaign = campaign_get(request, public_id, _kit_campaigns())
    pdf = sharekit.posters_pdf([campaign])
    return _download(pdf, "application/pdf", f"affiche-{_stem(campaign)}.pdf")


def _public_ids(values):
    ids = []
    for value in values[:POSTERS_LIMIT]:
        try:
            ids.append(uuid.UUID(value))
        except ValueError:
            continue
    return ids


@require_GET
@login_required
def campaign_posters(request):
    """The posters of the campaigns checked in the list (`?campagne=<public_id>`, repeated)."""
    ids = _public_ids(request.GET.getlist("campagne"))
    campaigns = list(
        _kit_campaigns()
        .visible_to(request.user)
        .filter(public_id__in=ids)
        .order_by("formation__intitule", "opens_on", "pk")
    )
    if not campaigns:
        raise Http404("Aucune campagne avec un lien ouvert dans la sélection.")
    filename = f"affiches-sirius-{len(campaigns)}-campagnes-{timezone.localdate():%Y-%m-%d}.pdf"
    return _download(sharekit.posters_pdf(campaigns), "application/pdf", filename)
