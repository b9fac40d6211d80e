"""« Comment fonctionnent les avis »: what the Code de la consommation (L111-7-2, D111-17 and
D111-18) asks a site publishing reviews to tell, rendered from the code that does it (threshold,
ranking constants, rejection and report reasons, review orders) so that the page stays true."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sirius.moderation.enums import RejectionReason, ReportReason
from sirius.stats.enums import SCORE_QUESTION_ID
from sirius.stats.ranking import DEFAULT_PRIOR_MEAN, PRIOR_WEIGHT, ranking_score
from sirius.stats.read import labels_definition, national_mean

from .review_orders import DEFAULT_ORDER, ORDERS
from .reviews import REVIEW_RETENTION_YEARS
from .reviews_display import publication_threshold

TITLE = "Comment fonctionnent les avis"
# The worked example of the ranking: a few perfect answers against a long, good record.
FEW_ANSWERS, FEW_SCORE = 5, 5
MANY_ANSWERS, MANY_SCORE = 200, 4.6


def french_decimal(value, digits=2):
    return f"{value:.{digits}f}".replace(".", ",")


def _score_question_label():
    definition = labels_definition()
    question = definition.question(SCORE_QUESTION_ID) if definition else None
    return question.label if question else "Dans l’ensemble, es-tu satisfait de ta formation ?"


def ranking_explanation():
    """The constants and a worked example of the Bayesian ranking, as the page prints them."""
    example_prior = DEFAULT_PRIOR_MEAN
    few = ranking_score(FEW_ANSWERS * FEW_SCORE, FEW_ANSWERS, example_prior)
    many = ranking_score(MANY_ANSWERS * MANY_SCORE, MANY_ANSWERS, example_prior)
    return {
        "prior_weight": PRIOR_WEIGHT,
        "national_mean": french_decimal(national_mean()),
        "example_prior": french_decimal(example_prior, 1),
        "few_answers": FEW_ANSWERS,
        "few_score": FEW_SCORE,
        "few_ranking": french_decimal(few),
        "many_answers": MANY_ANSWERS,
        "many_score": french_decimal(MANY_SCORE, 1),
        "many_ranking": french_decimal(many),
    }


@require_GET
def how_reviews_work(request):
    return render(
        request,
        "public/reviews/how_reviews_work.html",
        {
            "title": TITLE,
            "breadcrumb_data": {"current": TITLE},
            "threshold": publication_threshold(),
            "contact_retention_months": settings.SIRIUS_CONTACT_RETENTION_MONTHS,
            "review_retention_years": REVIEW_RETENTION_YEARS,
            "rejection_reasons": RejectionReason.labels,
            "report_reasons": ReportReason.labels,
            "auto_publish": settings.SIRIUS_MODERATION_AUTO_PUBLISH,
            "score_question": _score_question_label(),
            "ranking": ranking_explanation(),
            "review_orders": ORDERS,
            "default_review_order": DEFAULT_ORDER,
        },
    )
