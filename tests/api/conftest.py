import pytest

from sirius.api import throttling
from sirius.stats.read import labels_forget

from .data import THRESHOLD, world_create


@pytest.fixture(autouse=True)
def api_settings(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD
    settings.SIRIUS_API_ANONYMOUS_RATE = "1000/min"
    settings.SIRIUS_API_KEY_RATE = "5000/min"
    settings.SIRIUS_API_RATE_TOLERANCE = 0  # one write per request; batches: test_rate_batches
    settings.SITE_URL = "https://sirius.example"
    return settings


@pytest.fixture(autouse=True)
def _fresh_process_state(monkeypatch):
    """Questionnaire labels re-read, no cleanup of rate windows due (pinned query counts), and
    no request tally left by another test."""
    labels_forget()
    monkeypatch.setitem(throttling._cleanup, "last", float("inf"))
    throttling._process_tallies.clear()
    yield
    throttling._process_tallies.clear()


@pytest.fixture
def world(db):
    return world_create()
