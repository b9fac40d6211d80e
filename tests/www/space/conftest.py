import pytest

from tests.accounts.world import world_build


@pytest.fixture
def world(db):
    return world_build()
