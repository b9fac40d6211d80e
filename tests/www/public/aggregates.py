"""Formation aggregates written directly: fast, and exact about what the pages read."""

from sirius.stats.enums import SCORE_QUESTION_ID, Scope
from sirius.stats.models import Aggregate


def aggregate_create(*, key, scope=Scope.FORMATION, notes=None, responses=None):
    """An aggregate of answers `notes` ({note 1–5: count}) to the score question."""
    notes = notes or {}
    count = sum(notes.values())
    total = sum(note * times for note, times in notes.items())
    return Aggregate.objects.create(
        scope=scope,
        key=key,
        niveau=0,
        responses=count if responses is None else responses,
        score_sum=total,
        score_count=count,
        answers={
            SCORE_QUESTION_ID: {
                "n": count,
                "sum": total,
                "dist": {str(note): times for note, times in notes.items()},
            }
        },
    )


def scored(formation, notes):
    return aggregate_create(key=formation.cle_ministere_educatif, notes=notes)
