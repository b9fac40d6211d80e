from types import SimpleNamespace

from django.conf import settings


def site(request):
    """What the DSFR layout needs to name the service, without a database query per page."""
    return {
        "SITE_CONFIG": SimpleNamespace(
            site_title=settings.SIRIUS_SERVICE_NAME,
            site_tagline=settings.SIRIUS_SERVICE_TAGLINE,
            mourning=False,
            notice_title="",
            notice_description="",
            beta_tag=True,
            footer_brand="république française",
            footer_brand_html="république<br>française",
            footer_description="",
            operator_logo_file=None,
            operator_logo_alt="",
            operator_logo_width=0,
            header_brand_html="république<br>française",
        ),
    }
