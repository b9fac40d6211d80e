"""Model rows and summaries turned into the dicts the response schemas describe."""

from django.conf import settings

from sirius.referentiel.enums import Niveau, region_label
from sirius.route_urls import route_url


def public_url(name, key):
    """The absolute URL of a public page (`route_url`: read on every API answer)."""
    return settings.SITE_URL + route_url(name, key)


def summary_out(summary):
    """A stats Summary as published: nothing but counts below the threshold."""
    public = summary.is_public
    return {
        "publie": public,
        "seuil": summary.threshold,
        "reponses": summary.responses,
        "reponses_manquantes": summary.missing,
        "score": summary.score_rounded if public else None,
        "score_affiche": (summary.score_display or None) if public else None,
        "nombre_notes": summary.score_count if public else 0,
        "repartition": [
            {
                "valeur": int(bar.value),
                "libelle": bar.label,
                "nombre": bar.count,
                "pourcentage": bar.percent,
            }
            for bar in summary.distribution
        ]
        if public
        else [],
        "criteres": [
            {
                "question": criterion.question_id,
                "critere": criterion.item,
                "libelle": criterion.label,
                "nombre": criterion.count,
                "moyenne": round(criterion.mean, 2),
            }
            for criterion in summary.criteria
        ]
        if public
        else [],
        "themes": [
            {
                "theme": theme.theme,
                "libelle": theme.label,
                "positifs": theme.positive,
                "negatifs": theme.negative,
                "mitiges": theme.mixed,
                "total": theme.total,
            }
            for theme in summary.themes
        ]
        if public
        else [],
        "avis_publies": summary.published_verbatims if public else 0,
    }


def establishment_ref_out(establishment):
    return {
        "siret": establishment.siret,
        "uai": establishment.uai,
        "nom": establishment.name,
        "raison_sociale": establishment.raison_sociale,
        "enseigne": establishment.enseigne,
        "adresse": establishment.adresse,
        "code_postal": establishment.code_postal,
        "commune": establishment.localite,
        "departement": establishment.departement,
        "region": region_label(establishment.region),
    }


def formation_out(formation, summary):
    return {
        "cle_ministere_educatif": formation.cle_ministere_educatif,
        "cfd": formation.cfd,
        "rncp": formation.rncp,
        "intitule": formation.intitule,
        "diplome": formation.diplome,
        "niveau": formation.niveau,
        "niveau_libelle": Niveau(formation.niveau).label if formation.niveau else "",
        "duree_annees": formation.duree,
        "lieu": {
            "adresse": formation.adresse,
            "code_postal": formation.code_postal,
            "commune": formation.localite,
            "code_commune_insee": formation.code_commune_insee,
            "departement": formation.departement,
            "region": region_label(formation.region),
            "latitude": formation.latitude,
            "longitude": formation.longitude,
        },
        "formateur": establishment_ref_out(formation.formateur),
        "gestionnaire": establishment_ref_out(formation.gestionnaire),
        "fiche_onisep": formation.onisep_url,
        "page": public_url("public:formation", formation.cle_ministere_educatif),
        "synthese": summary_out(summary),
    }
