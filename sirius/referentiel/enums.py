from django.db import models


class Region(models.TextChoices):
    """French régions, keyed by their INSEE code."""

    AUVERGNE_RHONE_ALPES = "84", "Auvergne-Rhône-Alpes"
    BOURGOGNE_FRANCHE_COMTE = "27", "Bourgogne-Franche-Comté"
    BRETAGNE = "53", "Bretagne"
    CENTRE_VAL_DE_LOIRE = "24", "Centre-Val de Loire"
    CORSE = "94", "Corse"
    GRAND_EST = "44", "Grand Est"
    HAUTS_DE_FRANCE = "32", "Hauts-de-France"
    ILE_DE_FRANCE = "11", "Île-de-France"
    NORMANDIE = "28", "Normandie"
    NOUVELLE_AQUITAINE = "75", "Nouvelle-Aquitaine"
    OCCITANIE = "76", "Occitanie"
    PAYS_DE_LA_LOIRE = "52", "Pays de la Loire"
    PROVENCE_ALPES_COTE_D_AZUR = "93", "Provence-Alpes-Côte d'Azur"
    GUADELOUPE = "01", "Guadeloupe"
    MARTINIQUE = "02", "Martinique"
    GUYANE = "03", "Guyane"
    LA_REUNION = "04", "La Réunion"
    MAYOTTE = "06", "Mayotte"


REGION_LABELS = dict(Region.choices)


def region_label(code, default=""):
    """The région's name for its INSEE code, `default` for an empty or unknown code."""
    return REGION_LABELS.get(code, default)


class Niveau(models.IntegerChoices):
    """Diploma level in the national framework (nomenclature 2019)."""

    CAP = 3, "3 (CAP, BEP…)"
    BAC = 4, "4 (Bac, Bac pro, BP…)"
    BAC_2 = 5, "5 (BTS, DEUST…)"
    BAC_3 = 6, "6 (Licence, BUT…)"
    BAC_5 = 7, "7 (Master, titre d'ingénieur…)"
