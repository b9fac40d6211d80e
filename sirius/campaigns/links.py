"""Absolute links to the answering doors, for commands, emails and the share kit."""

from django.conf import settings
from django.urls import reverse


def invitation_link(raw_token):
    return settings.SITE_URL + reverse("answer:invitation", kwargs={"token": raw_token})


def open_link(campaign):
    return settings.SITE_URL + reverse("answer:open", kwargs={"public_id": campaign.public_id})
