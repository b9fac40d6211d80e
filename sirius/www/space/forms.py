from django import forms
from django.db.models import Q

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
        text = self.cleaned_data["q"].strip()
        if text:
            code = text.replace(" ", "").upper()
            words = Q()
            for word in text.split():
                words &= (
                    Q(search_text__icontains=word)
                    | Q(intitule__icontains=word)
                    | Q(localite__icontains=word)
                )
            formations = formations.filter(
                words
                | Q(cfd=code)
                | Q(rncp=code)
                | Q(formateur__siret=code)
                | Q(gestionnaire__siret=code)
            )
        if self.cleaned_data["niveau"] is not None:
            formations = formations.filter(niveau=self.cleaned_data["niveau"])
        return formations
