from types import SimpleNamespace

from django.conf import settings


def site(request):
    """What the DSFR layout needs to name the service, without a database query per page."""
    # django-csp adds the nonce to the header only once `request.csp_nonce` is evaluated, and
    # dsfr_js tests it with `{% if %}`, which does not evaluate it: without this the DSFR scripts
    # would be rendered without their nonce.
    if hasattr(request, "csp_nonce"):
        str(request.csp_nonce)
    return {
        "SITE_CONFIG": SimpleNamespace(
            site_title=settings.SIRIUS_SERVICE_NAME,
            site_tagline=settings.SIRIUS_SERVICE_TAGLINE,
            beta_tag=True,
        ),
        # The header marks the current page in the main menu (and is cached per view).
        "current_view": getattr(request.resolver_match, "view_name", ""),
    }
