"""Forms of the alerts, CFA replies and reports screens. The services validate the decisions;
these forms only read what the moderator typed or chose."""

from django import forms

from sirius.accounts.enums import Role
from sirius.accounts.models import User
from sirius.forms import SiriusForm
from sirius.moderation.enums import (
    AlertStatus,
    ModerationStatus,
    RejectionReason,
    ReportSource,
    ReportStatus,
)

EMPTY = [("", "Tous")]


class AlertFilterForm(SiriusForm):
    status = forms.ChoiceField(
        label="Statut", required=False, choices=[*EMPTY, *AlertStatus.choices]
    )


class ReplyFilterForm(SiriusForm):
    status = forms.ChoiceField(
        label="Statut",
        required=False,
        choices=[
            (ModerationStatus.PENDING, ModerationStatus.PENDING.label),
            (ModerationStatus.PUBLISHED, ModerationStatus.PUBLISHED.label),
            (ModerationStatus.PUBLISHED_MASKED, ModerationStatus.PUBLISHED_MASKED.label),
            (ModerationStatus.REJECTED, ModerationStatus.REJECTED.label),
        ],
    )


class ReportFilterForm(SiriusForm):
    status = forms.ChoiceField(
        label="Statut", required=False, choices=[*EMPTY, *ReportStatus.choices]
    )
    source = forms.ChoiceField(
        label="Origine", required=False, choices=[*EMPTY, *ReportSource.choices]
    )


def moderators():
    return User.objects.filter(is_active=True, role__in=[Role.MODERATOR, Role.ADMIN]).order_by(
        "last_name", "first_name", "email"
    )


class ModeratorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name()


class AlertAssignForm(SiriusForm):
    assignee = ModeratorChoiceField(
        label="Attribuer à",
        queryset=User.objects.none(),
        required=False,
        empty_label="Personne (retirer l'attribution)",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = moderators()


class AlertNoteForm(SiriusForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="note_%s", **kwargs)

    text = forms.CharField(
        label="Note",
        help_text="Ce qui a été fait, qui a été prévenu. Visible des seuls modérateurs.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AlertHandleForm(SiriusForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="handle_%s", **kwargs)

    note = forms.CharField(
        label="Note de clôture (obligatoire)",
        help_text="Dites en une phrase ce qui a été fait.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FalseAlarmForm(SiriusForm):
    """« Ce n'est pas une alerte »: the text is then published or rejected like any other."""

    decision = forms.ChoiceField(
        label="Décision sur le texte",
        error_messages={"required": "Choisissez ce que devient le texte."},
        choices=[
            ("", "— Choisissez —"),
            (ModerationStatus.PUBLISHED, "Publier le texte tel quel"),
            (ModerationStatus.PUBLISHED_MASKED, "Publier en masquant les données détectées"),
            (ModerationStatus.REJECTED, "Refuser le texte (motif ci-dessous)"),
        ],
    )
    reason = forms.ChoiceField(
        label="Motif de refus (pour un refus)",
        required=False,
        choices=[("", "—"), *RejectionReason.choices],
    )
    note = forms.CharField(
        label="Pourquoi n'est-ce pas une alerte ? (obligatoire)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, can_mask=True, **kwargs):
        super().__init__(*args, auto_id="dismiss_%s", **kwargs)
        if not can_mask:
            field = self.fields["decision"]
            field.choices = [c for c in field.choices if c[0] != ModerationStatus.PUBLISHED_MASKED]


class ReplyDecisionForm(forms.Form):
    """Posted by a card of the replies queue; the card renders its fields itself."""

    decision = forms.ChoiceField(
        choices=[
            (ModerationStatus.PUBLISHED, "Publier"),
            (ModerationStatus.PUBLISHED_MASKED, "Publier avec masquage"),
            (ModerationStatus.REJECTED, "Refuser"),
        ]
    )
    reason = forms.ChoiceField(required=False, choices=[("", "—"), *RejectionReason.choices])
    note = forms.CharField(required=False)
    seen_status = forms.ChoiceField(choices=ModerationStatus.choices)


VERBATIM_KEEP = "keep"


class ReportResolveForm(forms.Form):
    """Posted by a card of the reports queue; the card renders its fields itself."""

    status = forms.ChoiceField(choices=[(ReportStatus.UPHELD, ""), (ReportStatus.DISMISSED, "")])
    verbatim_decision = forms.ChoiceField(
        required=False,
        choices=[
            (VERBATIM_KEEP, "Ne pas changer l'avis"),
            (ModerationStatus.REJECTED, "Dépublier l'avis (motif ci-dessous)"),
            (ModerationStatus.PUBLISHED_MASKED, "Publier l'avis avec masquage"),
        ],
    )
    reason = forms.ChoiceField(required=False, choices=[("", "—"), *RejectionReason.choices])
    note = forms.CharField(required=False)
    seen_status = forms.ChoiceField(choices=ModerationStatus.choices)
