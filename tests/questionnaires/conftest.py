import pytest

from tests.questionnaires.definitions import default_questionnaire_ensure


@pytest.fixture(autouse=True)
def _default_questionnaire(request):
    """Tests that use the database start with the default questionnaire, as migrated."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("db")
    default_questionnaire_ensure()
