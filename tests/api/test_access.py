"""API keys (create_api_key, X-Api-Key) and the rate limit shared through the database."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from sirius.api.keys import api_key_revoke, key_hash
from sirius.api.models import ApiKey, ApiRateWindow
from sirius.api.throttling import Rate, rate_hit
from sirius.audit.models import Event
from sirius.stats.read import labels_definition
from tests.factories import FormationFactory

LIST = "/api/v1/formations"


def key_create(partner="Région Bretagne"):
    out = StringIO()
    call_command("create_api_key", partner, "--name", "portail", stdout=out)
    return out.getvalue().strip().splitlines()[-1]


class TestKeys:
    def test_command_prints_the_key_once_and_stores_its_hash(self, db):
        raw = key_create()

        stored = ApiKey.objects.get()
        assert raw.startswith("sirius_") and len(raw) > 40
        assert stored.partner == "Région Bretagne" and stored.name == "portail"
        assert stored.key_hash == key_hash(raw)
        assert raw not in str(ApiKey.objects.values().get())
        assert Event.objects.filter(verb="api_key.created").count() == 1

    def test_command_refuses_an_empty_partner(self, db):
        with pytest.raises(Exception, match="partenaire est obligatoire"):
            call_command("create_api_key", "  ", stdout=StringIO())

    def test_a_valid_key_is_served(self, client, db):
        raw = key_create()

        response = client.get(LIST, headers={"X-Api-Key": raw})

        assert response.status_code == 200
        assert ApiKey.objects.get().last_used_at is not None

    @pytest.mark.parametrize("revoked", [False, True])
    def test_an_unknown_or_revoked_key_is_a_401(self, client, db, revoked):
        raw = key_create()
        if revoked:
            api_key_revoke(api_key=ApiKey.objects.get())
        else:
            raw += "x"

        response = client.get(LIST, headers={"X-Api-Key": raw})

        assert response.status_code == 401
        assert response.json() == {"detail": "Clé d'API inconnue ou révoquée (en-tête X-Api-Key)."}

    def test_last_use_is_written_at_most_once_a_minute(self, client, db, django_assert_num_queries):
        raw = key_create()
        FormationFactory()
        labels_definition()
        with django_assert_num_queries(6):  # key, its last use, rate counter, count, page, stats
            client.get(LIST, headers={"X-Api-Key": raw})
        with django_assert_num_queries(5):
            client.get(LIST, headers={"X-Api-Key": raw})
        ApiKey.objects.update(last_used_at=timezone.now() - timedelta(minutes=2))
        with django_assert_num_queries(6):
            client.get(LIST, headers={"X-Api-Key": raw})


class TestRateLimit:
    def test_over_the_anonymous_limit_a_429_in_french_with_retry_after(self, client, db, settings):
        settings.SIRIUS_API_ANONYMOUS_RATE = "2/min"

        statuses = [client.get(LIST).status_code for _ in range(3)]
        refused = client.get(LIST)

        assert statuses == [200, 200, 429]
        assert refused.status_code == 429
        assert 1 <= int(refused["Retry-After"]) <= 60
        assert refused.json()["detail"].startswith(
            "Trop de requêtes : la limite est de 2 requêtes par 60 secondes."
        )
        assert refused["Cache-Control"] == "no-store"

    def test_a_key_has_its_own_higher_limit(self, client, db, settings):
        settings.SIRIUS_API_ANONYMOUS_RATE = "1/min"
        settings.SIRIUS_API_KEY_RATE = "3/min"
        raw = key_create()
        assert client.get(LIST).status_code == 200
        assert client.get(LIST).status_code == 429

        keyed = [client.get(LIST, headers={"X-Api-Key": raw}).status_code for _ in range(4)]

        assert keyed == [200, 200, 200, 429]

    def test_addresses_are_counted_apart_and_not_stored(self, client, db, settings):
        settings.SIRIUS_API_ANONYMOUS_RATE = "1/min"

        assert client.get(LIST, REMOTE_ADDR="192.0.2.1").status_code == 200
        assert client.get(LIST, REMOTE_ADDR="192.0.2.2").status_code == 200
        assert client.get(LIST, REMOTE_ADDR="192.0.2.1").status_code == 429
        assert not ApiRateWindow.objects.filter(bucket__contains="192.0.2").exists()

    def test_bad_keys_count_against_the_address(self, client, db, settings):
        settings.SIRIUS_API_ANONYMOUS_RATE = "2/min"

        statuses = [
            client.get(LIST, headers={"X-Api-Key": "sirius_devine"}).status_code for _ in range(3)
        ]

        assert statuses == [401, 401, 429]

    def test_a_new_window_starts_after_the_period(self, db):
        rate = Rate.parse("2/min")

        hits = [rate_hit("ip:test", rate, now=120.0 + second).hits for second in (0, 1, 2)]
        after = rate_hit("ip:test", rate, now=180.0)

        assert hits == [1, 2, 3]
        assert after.allowed and after.hits == 1
        assert rate_hit("ip:test", rate, now=150.5).retry_after == 30

    @pytest.mark.parametrize("text", ["60", "soixante/min", "60/semaine", ""])
    def test_rates_are_checked(self, text):
        with pytest.raises(ValueError, match="Débit invalide"):
            Rate.parse(text)


@pytest.mark.django_db(transaction=True)
def test_counts_are_shared_between_database_connections():
    """Each web process has its own connection: the count must live in the database."""
    rate = Rate.parse("10/min")
    seen = []

    def other_process():
        seen.append(rate_hit("ip:shared", rate, now=60.0).hits)
        connection.close()

    thread = threading.Thread(target=other_process)
    thread.start()
    thread.join()

    assert seen == [1]
    assert rate_hit("ip:shared", rate, now=61.0).hits == 2


def test_ended_windows_are_deleted_now_and_then(db, monkeypatch):
    from sirius.api import throttling

    rate = Rate.parse("2/min")
    rate_hit("ip:old", rate, now=0.0)
    monkeypatch.setitem(throttling._cleanup, "last", -1e12)  # the last cleanup is long past

    rate_hit("ip:new", rate, now=10_000.0)

    assert set(ApiRateWindow.objects.values_list("bucket", flat=True)) == {"ip:new"}
