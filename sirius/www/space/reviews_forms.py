"""Forms of the review pages of the CFA space: filters, reply, report.

Length limits and refusals are the services' (`reply_submit`, `report_create_by_establishment`);
the forms only carry the fields, so their French messages are shown as they are.
"""

from django import forms
from django.db.models import Exists, OuterRef

from sirius.forms import SiriusForm
from sirius.moderation.enums import ModerationStatus, ReportReason, Theme
from sirius.moderation.models import REPLY_MAX_LENGTH, EstablishmentReply, VerbatimTheme
from sirius.moderation.reports import EXPLANATION_MAX_LENGTH


def normalized_newlines(text):
    """Browsers count a line break as one character but send two (CR LF)."""
    return text.replace("\r\n", "\n")


class ReviewFilterForm(SiriusForm):
    formation = forms.CharField(
        label="Formation",
        help_text="Intitulé, diplôme, commune, code CFD ou RNCP, SIRET",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    theme = forms.ChoiceField(
        label="Thème", choices=[("", "Tous les thèmes"), *Theme.choices], required=False
    )
    reponse = forms.ChoiceField(
        label="Votre réponse",
        choices=[("", "Tous les avis"), ("sans", "Sans réponse"), ("avec", "Avec réponse")],
        required=False,
    )

    def filter_formations(self, formations):
        if not self.is_valid():
            return formations
        return formations.matching(self.cleaned_data["formation"])

    def filter_verbatims(self, verbatims):
        if not self.is_valid():
            return verbatims
        if self.cleaned_data["theme"]:
            verbatims = verbatims.filter(
                Exists(
                    VerbatimTheme.objects.filter(
                        verbatim=OuterRef("pk"), theme=self.cleaned_data["theme"]
                    )
                )
            )
        live_reply = Exists(
            EstablishmentReply.objects.filter(verbatim=OuterRef("pk")).exclude(
                status=ModerationStatus.REJECTED
            )
        )
        if self.cleaned_data["reponse"] == "avec":
            verbatims = verbatims.filter(live_reply)
        elif self.cleaned_data["reponse"] == "sans":
            verbatims = verbatims.filter(~live_reply)
        return verbatims


class ReplyForm(SiriusForm):
    text = forms.CharField(
        label="Votre réponse",
        help_text=f"{REPLY_MAX_LENGTH} caractères au plus.",
        strip=False,
        error_messages={"required": "Écrivez votre réponse avant de l'envoyer."},
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": REPLY_MAX_LENGTH}),
    )

    def clean_text(self):
        return normalized_newlines(self.cleaned_data["text"])


class EstablishmentReportForm(SiriusForm):
    reason = forms.ChoiceField(
        label="Motif du signalement",
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez un motif de signalement."},
    )
    explanation = forms.CharField(
        label="Votre explication",
        help_text="Ce qui vous fait douter de cet avis ou ce qui pose problème, "
        f"en {EXPLANATION_MAX_LENGTH} caractères au plus.",
        strip=False,
        error_messages={
            "required": "Expliquez en quelques mots ce qui pose problème dans cet avis."
        },
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": EXPLANATION_MAX_LENGTH}),
    )

    def clean_explanation(self):
        return normalized_newlines(self.cleaned_data["explanation"])
