"""The public report form (« Signaler cet avis », DSA article 16)."""

from django import forms

from sirius.forms import SiriusForm
from sirius.moderation.enums import ReportReason
from sirius.moderation.reports import EXPLANATION_MAX_LENGTH


class PublicReportForm(SiriusForm):
    reason = forms.ChoiceField(
        label="Pourquoi signalez-vous cet avis ?",
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez un motif de signalement."},
    )
    explanation = forms.CharField(
        label="Expliquez ce qui pose problème",
        help_text="Dites pourquoi ce texte vous semble illicite ou contraire aux règles de "
        "publication : quel passage, quelle donnée personnelle, quels propos. "
        f"{EXPLANATION_MAX_LENGTH} caractères au plus.",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": EXPLANATION_MAX_LENGTH}),
        error_messages={"required": "Expliquez ce qui pose problème dans cet avis."},
    )
    email = forms.EmailField(
        label="Votre adresse e-mail (facultatif)",
        help_text="Pour être informé de la suite donnée à votre signalement. "
        "Elle ne sert à rien d'autre. Format attendu : nom@domaine.fr",
        required=False,
        error_messages={"invalid": "Saisissez une adresse e-mail valide, comme nom@domaine.fr."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    good_faith = forms.BooleanField(
        label="Je déclare de bonne foi que les informations de ce signalement sont exactes "
        "et complètes.",
        error_messages={"required": "Cochez la case pour confirmer votre bonne foi."},
    )

    def clean_explanation(self):
        return self.cleaned_data["explanation"].replace("\r\n", "\n")
