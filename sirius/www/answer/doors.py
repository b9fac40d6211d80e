"""The two doors into a questionnaire: a personal invitation link and a campaign's open link.

A `Door` carries what every page of the flow needs (campaign, formation, invitation, response)
loaded in one or two queries, and builds the URLs of its own kind. An unknown, expired or
withdrawn token and an unknown or closed-to-the-public campaign all give the same 404 page.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from sirius.campaigns.models import Campaign, Invitation
from sirius.questionnaires.models import QuestionnaireVersion
from sirius.responses.models import Response
from sirius.responses.throttle import address_hash, browser_key_hash

BROWSER_COOKIE = "sirius_navigateur"
BROWSER_COOKIE_AGE = timedelta(days=365)
RESPONSE_COOKIE_AGE = timedelta(days=120)
COOKIE_SALT = "sirius.answer"


@dataclass
class Door:
    kind: str  # "invitation" or "open"
    campaign: Campaign
    invitation: Invitation | None = None
    response: Response | None = None
    token: str = ""

    @property
    def formation(self):
        return self.campaign.formation

    @property
    def is_invitation(self):
        return self.kind == "invitation"

    @property
    def landing_url(self):
        return self.url()

    @property
    def withdraw_url(self):
        return self.url("withdraw") if self.is_invitation else ""

    def url(self, name="", **kwargs):
        route = f"answer:{self.kind}_{name}" if name else f"answer:{self.kind}"
        if self.is_invitation:
            kwargs["token"] = self.token
        else:
            kwargs["public_id"] = self.campaign.public_id
        return reverse(route, kwargs=kwargs)


def link_invalid(request):
    """One page for every link that does not work: it never says whether the link existed."""
    return render(
        request, "answer/link_invalid.html", {"title": "Ce lien ne fonctionne pas"}, status=404
    )


_RELATED = ("formation__formateur",)
# Only what the pages show of the formation (intitulé, diplôme, commune) and of its centre (name)
# is read: the rest of these wide rows would cost on every page of the flow.
_DEFERRED = (
    *(
        f"formation__{name}"
        for name in (
            "cfd",
            "rncp",
            "niveau",
            "duree",
            "adresse",
            "code_postal",
            "code_commune_insee",
            "departement",
            "region",
            "latitude",
            "longitude",
            "onisep_url",
            "catalogue_record",
            "catalogue_hash",
            "search_text",
            "created_at",
            "updated_at",
        )
    ),
    *(
        f"formation__formateur__{name}"
        for name in (
            "uai",
            "adresse",
            "code_postal",
            "localite",
            "departement",
            "region",
            "search_text",
            "created_at",
            "updated_at",
        )
    ),
)


def _one(queryset):
    """The only row of a lookup by a unique key, without the ORDER BY that first() adds."""
    rows = list(queryset.order_by()[:1])
    return rows[0] if rows else None


def _attach_versions(campaign, response):
    """Questionnaire versions come from the process cache, not from a join on every page."""
    campaign.questionnaire_version = QuestionnaireVersion.objects.get_cached(
        campaign.questionnaire_version_id
    )
    if response is not None:
        response.campaign = campaign
        response.questionnaire_version = QuestionnaireVersion.objects.get_cached(
            response.questionnaire_version_id
        )


def invitation_door(view):
    @never_cache
    @wraps(view)
    def wrapper(request, token, **kwargs):
        now = timezone.now()
        invitation = _one(
            Invitation.objects.usable(now)
            .for_token(token)
            .select_related("response", *(f"campaign__{path}" for path in _RELATED))
            .defer(*(f"campaign__{path}" for path in _DEFERRED))
        )
        if invitation is None or not invitation.campaign.invitations_enabled:
            return link_invalid(request)
        if invitation.opened_at is None:
            # The first visit through the link, whatever the page: one extra query, once.
            Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
                opened_at=now
            )
            invitation.opened_at = now
        try:
            response = invitation.response
        except Response.DoesNotExist:
            response = None
        _attach_versions(invitation.campaign, response)
        door = Door("invitation", invitation.campaign, invitation, response, token)
        return view(request, door, **kwargs)

    return wrapper


def _response_cookie_name(campaign):
    return f"sirius_reponse_{campaign.public_id.hex}"


def open_door(view):
    @never_cache
    @wraps(view)
    def wrapper(request, public_id, **kwargs):
        campaign = _one(
            Campaign.objects.filter(public_id=public_id, open_link_enabled=True)
            .select_related(*_RELATED)
            .defer(*_DEFERRED)
        )
        if campaign is None:
            return link_invalid(request)
        door = Door("open", campaign)
        response_id = _signed_cookie(request, _response_cookie_name(campaign), RESPONSE_COOKIE_AGE)
        if response_id:
            door.response = _one(Response.objects.filter(public_id=response_id, campaign=campaign))
        _attach_versions(campaign, door.response)
        return view(request, door, **kwargs)

    return wrapper


def _signed_cookie(request, name, max_age):
    try:
        return request.get_signed_cookie(
            name, default=None, salt=COOKIE_SALT, max_age=max_age.total_seconds()
        )
    except signing.BadSignature:
        return None


def _set_signed_cookie(http_response, name, value, max_age):
    http_response.set_signed_cookie(
        name,
        value,
        salt=COOKIE_SALT,
        max_age=int(max_age.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def browser_key(request):
    """The browser's long-lived random key (from its signed cookie), or a new one."""
    return _signed_cookie(request, BROWSER_COOKIE, BROWSER_COOKIE_AGE) or secrets.token_urlsafe(24)


def remember_open_response(http_response, door, key):
    """Set the cookies that let this browser resume its open-link response."""
    _set_signed_cookie(http_response, BROWSER_COOKIE, key, BROWSER_COOKIE_AGE)
    _set_signed_cookie(
        http_response,
        _response_cookie_name(door.campaign),
        str(door.response.public_id),
        RESPONSE_COOKIE_AGE,
    )


def request_address_hash(request):
    return address_hash(request.META.get("REMOTE_ADDR", ""))


def request_browser_key_hash(key):
    return browser_key_hash(key)
