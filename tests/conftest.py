import pytest

from tests.browser import browser_page  # noqa: F401  (fixture for the browser tests)
from tests.smtp import smtp_server  # noqa: F401  (a real SMTP server for the email tests)


@pytest.fixture(autouse=True)
def _forget_cached_questionnaire_versions():
    """Primary keys are reused after a rollback: no version cached by an earlier test."""
    from sirius.questionnaires.models import _VERSIONS_BY_PK

    _VERSIONS_BY_PK.clear()


@pytest.fixture(autouse=True)
def _media_and_email(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SIRIUS_OPENDATA_DIR = tmp_path / "opendata"
