"""A deterministic, realistic demo catalogue: CFAs across France and their apprenticeship offers.

The rows use the national catalogue's field names and go through the real catalogue import.
"""

import random

from sirius.referentiel.validators import complete_siret, complete_uai

from .diplomas import DIPLOMAS
from .places import CITIES, STREETS

SEED = 2026
GROUP_COUNT = 12
SITES_PER_GROUP = 3  # the gestionnaire teaches too, plus two other teaching sites
FORMATIONS_PER_SITE = 9

# (name pattern, raison sociale pattern, niveaux it teaches)
ESTABLISHMENT_KINDS = [
    ("CFA des métiers de {city}", "CHAMBRE DE METIERS ET DE L'ARTISANAT", (3, 4)),
    ("Lycée professionnel Jean Moulin — {city}", "LYCEE PROFESSIONNEL JEAN MOULIN", (3, 4, 5)),
    ("CFA Commerce et Services {city}", "ASSOCIATION CFA COMMERCE ET SERVICES", (4, 5, 6)),
    ("IUT de {city}", "UNIVERSITE", (5, 6)),
    ("Institut supérieur de management de {city}", "ISM FORMATION", (6, 7)),
    ("CFA BTP {city}", "ASSOCIATION BTP CFA", (3, 4, 5)),
    ("École d'ingénieurs par l'apprentissage de {city}", "ECOLE D'INGENIEURS", (6, 7)),
    ("CFA Hôtellerie-Restauration {city}", "CFA HOTELLERIE RESTAURATION", (3, 4, 5)),
]


def demo_catalogue_rows():
    """(line number, catalogue row) pairs, identical on every call."""
    rng = random.Random(SEED)
    cities = rng.sample(CITIES, GROUP_COUNT)
    rows = []
    for group, city in enumerate(cities):
        gestionnaire = _establishment(rng, group, 0, city)
        sites = [gestionnaire] + [
            _establishment(rng, group, site, _nearby_city(rng, city))
            for site in range(1, SITES_PER_GROUP)
        ]
        for formateur in sites:
            for diploma in _diplomas_for(rng, formateur["niveaux"]):
                rows.append(_formation_row(len(rows), rng, gestionnaire, formateur, diploma))
    return list(enumerate(rows, start=1))


def _nearby_city(rng, city):
    same_region = [other for other in CITIES if other[4] == city[4]]
    return rng.choice(same_region)


def _establishment(rng, group, site, city):
    name_pattern, raison_sociale, niveaux = rng.choice(ESTABLISHMENT_KINDS)
    commune, _, _, departement, _, lat, lon = city
    number = group * SITES_PER_GROUP + site
    return {
        "siret": complete_siret(f"{193500000 + number * 7919:09d}{site + 1:04d}"),
        "uai": complete_uai(
            f"{departement.zfill(3)[-3:].replace('A', '0').replace('B', '0')}"
            f"{1000 + number * 37:04d}"
        ),
        "enseigne": _elide(name_pattern.format(city=commune)),
        "raison_sociale": f"{raison_sociale} {commune.upper()}",
        "adresse": f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
        "city": city,
        "niveaux": niveaux,
        "lat": lat + rng.uniform(-0.02, 0.02),
        "lon": lon + rng.uniform(-0.02, 0.02),
    }


def _elide(name):
    """French elision before a vowel: « IUT de Évry » → « IUT d'Évry »."""
    for vowel in "AEÉIOUaeéiou":
        name = name.replace(f" de {vowel}", f" d'{vowel}")
    return name


def _diplomas_for(rng, niveaux):
    fitting = [diploma for diploma in DIPLOMAS if diploma[2] in niveaux]
    return rng.sample(fitting, FORMATIONS_PER_SITE)


def _formation_row(index, rng, gestionnaire, formateur, diploma):
    diplome, intitule, niveau, cfd, rncp, duree = diploma
    commune, code_postal, insee, departement, region, _, _ = formateur["city"]
    return {
        "cle_ministere_educatif": f"{index:05d}P01{cfd}{formateur['siret']}-{insee}#L01",
        "cfd": cfd if not diplome.startswith("TH ") else "",
        "rncp_code": rncp,
        "intitule_long": intitule.upper(),
        "intitule_court": intitule.upper(),
        "diplome": diplome,
        "niveau": str(niveau),
        "duree": str(duree),
        "code_postal": code_postal,
        "code_commune_insee": insee,
        "localite": commune,
        "num_departement": departement,
        "region": region.label,
        "lieu_formation_adresse": formateur["adresse"],
        "lieu_formation_geo_coordonnees": f"{formateur['lat']:.5f},{formateur['lon']:.5f}",
        "etablissement_formateur_siret": formateur["siret"],
        "etablissement_formateur_uai": formateur["uai"],
        "etablissement_formateur_enseigne": formateur["enseigne"],
        "etablissement_formateur_entreprise_raison_sociale": formateur["raison_sociale"],
        "etablissement_formateur_adresse": formateur["adresse"],
        "etablissement_formateur_code_postal": code_postal,
        "etablissement_formateur_localite": commune,
        "etablissement_gestionnaire_siret": gestionnaire["siret"],
        "etablissement_gestionnaire_uai": gestionnaire["uai"],
        "etablissement_gestionnaire_enseigne": gestionnaire["enseigne"],
        "etablissement_gestionnaire_entreprise_raison_sociale": gestionnaire["raison_sociale"],
        "onisep_url": "",
        "annee": str(2025 + rng.randint(0, 1)),
    }
