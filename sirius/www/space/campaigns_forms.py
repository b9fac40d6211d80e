"""Forms of the campaign pages of the CFA space. Scoped querysets come from the views."""

from django import forms
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.utils import timezone

from sirius.forms import SiriusForm
from sirius.questionnaires.models import QuestionnaireVersion

# An admin sees every formation in France: the create form lists at most this many at once.
FORMATION_CHOICES_LIMIT = 100


class CampaignStatus:
    UPCOMING = "a-venir"
    OPEN = "ouverte"
    CLOSED = "fermee"
    CHOICES = [(UPCOMING, "À venir"), (OPEN, "Ouverte"), (CLOSED, "Fermée")]


def campaign_status(campaign, today):
    """(key, label) of a campaign's status on a given day."""
    if campaign.has_closed(today):
        return CampaignStatus.CLOSED, "Fermée"
    if campaign.is_open(today):
        return CampaignStatus.OPEN, "Ouverte"
    return CampaignStatus.UPCOMING, "À venir"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(label, help_text=""):
    return forms.DateField(label=label, help_text=help_text, widget=DateInput())


class CampaignFilterForm(SiriusForm):
    q = forms.CharField(
        label="Rechercher",
        help_text="Nom de la campagne ou intitulé de la formation",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    statut = forms.ChoiceField(
        label="Statut",
        choices=[("", "Tous les statuts"), *CampaignStatus.CHOICES],
        required=False,
    )
    mode = forms.ChoiceField(
        label="Mode",
        choices=[
            ("", "Tous les modes"),
            ("invitations", "Invitations personnelles"),
            ("lien", "Lien ouvert"),
        ],
        required=False,
    )

    def filter(self, campaigns, today):
        if not self.is_valid():
            return campaigns
        for word in self.cleaned_data["q"].split():
            campaigns = campaigns.filter(
                Q(name__icontains=word) | Q(formation__intitule__icontains=word)
            )
        status = self.cleaned_data["statut"]
        if status == CampaignStatus.UPCOMING:
            campaigns = campaigns.filter(closed_at__isnull=True, opens_on__gt=today)
        elif status == CampaignStatus.OPEN:
            campaigns = campaigns.open_on(today)
        elif status == CampaignStatus.CLOSED:
            campaigns = campaigns.filter(Q(closed_at__isnull=False) | Q(closes_on__lt=today))
        if self.cleaned_data["mode"] == "invitations":
            campaigns = campaigns.filter(invitations_enabled=True)
        elif self.cleaned_data["mode"] == "lien":
            campaigns = campaigns.filter(open_link_enabled=True)
        return campaigns


class CampaignSettingsForm(SiriusForm):
    """Name, dates, questionnaire version and modes: shared by creation and duplication."""

    name = forms.CharField(
        label="Nom de la campagne",
        help_text="Par exemple : Promotion 2026-2027",
        max_length=255,
    )
    opens_on = _date_field("Date d'ouverture", "Incluse. Format : jj/mm/aaaa")
    closes_on = _date_field("Date de fermeture", "Incluse. Format : jj/mm/aaaa")
    questionnaire_version = forms.ModelChoiceField(
        label="Version du questionnaire",
        queryset=QuestionnaireVersion.objects.none(),
        empty_label=None,
    )
    invitations_enabled = forms.BooleanField(
        label="Invitations personnelles",
        help_text="Un e-mail avec un lien personnel à chaque apprenti de votre fichier "
        "(avis vérifiés).",
        required=False,
    )
    open_link_enabled = forms.BooleanField(
        label="Lien ouvert et QR code",
        help_text="Un lien unique à afficher ou à partager, avec une affiche à imprimer.",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        versions = QuestionnaireVersion.objects.published().select_related("questionnaire")
        field = self.fields["questionnaire_version"]
        field.queryset = versions.order_by("questionnaire__slug", "-number")
        field.label_from_instance = lambda version: (
            f"{version.questionnaire.title} — version {version.number}"
        )
        self.initial.setdefault("invitations_enabled", True)
        if "questionnaire_version" not in self.initial:
            self.initial["questionnaire_version"] = QuestionnaireVersion.objects.latest_published()

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("invitations_enabled") or cleaned.get("open_link_enabled")):
            self.add_error(
                None, "Choisissez au moins un mode : invitations personnelles ou lien ouvert."
            )
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error(
                "closes_on", "La date de fermeture doit être postérieure à la date d'ouverture."
            )
        return cleaned

    def settings(self):
        """The cleaned values, as keyword arguments of the services."""
        return {key: self.cleaned_data[key] for key in self.Meta.settings_fields}

    class Meta:
        settings_fields = (
            "name",
            "opens_on",
            "closes_on",
            "questionnaire_version",
            "invitations_enabled",
            "open_link_enabled",
        )


class FormationChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, formation):
        place = f", {formation.localite}" if formation.localite else ""
        return f"{formation.intitule} — {formation.formateur.name}{place}"


class CampaignCreateForm(CampaignSettingsForm):
    """Creation for one or many formations. `formations` is the user's scoped queryset.

    The list of checkboxes is narrowed by the « filtre » text (a submit button of the same form,
    so nothing typed is lost and no JavaScript is needed); checked formations always stay listed.
    """

    filtre = forms.CharField(
        label="Filtrer les formations",
        help_text="Un mot de l'intitulé, une commune, un code CFD ou RNCP",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    formations = FormationChoiceField(
        label="Formations",
        help_text="Une campagne sera créée pour chaque formation cochée.",
        queryset=None,
        to_field_name="cle_ministere_educatif",
        error_messages={
            "required": "Choisissez au moins une formation.",
            "invalid_choice": "Cette formation ne fait pas partie de votre périmètre.",
        },
    )

    field_order = ["name", "opens_on", "closes_on", "questionnaire_version"]

    def __init__(self, *args, formations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formations"].queryset = formations.select_related("formateur")
        self.listed_formations, self.truncated = self._listed(formations)
        field = self.fields["formations"]
        field.widget.choices = [
            (formation.cle_ministere_educatif, field.label_from_instance(formation))
            for formation in self.listed_formations
        ]

    def _listed(self, formations):
        text = (self.data.get("filtre") or "").strip() if self.is_bound else ""
        checked = self.data.getlist("formations") if self.is_bound else []
        matching = formations.matching(text)
        listed = list(
            formations.filter(
                Q(pk__in=matching.values("pk")) | Q(cle_ministere_educatif__in=checked)
            )
            .select_related("formateur")
            .order_by("intitule", "pk")[: FORMATION_CHOICES_LIMIT + 1]
        )
        if len(listed) > FORMATION_CHOICES_LIMIT:
            return listed[:FORMATION_CHOICES_LIMIT], True
        return listed, False

    def keep_without_errors(self):
        """After « Filtrer » : show what was typed, without validating an unfinished form."""
        self._errors = ErrorDict()


class CampaignDatesForm(SiriusForm):
    opens_on = _date_field("Date d'ouverture", "Incluse. Format : jj/mm/aaaa")
    closes_on = _date_field("Date de fermeture", "Incluse. Format : jj/mm/aaaa")

    def __init__(self, *args, campaign, **kwargs):
        kwargs.setdefault(
            "initial", {"opens_on": campaign.opens_on, "closes_on": campaign.closes_on}
        )
        super().__init__(*args, **kwargs)
        if campaign.opens_on <= timezone.localdate():
            field = self.fields["opens_on"]
            field.disabled = True
            field.help_text = "La campagne a déjà ouvert : sa date d'ouverture ne change plus."
