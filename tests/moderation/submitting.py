"""Submit a real response through the answering services, with a free text of the test's choice."""

from datetime import timedelta

from django.utils import timezone

from sirius.campaigns.models import Contact
from sirius.responses.services import response_save_section, response_start, response_submit
from tests.factories import invitation_create_for_test
from tests.responses.data import STORED_ANSWERS, VISIBLE_SECTIONS


def invitation_with_contact(campaign, *, email="lea.apprentie@example.org", first_name="Léa"):
    """An invitation of `campaign` sent to a roster contact with an email address."""
    invitation, _token = invitation_create_for_test(campaign)
    invitation.contact = Contact.objects.create(
        formation=campaign.formation, email=email, first_name=first_name
    )
    invitation.save(update_fields=["contact"])
    return invitation


def _as_posted(value):
    if isinstance(value, dict):
        return {key: _as_posted(item) for key, item in value.items()}
    return "" if value is None else str(value)


def response_submit_with_text(text, *, campaign, invitation=None, advice=""):
    """Answer every visible section as an apprentice would, `text` as the first comment."""
    started = timezone.now() - timedelta(minutes=10)
    response = response_start(campaign=campaign, invitation=invitation, now=started)
    definition = campaign.questionnaire_version.parsed
    answers = {**STORED_ANSWERS, "commentaire_positif": text, "commentaire_conseil": advice}
    for section_id in VISIBLE_SECTIONS:
        section = definition.section(section_id)
        submitted = {
            question.id: _as_posted(answers.get(question.id))
            for question in section.visible_questions(response.answers)
        }
        response = response_save_section(
            response=response, section=section, submitted=submitted, now=started
        )
    return response_submit(response=response)
