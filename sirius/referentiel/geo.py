"""Départements and régions: their names, and which région a département belongs to."""

from .enums import Region
from .search import search_words

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


DEPARTEMENT_NAMES = {
    "01": "Ain",
    "02": "Aisne",
    "03": "Allier",
    "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes",
    "07": "Ardèche",
    "08": "Ardennes",
    "09": "Ariège",
    "10": "Aube",
    "11": "Aude",
    "12": "Aveyron",
    "13": "Bouches-du-Rhône",
    "14": "Calvados",
    "15": "Cantal",
    "16": "Charente",
    "17": "Charente-Maritime",
    "18": "Cher",
    "19": "Corrèze",
    "2A": "Corse-du-Sud",
    "2B": "Haute-Corse",
    "21": "Côte-d’Or",
    "22": "Côtes-d’Armor",
    "23": "Creuse",
    "24": "Dordogne",
    "25": "Doubs",
    "26": "Drôme",
    "27": "Eure",
    "28": "Eure-et-Loir",
    "29": "Finistère",
    "30": "Gard",
    "31": "Haute-Garonne",
    "32": "Gers",
    "33": "Gironde",
    "34": "Hérault",
    "35": "Ille-et-Vilaine",
    "36": "Indre",
    "37": "Indre-et-Loire",
    "38": "Isère",
    "39": "Jura",
    "40": "Landes",
    "41": "Loir-et-Cher",
    "42": "Loire",
    "43": "Haute-Loire",
    "44": "Loire-Atlantique",
    "45": "Loiret",
    "46": "Lot",
    "47": "Lot-et-Garonne",
    "48": "Lozère",
    "49": "Maine-et-Loire",
    "50": "Manche",
    "51": "Marne",
    "52": "Haute-Marne",
    "53": "Mayenne",
    "54": "Meurthe-et-Moselle",
    "55": "Meuse",
    "56": "Morbihan",
    "57": "Moselle",
    "58": "Nièvre",
    "59": "Nord",
    "60": "Oise",
    "61": "Orne",
    "62": "Pas-de-Calais",
    "63": "Puy-de-Dôme",
    "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées",
    "66": "Pyrénées-Orientales",
    "67": "Bas-Rhin",
    "68": "Haut-Rhin",
    "69": "Rhône",
    "70": "Haute-Saône",
    "71": "Saône-et-Loire",
    "72": "Sarthe",
    "73": "Savoie",
    "74": "Haute-Savoie",
    "75": "Paris",
    "76": "Seine-Maritime",
    "77": "Seine-et-Marne",
    "78": "Yvelines",
    "79": "Deux-Sèvres",
    "80": "Somme",
    "81": "Tarn",
    "82": "Tarn-et-Garonne",
    "83": "Var",
    "84": "Vaucluse",
    "85": "Vendée",
    "86": "Vienne",
    "87": "Haute-Vienne",
    "88": "Vosges",
    "89": "Yonne",
    "90": "Territoire de Belfort",
    "91": "Essonne",
    "92": "Hauts-de-Seine",
    "93": "Seine-Saint-Denis",
    "94": "Val-de-Marne",
    "95": "Val-d’Oise",
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "976": "Mayotte",
}


def departement_from_name(name):
    """The code of a département written by name, accents, case and hyphens aside
    (« cote d'or », « Côte-d’Or » → "21"), or "" when no département has that name."""
    words = search_words(name)
    if not words:
        return ""
    return _DEPARTEMENTS_BY_WORDS.get(tuple(words), "")


_DEPARTEMENTS_BY_WORDS = {
    tuple(search_words(name)): code for code, name in DEPARTEMENT_NAMES.items()
}
