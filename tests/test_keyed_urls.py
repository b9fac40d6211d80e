"""`keyed_url` gives what `reverse` gives, for the keys the catalogue and the reviews hold."""

import uuid

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from sirius.keyed_urls import keyed_url

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
    assert keyed_url("public:formation", key) == reverse("public:formation", args=[key])


def test_a_uuid_key():
    key = uuid.uuid4()
    assert keyed_url("public:review_report", key) == reverse("public:review_report", args=[key])


def test_each_key_gets_its_own_url():
    first, second = keyed_url("public:formation", "A#1"), keyed_url("public:formation", "B#2")
    assert first == "/formations/A%231/" and second == "/formations/B%232/"


def test_the_script_prefix_is_kept():
    set_script_prefix("/sirius/")
    assert keyed_url("public:formation", "A#1") == "/sirius/formations/A%231/"
    set_script_prefix("/")
    assert keyed_url("public:formation", "A#1") == "/formations/A%231/"


def test_a_key_reverse_refuses_is_refused():
    with pytest.raises(NoReverseMatch):
        keyed_url("public:formation", "a/b")
