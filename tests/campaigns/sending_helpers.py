"""Helpers of the invitation-sending tests: contacts, rounds and dispatch at a given time."""

from datetime import datetime, timedelta

from django.utils import timezone

from sirius.campaigns.models import Contact
from sirius.campaigns.scheduler import scheduler_round
from sirius.emails.dispatch import email_dispatch_once
from tests.factories import CampaignFactory, EstablishmentFactory, FormationFactory

WORKER = "test-worker"


def at(day, hour=10):
    """`day` days after tomorrow at `hour` (local time): always after the real time, since the
    outbox stamps rows with the real time and the dispatch only sends rows due by its clock."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time())) + timedelta(
        days=day, hours=hour
    )


def campaign_create(**kwargs):
    """An open campaign around at(0) for « Boulanger » at « CFA du Pain » (Lyon)."""
    formation = kwargs.pop("formation", None) or FormationFactory(
        intitule="Boulanger",
        diplome="CAP",
        localite="Lyon",
        formateur=EstablishmentFactory(enseigne="CFA du Pain", localite="Lyon"),
    )
    defaults = {
        "formation": formation,
        "opens_on": at(-1).date(),
        "closes_on": at(30).date(),
        "open_link_enabled": False,
    }
    return CampaignFactory(**{**defaults, **kwargs})


def contact_create(formation, email="lea@example.org", **kwargs):
    return Contact.objects.create(formation=formation, email=email, **kwargs)


def round_at(when):
    result = scheduler_round(now=when)
    assert not result.skipped
    return result


def dispatch_at(when):
    """Send everything due as the email worker would, its clock at `when`."""
    return email_dispatch_once(worker=WORKER, clock=lambda: when)
