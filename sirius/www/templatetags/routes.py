"""`{% route_url 'public:formation' formation.cle_ministere_educatif %}`: `{% url %}` for a route
with no argument or one key, without a `reverse()` each time (`sirius.route_urls`)."""

from django import template

from sirius import route_urls

register = template.Library()


@register.simple_tag
def route_url(name, key=None):
    return route_urls.route_url(name, key)
