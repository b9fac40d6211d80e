"""A formation above the publication threshold with published reviews and themes, for the
widget's tests."""

from datetime import timedelta

from django.utils import timezone

from sirius.moderation.enums import ModerationStatus, Theme, Tone
from sirius.moderation.models import VerbatimTheme
from sirius.stats.read import labels_forget
from sirius.stats.recompute import aggregates_recompute
from tests.factories import FormationFactory, verbatim_create_for_test

THRESHOLD = 3


def formation_with_reviews_create(cle=None):
    """Five responses scoring 4/5: four published reviews (the newest « Avis 3 » verified, then
    « Avis 2 » … « Avis 0 ») and a rejected one; themes: pedagogy 3 positive 1 negative,
    ambiance 2 positive, equipment 1 negative, timetable 1 positive. Call with
    SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD."""
    keys = {"cle_ministere_educatif": cle} if cle else {}
    formation = FormationFactory(intitule="Pâtisserie", **keys)
    start = timezone.now() - timedelta(days=10)
    reviews = [
        verbatim_create_for_test(
            f"Avis {n}.",
            formation=formation,
            status=ModerationStatus.PUBLISHED,
            invitation=n == 3,
            submitted_at=start + timedelta(days=n),
        )
        for n in range(4)
    ]
    verbatim_create_for_test("Avis refusé.", formation=formation, status=ModerationStatus.REJECTED)
    themes = [
        (0, Theme.PEDAGOGIE, Tone.POSITIVE),
        (1, Theme.PEDAGOGIE, Tone.POSITIVE),
        (2, Theme.PEDAGOGIE, Tone.POSITIVE),
        (3, Theme.PEDAGOGIE, Tone.NEGATIVE),
        (0, Theme.AMBIANCE, Tone.POSITIVE),
        (1, Theme.AMBIANCE, Tone.POSITIVE),
        (2, Theme.EQUIPEMENTS, Tone.NEGATIVE),
        (3, Theme.HORAIRES, Tone.POSITIVE),
    ]
    VerbatimTheme.objects.bulk_create(
        VerbatimTheme(verbatim=reviews[n], theme=theme, tone=tone) for n, theme, tone in themes
    )
    aggregates_recompute()
    labels_forget()
    return formation


def formation_below_threshold_create():
    formation = FormationFactory(intitule="Boulangerie")
    verbatim_create_for_test("Trop tôt.", formation=formation, status=ModerationStatus.PUBLISHED)
    aggregates_recompute()
    return formation
