"""Demo answers in bulk: submitted questionnaires for most demo formations, so that scores,
distributions, criteria and dashboards show real-looking figures after `make run`.

Each formation gets its own level of satisfaction (most are liked, a few much less), so scores
differ; a few formations stay below the publication threshold (1 to 4 answers) and some have
none (and the formations that already have a campaign get none). Campaigns are those of the
last two years (2024 and 2025 in 2026); a few formations have both, for the « earlier years »
display. Rows are written directly (bulk, no free text, no analysis): the commented reviews come
from `demo.reviews`, through the real services. The caller recomputes the aggregates after.
Deterministic: the same database gets the same answers.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sirius.campaigns.models import Campaign
from sirius.questionnaires.enums import QuestionType
from sirius.questionnaires.models import QuestionnaireVersion
from sirius.referentiel.models import Formation
from sirius.responses.enums import Channel
from sirius.responses.models import Response

DEMO_RESPONSES_CAMPAIGN_PREFIX = "Campagne annuelle"
DEMO_RESPONSES_CAMPAIGN_NAME = DEMO_RESPONSES_CAMPAIGN_PREFIX + " {year} (démonstration)"
SEED = 2026
SHARE_WITH_ANSWERS = 0.8
SHARE_BELOW_THRESHOLD = 0.15
EARLIER_YEAR_FORMATIONS = 6
RECOMMENDATION = {5: "oui", 4: "oui", 3: "peut_etre", 2: "non", 1: "non"}
SITUATIONS = ["en_cours"] * 16 + ["terminee"] * 3 + ["interrompue"]
BLANK_ITEM = 0.04


def _clamp(value):
    return min(5, max(1, round(value)))


class _Apprentice:
    """Answers of one apprentice of a formation whose mean satisfaction is `level`."""

    def __init__(self, rng, definition, level, item_bias, year):
        self.rng, self.definition, self.item_bias, self.year = rng, definition, item_bias, year
        self.rating = _clamp(rng.gauss(level, 0.85))

    def answers(self):
        answers = {}
        situation = self.rng.choice(SITUATIONS)
        for question in self.definition.questions:
            answers[question.id] = self._answer(question, situation)
        if situation != "interrompue":
            answers.pop("raison_arret", None)
        return answers

    def _answer(self, question, situation):
        rng, values = self.rng, [value for value, _label in question.choices]
        if question.id == "situation":
            return situation
        if question.id == "annee_debut":
            start = str(self.year - rng.choice((0, 0, 1, 1, 2)))
            return start if start in values else values[-1]
        if question.id == "recommandation":
            return RECOMMENDATION[self.rating]
        if question.type == QuestionType.SCALE:
            if question.id == "recherche_facilite":
                return rng.randint(1, 5)
            return self.rating
        if question.type == QuestionType.GRID:
            return {
                item: None
                if rng.random() < BLANK_ITEM
                else _clamp(rng.gauss(self.rating + self.item_bias.get(item, 0), 0.7))
                for item in values
            }
        if question.type == QuestionType.SINGLE_CHOICE:
            return rng.choice(values)
        if question.type == QuestionType.MULTIPLE_CHOICE:
            if rng.random() < 0.2:
                return None  # optional: left blank
            return {"choices": rng.sample(values, rng.randint(1, 2)), "other": ""}
        return None  # free texts: the commented reviews are seeded by demo.reviews


def _answer_count(rng):
    if rng.random() < SHARE_BELOW_THRESHOLD:
        return rng.randint(1, 4)
    return min(40, 5 + int(rng.expovariate(1 / 10)))


def _campaign(formation, version, year):
    return Campaign(
        name=DEMO_RESPONSES_CAMPAIGN_NAME.format(year=year),
        formation=formation,
        questionnaire_version=version,
        opens_on=date(year, 3, 1),
        closes_on=date(year, 6, 30),
        invitations_enabled=False,
        open_link_enabled=True,
    )


def _submitted_at(rng, campaign, now):
    last = min(campaign.closes_on, timezone.localdate(now) - timedelta(days=1))
    day = campaign.opens_on + timedelta(days=rng.randint(0, (last - campaign.opens_on).days))
    moment = datetime.combine(day, time(rng.randint(8, 21), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def demo_responses_exist():
    return Campaign.objects.filter(name__startswith=DEMO_RESPONSES_CAMPAIGN_PREFIX).exists()


def demo_responses_seed(*, now=None):
    """Create the campaigns and submitted responses; return the number of responses."""
    now = now or timezone.now()
    this_year = timezone.localdate(now).year
    years = (this_year - 2, this_year - 1)
    rng = random.Random(SEED)
    version = QuestionnaireVersion.objects.latest_published()
    definition = version.parsed
    grid_items = [
        value
        for question in definition.questions
        if question.type == QuestionType.GRID
        for value, _label in question.choices
    ]
    formations = list(Formation.objects.filter(campaigns__isnull=True).order_by("pk"))
    chosen = [f for f in formations if rng.random() < SHARE_WITH_ANSWERS]
    earlier = {f.pk for f in chosen[:EARLIER_YEAR_FORMATIONS]}
    plans = []  # (campaign, level, item bias, answers)
    for formation in chosen:
        level = min(4.8, max(1.8, rng.gauss(3.9, 0.55)))
        bias = {item: rng.choice((-1, -0.5, 0, 0, 0.5)) for item in grid_items}
        for year in years if formation.pk in earlier else years[-1:]:
            plans.append((_campaign(formation, version, year), level, bias, _answer_count(rng)))
    Campaign.objects.bulk_create([plan[0] for plan in plans])
    responses = []
    for campaign, level, bias, count in plans:
        year = campaign.opens_on.year
        for _ in range(count):
            submitted_at = _submitted_at(rng, campaign, now)
            apprentice = _Apprentice(rng, definition, level, bias, year)
            responses.append(
                Response(
                    campaign=campaign,
                    formation=campaign.formation,
                    questionnaire_version=version,
                    channel=Channel.OPEN_LINK,
                    answers=apprentice.answers(),
                    last_section_id=definition.sections[-1].id,
                    started_at=submitted_at - timedelta(minutes=rng.randint(4, 12)),
                    last_saved_at=submitted_at,
                    submitted_at=submitted_at,
                )
            )
    Response.objects.bulk_create(responses, batch_size=1000)
    return len(responses)
