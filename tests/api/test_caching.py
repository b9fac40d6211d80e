"""ETag, Cache-Control and 304 on If-None-Match."""

from urllib.parse import quote

from sirius.moderation.enums import ModerationStatus
from sirius.stats.recompute import aggregates_recompute
from tests.factories import verbatim_create_for_test

from .data import CLE_WITH_HASH

DETAIL = f"/api/v1/formations/{quote(CLE_WITH_HASH, safe='')}"


def test_reads_are_cacheable_five_minutes_with_an_etag(client, world):
    response = client.get(DETAIL)

    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34


def test_same_etag_is_a_304_without_body(client, world):
    etag = client.get(DETAIL)["ETag"]

    again = client.get(DETAIL, headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == "public, max-age=300"


def test_a_new_review_changes_the_etag(client, world):
    public, _hidden = world
    etag = client.get(DETAIL)["ETag"]
    verbatim_create_for_test(
        "Un avis de plus.", formation=public, status=ModerationStatus.PUBLISHED
    )
    aggregates_recompute()

    response = client.get(DETAIL, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_errors_are_not_cached(client, db):
    response = client.get("/api/v1/formations?cfd=x")

    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response
