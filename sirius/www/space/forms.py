from django import forms

from sirius.forms import SiriusForm
from sirius.referentiel.enums import Niveau


class FormationFilterForm(SiriusForm):
    """Filters of the formation list; they only narrow a queryset that is already scoped."""

    q = forms.CharField(
        label="Rechercher",
        help_text="Intitulé, diplôme, commune, code CFD ou RNCP, SIRET",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    niveau = forms.TypedChoiceField(
        label="Niveau de diplôme",
        choices=[("", "Tous les niveaux"), *Niveau.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def filter(self, formations):
        if not self.is_valid():
            return formations
        formations = formations.matching(self.cleaned_data["q"])
        if self.cleaned_data["niveau"] is not None:
            formations = formations.filter(niveau=self.cleaned_data["niveau"])
        return formations
