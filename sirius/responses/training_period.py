"""When the experience a review tells of took place (Code de la consommation, D111-17)."""

from django.db.models.fields.json import KeyTextTransform

# The question of the default questionnaire that dates the experience (Code de la consommation,
# D111-17): the year the apprentice started the formation.
TRAINING_START_QUESTION = "annee_debut"


def with_training_start(verbatims):
    """Annotate `training_start`: the raw answer to « annee_debut » (« 2025 », « avant_2023 »)."""
    return verbatims.annotate(
        training_start=KeyTextTransform(TRAINING_START_QUESTION, "response__answers")
    )


def training_period_label(training_start):
    """« Formation commencée en 2025 », or "" when the questionnaire did not ask."""
    value = str(training_start or "")
    if value.isdigit():
        return f"Formation commencée en {value}"
    if value.startswith("avant_") and value.removeprefix("avant_").isdigit():
        return f"Formation commencée avant {value.removeprefix('avant_')}"
    return ""
