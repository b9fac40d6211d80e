"""The URL of a route without a `reverse()` each time: for the links of the pages and API
answers read the most (a formation's page, its reviews' report links, search results).

Django's `reverse` looks up its candidates and checks each with a regular expression: ≈ 0.1 ms a
call, several times per request. Here a route is reversed once per script prefix — with a
placeholder when it takes a key, which each key then replaces, quoted as `reverse` quotes it. A
key `reverse` would refuse (a "/" in a `str` segment) still goes through `reverse`, which says
why. Templates use `{% route_url %}` (`sirius.www.templatetags.routes`).
"""

import functools
import uuid
from urllib.parse import quote

from django.urls import get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS

_TEXT_PLACEHOLDER = "sirius-key-placeholder"
_UUID_PLACEHOLDER = uuid.UUID("5a1e5a1e-0000-4000-8000-00000000c1e5")
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what `reverse` leaves unquoted


@functools.cache
def _reversed(name, placeholder, script_prefix):
    return reverse(name, args=[] if placeholder is None else [placeholder])


def route_url(name, key=None):
    """`reverse(name)`, or `reverse(name, args=[key])` for a route whose one argument is a `str`
    or a `uuid`."""
    if key is None:
        return _reversed(name, None, get_script_prefix())
    if isinstance(key, uuid.UUID):
        placeholder = _UUID_PLACEHOLDER
    else:
        key = str(key)
        if "/" in key:
            return reverse(name, args=[key])
        placeholder = _TEXT_PLACEHOLDER
    url = _reversed(name, placeholder, get_script_prefix())
    return url.replace(str(placeholder), quote(str(key), safe=_SAFE), 1)
