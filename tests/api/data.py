"""A small published world for the API tests: reviews of every status, replies, aggregates."""

from datetime import timedelta

from django.utils import timezone

from sirius.moderation.enums import ModerationStatus, Theme, Tone
from sirius.moderation.models import EstablishmentReply, VerbatimTheme
from sirius.stats.recompute import aggregates_recompute
from tests.factories import FormationFactory, UserFactory, verbatim_create_for_test

THRESHOLD = 3
CLE_WITH_HASH = "088281P01111887390000000000000-78#L01"
HIDDEN_TEXTS = {
    "pending": "Texte en attente de relecture.",
    "rejected": "Texte refusé hors sujet.",
    "alert": "Texte en alerte à ne jamais montrer.",
    "pending reply": "Réponse du centre pas encore relue.",
}


def world_create():
    """One public formation (key with « # »), one below the threshold; returns both."""
    public = FormationFactory(cle_ministere_educatif=CLE_WITH_HASH, intitule="Pâtisserie")
    hidden = FormationFactory(intitule="Boulangerie", formateur=public.formateur)
    start = timezone.now() - timedelta(days=30)
    for n in range(THRESHOLD - 1):
        verbatim_create_for_test(
            f"Avis ouvert numéro {n}.",
            formation=public,
            status=ModerationStatus.PUBLISHED,
            submitted_at=start + timedelta(days=n),
        )
    verified = verbatim_create_for_test(
        "Les formateurs sont passionnés.",
        formation=public,
        invitation=True,
        status=ModerationStatus.PUBLISHED,
        submitted_at=start + timedelta(days=10),
    )
    VerbatimTheme.objects.create(verbatim=verified, theme=Theme.PEDAGOGIE, tone=Tone.POSITIVE)
    masked = verbatim_create_for_test(
        "Merci Julie pour tout.",
        formation=public,
        invitation=True,
        status=ModerationStatus.PUBLISHED_MASKED,
        submitted_at=start + timedelta(days=5),
    )
    masked.masked_text = "Merci [prénom] pour tout."
    masked.save(update_fields=["masked_text"])
    EstablishmentReply.objects.create(
        verbatim=verified,
        establishment=public.formateur,
        author=UserFactory(establishments=[public.formateur], email="directrice@cfa.example"),
        text="Merci, nous transmettons à l'équipe.",
        status=ModerationStatus.PUBLISHED,
        published_at=verified.published_at + timedelta(days=1),
    )
    verbatim_create_for_test(HIDDEN_TEXTS["pending"], formation=public)
    verbatim_create_for_test(
        HIDDEN_TEXTS["rejected"], formation=public, status=ModerationStatus.REJECTED
    )
    verbatim_create_for_test(HIDDEN_TEXTS["alert"], formation=public, status=ModerationStatus.ALERT)
    other = verbatim_create_for_test(
        "Avis publié récent.", formation=public, status=ModerationStatus.PUBLISHED
    )
    EstablishmentReply.objects.create(
        verbatim=other, establishment=public.formateur, text=HIDDEN_TEXTS["pending reply"]
    )
    verbatim_create_for_test("Trop tôt pour être lu.", formation=hidden, status="published")
    aggregates_recompute()
    return public, hidden
