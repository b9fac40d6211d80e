"""Complete, valid answers to the default questionnaire, as the section pages post them."""

SECTION_POSTS = {
    "situation": {"situation": "en_cours", "annee_debut": "2025"},
    "arret": {"raison_arret": ["entreprise", "autre"], "raison_arret__other": "Déménagement"},
    "recherche_entreprise": {"recherche_facilite": "2", "recherche_aide_cfa": "un_peu"},
    "centre_formation": {
        "cfa_criteres__accueil": "5",
        "cfa_criteres__cours": "4",
        "cfa_criteres__equipements": "3",
        "cfa_criteres__accompagnement": "4",
        "cfa_criteres__rythme": "2",
        "cfa_criteres__ambiance": "5",
    },
    "entreprise": {
        "entreprise_criteres__integration": "4",
        "entreprise_criteres__maitre_apprentissage": "5",
        "entreprise_criteres__taches": "3",
        "entreprise_criteres__horaires": "2",
    },
    "avis_general": {"satisfaction_globale": "4", "recommandation": "oui"},
    "tes_mots": {
        "commentaire_positif": "Les formateurs sont patients.",
        "commentaire_ameliorer": "",
        "commentaire_conseil": "Vas-y, accroche-toi.",
    },
}

# The same answers in the stored format (situation = en_cours: no « arret » section).
STORED_ANSWERS = {
    "situation": "en_cours",
    "annee_debut": "2025",
    "recherche_facilite": 2,
    "recherche_aide_cfa": "un_peu",
    "cfa_criteres": {
        "accueil": 5,
        "cours": 4,
        "equipements": 3,
        "accompagnement": 4,
        "rythme": 2,
        "ambiance": 5,
    },
    "entreprise_criteres": {
        "integration": 4,
        "maitre_apprentissage": 5,
        "taches": 3,
        "horaires": 2,
    },
    "satisfaction_globale": 4,
    "recommandation": "oui",
    "commentaire_positif": "Les formateurs sont patients.",
    "commentaire_ameliorer": None,
    "commentaire_conseil": "Vas-y, accroche-toi.",
}

VISIBLE_SECTIONS = [
    "situation",
    "recherche_entreprise",
    "centre_formation",
    "entreprise",
    "avis_general",
    "tes_mots",
]
