"""Published reviews for the review pages' tests (CFA space and public pages)."""

from sirius.moderation.enums import ModerationStatus
from tests.factories import verbatim_create_for_test

PUBLISHED = ModerationStatus.PUBLISHED


def reviews_create(formation, count, *, status=PUBLISHED, text="Avis numéro {n}.", **kwargs):
    """`count` reviews of `formation`, each from its own submitted response."""
    return [
        verbatim_create_for_test(text.format(n=n), formation=formation, status=status, **kwargs)
        for n in range(count)
    ]
