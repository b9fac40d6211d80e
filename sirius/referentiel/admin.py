from django.contrib import admin
from django.db import models

from .models import Establishment, Formation


@admin.register(Establishment)
class EstablishmentAdmin(admin.ModelAdmin):
    list_display = ("siret", "name", "uai", "localite", "departement", "region")
    list_filter = ("region",)
    search_fields = ("siret", "uai", "raison_sociale", "enseigne", "localite")
    readonly_fields = ("created_at", "updated_at")


@admin.register(Formation)
class FormationAdmin(admin.ModelAdmin):
    list_display = (
        "cle_ministere_educatif",
        "intitule",
        "niveau",
        "localite",
        "region",
        "formateur",
    )
    list_filter = ("niveau", "region")
    list_select_related = ("formateur",)
    search_fields = (
        "=cle_ministere_educatif",
        "=cfd",
        "=rncp",
        "=formateur__siret",
        "=gestionnaire__siret",
        "intitule",
    )
    autocomplete_fields = ("formateur", "gestionnaire")
    readonly_fields = ("catalogue_record", "catalogue_hash", "created_at", "updated_at")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
