"""Départements and régions: which région a département belongs to."""

from .enums import Region

DEPARTEMENTS_BY_REGION = {
    Region.AUVERGNE_RHONE_ALPES: "01 03 07 15 26 38 42 43 63 69 73 74",
    Region.BOURGOGNE_FRANCHE_COMTE: "21 25 39 58 70 71 89 90",
    Region.BRETAGNE: "22 29 35 56",
    Region.CENTRE_VAL_DE_LOIRE: "18 28 36 37 41 45",
    Region.CORSE: "2A 2B",
    Region.GRAND_EST: "08 10 51 52 54 55 57 67 68 88",
    Region.HAUTS_DE_FRANCE: "02 59 60 62 80",
    Region.ILE_DE_FRANCE: "75 77 78 91 92 93 94 95",
    Region.NORMANDIE: "14 27 50 61 76",
    Region.NOUVELLE_AQUITAINE: "16 17 19 23 24 33 40 47 64 79 86 87",
    Region.OCCITANIE: "09 11 12 30 31 32 34 46 48 65 66 81 82",
    Region.PAYS_DE_LA_LOIRE: "44 49 53 72 85",
    Region.PROVENCE_ALPES_COTE_D_AZUR: "04 05 06 13 83 84",
    Region.GUADELOUPE: "971",
    Region.MARTINIQUE: "972",
    Region.GUYANE: "973",
    Region.LA_REUNION: "974",
    Region.MAYOTTE: "976",
}

REGION_BY_DEPARTEMENT = {
    departement: region
    for region, departements in DEPARTEMENTS_BY_REGION.items()
    for departement in departements.split()
}


def departement_from_code_postal(code_postal):
    """The département of a French postcode ("75011" → "75", "20000" → "2A", "97400" → "974")."""
    if len(code_postal) != 5 or not code_postal.isdigit():
        return ""
    if code_postal.startswith("97"):
        return code_postal[:3]
    if code_postal.startswith("20"):
        return "2A" if int(code_postal) < 20200 else "2B"
    return code_postal[:2]


def region_from_departement(departement):
    """The région code of a département code, or "" when the code is unknown."""
    return REGION_BY_DEPARTEMENT.get(normalize_departement(departement), "")


def normalize_departement(value):
    """Catalogue values look like "75", "7", "075" or "2a": return the canonical code."""
    value = (value or "").strip().upper()
    if value.isdigit():
        return value.zfill(2) if len(value) <= 2 else value.lstrip("0").zfill(2)
    return value
