"""What the layout (`layout/base.html`) writes on every page and that django-dsfr's inclusion tags
rendered through a template each time: the DSFR scripts with the response's CSP nonce."""

import functools

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from dsfr.checksums import INTEGRITY_JS_MODULE, INTEGRITY_JS_NOMODULE
from dsfr.constants import DsfrStaticAssets

register = template.Library()


@functools.cache
def _script_urls(static_url):
    """The scripts' URLs (hashed names in production): the same for the process's lifetime,
    unless a test changes STATIC_URL."""
    return static(DsfrStaticAssets.DSFR_MODULE_JS), static(DsfrStaticAssets.DSFR_NOMODULE_JS)


@register.simple_tag
def dsfr_scripts(nonce):
    """The markup of django-dsfr's `{% dsfr_js nonce=… %}`, integrity checksums included."""
    module, nomodule = _script_urls(settings.STATIC_URL)
    return format_html(
        '<script type="module" src="{}" integrity="{}" nonce="{}"></script>\n'
        '<script nomodule src="{}" integrity="{}" nonce="{}"></script>',
        module,
        INTEGRITY_JS_MODULE,
        nonce,
        nomodule,
        INTEGRITY_JS_NOMODULE,
        nonce,
    )
