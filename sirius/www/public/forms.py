from django import forms

from sirius.forms import SiriusForm
from sirius.referentiel.enums import Niveau


class FormationSearchForm(SiriusForm):
    q = forms.CharField(
        label="Diplôme ou métier",
        help_text="Par exemple : CAP cuisine, BTS, boulanger",
        max_length=200,
        required=False,
    )
    lieu = forms.CharField(
        label="Ville, code postal ou département",
        help_text="Par exemple : Lyon, 69003 ou 69",
        max_length=200,
        required=False,
    )
    centre = forms.CharField(
        label="Centre de formation",
        help_text="Son nom, son numéro SIRET ou son code UAI",
        max_length=200,
        required=False,
    )
    niveau = forms.TypedChoiceField(
        label="Niveau du diplôme",
        choices=[("", "Tous les niveaux"), *Niveau.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "recherche-%s")
        super().__init__(*args, **kwargs)
        for name in ("q", "lieu", "centre"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["lieu"].widget.attrs["autocomplete"] = "address-level2"

    @property
    def has_criteria(self):
        return self.is_valid() and any(self.cleaned_data.values())
