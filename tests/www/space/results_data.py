"""Submitted responses written directly, then aggregates rebuilt: fast data for results tests."""

from datetime import timedelta

from django.utils import timezone

from sirius.responses.enums import Channel
from sirius.responses.models import Response
from sirius.stats.recompute import aggregates_recompute
from tests.factories import CampaignFactory
from tests.responses.data import STORED_ANSWERS


def responses_create(formation, count, *, campaign=None, recompute=True, **answers):
    """`count` submitted open-link responses of one campaign of `formation`; its campaign."""
    campaign = campaign or CampaignFactory(formation=formation)
    now = timezone.now()
    Response.objects.bulk_create(
        Response(
            campaign=campaign,
            formation=formation,
            questionnaire_version=campaign.questionnaire_version,
            channel=Channel.OPEN_LINK,
            answers={**STORED_ANSWERS, **answers},
            started_at=now - timedelta(minutes=8),
            last_saved_at=now,
            submitted_at=now,
        )
        for _ in range(count)
    )
    if recompute:
        aggregates_recompute()
    return campaign
