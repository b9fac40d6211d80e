from django import forms
from django.db import models

from sirius.forms import SiriusForm
from sirius.referentiel.enums import Niveau

from .formation_search import CODE_POSTAL


class SearchOrder(models.TextChoices):
    RELEVANCE = "pertinence", "Pertinence"
    RANKING = "note", "Note des apprentis"
    DISTANCE = "distance", "Distance"


RADIUS_CHOICES = [
    ("", "Uniquement ce lieu"),
    (10, "Dans un rayon de 10 km"),
    (30, "Dans un rayon de 30 km"),
    (50, "Dans un rayon de 50 km"),
    (100, "Dans un rayon de 100 km"),
]


class FormationSearchForm(SiriusForm):
    q = forms.CharField(
        label="Diplôme ou métier",
        help_text="Par exemple : CAP cuisine, BTS, boulanger",
        max_length=200,
        required=False,
    )
    lieu = forms.CharField(
        label="Ville, code postal ou département",
        help_text="Par exemple : Lyon, 69003, 69 ou Rhône",
        max_length=200,
        required=False,
    )
    rayon = forms.TypedChoiceField(
        label="Autour d’un code postal",
        help_text="Saisissez un code postal dans le champ du lieu",
        choices=RADIUS_CHOICES,
        coerce=int,
        empty_value=None,
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
    avec_avis = forms.BooleanField(
        label="Seulement les formations dont les avis sont publiés",
        required=False,
    )
    tri = forms.ChoiceField(label="Trier par", choices=SearchOrder.choices, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "recherche-%s")
        super().__init__(*args, **kwargs)
        for name in ("q", "lieu", "centre"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["lieu"].widget.attrs["autocomplete"] = "address-level2"

    def clean(self):
        cleaned = super().clean()
        code_postal = cleaned.get("lieu", "").replace(" ", "")
        if cleaned.get("rayon") and not CODE_POSTAL.match(code_postal):
            self.add_error(
                "rayon",
                "Pour chercher autour d’un lieu, saisissez un code postal à 5 chiffres "
                "(par exemple 69003) dans le champ « Ville, code postal ou département ».",
            )
        near = bool(cleaned.get("rayon"))
        order = cleaned.get("tri")
        if not order or (order == SearchOrder.DISTANCE and not near):
            cleaned["tri"] = SearchOrder.DISTANCE if near else SearchOrder.RELEVANCE
        return cleaned
