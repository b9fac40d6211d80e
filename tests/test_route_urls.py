"""`route_url` gives what `reverse` gives, for the keys the catalogue and the reviews hold."""

import uuid

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from sirius.route_urls import route_url

KEYS = [
    "088281P01111975076340005419750763400054-75056#L01",
    "clé avec espace & accents é?=;",
    "50%-off+100",
    "a:b@c~d!$'()*,",
]


@pytest.fixture(autouse=True)
def root_prefix():
    yield
    set_script_prefix("/")


@pytest.mark.parametrize("key", KEYS)
def test_a_text_key_is_quoted_as_reverse_quotes_it(key):
    assert route_url("public:formation", key) == reverse("public:formation", args=[key])


def test_a_uuid_key():
    key = uuid.uuid4()
    assert route_url("public:review_report", key) == reverse("public:review_report", args=[key])


def test_each_key_gets_its_own_url():
    first, second = route_url("public:formation", "A#1"), route_url("public:formation", "B#2")
    assert first == "/formations/A%231/" and second == "/formations/B%232/"


def test_the_script_prefix_is_kept():
    set_script_prefix("/sirius/")
    assert route_url("public:formation", "A#1") == "/sirius/formations/A%231/"
    set_script_prefix("/")
    assert route_url("public:formation", "A#1") == "/formations/A%231/"


def test_a_key_reverse_refuses_is_refused():
    with pytest.raises(NoReverseMatch):
        route_url("public:formation", "a/b")


def test_the_template_tag_writes_the_url_tag_s_urls():
    template = Template(
        "{% load routes %}{% route_url 'public:formation' cle %} {% route_url 'public:home' %}"
    )
    expected = Template("{% url 'public:formation' cle %} {% url 'public:home' %}")
    context = Context({"cle": "088281P01111975076340005419750763400054-75056#L01"})
    assert template.render(context) == expected.render(context)
