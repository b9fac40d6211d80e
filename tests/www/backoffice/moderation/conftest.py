import pytest

from tests.factories import UserFactory


@pytest.fixture
def moderator(db):
    return UserFactory(moderator=True, first_name="Alex", last_name="Modo")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
