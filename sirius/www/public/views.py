from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sirius.route_urls import route_url
from sirius.stats.formation_read import formation_with_aggregate
from sirius.stats.read import summary_of

from .formation_page import formation_page_context
from .forms import FormationSearchForm

# What only the service owner can state on the legal pages, shown in a « À compléter » callout.
ACCESSIBILITY_TO_COMPLETE = [
    "Nom de l’entité qui publie Sirius",
    "Adresse électronique ou formulaire de contact pour signaler un défaut d’accessibilité",
    "Date de l’audit de conformité RGAA, nom de l’auditeur et taux de conformité",
    "Date d’établissement de la déclaration et du schéma pluriannuel de mise en accessibilité",
]
LEGAL_NOTICE_TO_COMPLETE = [
    "Nom, statut et adresse de l’éditeur du service",
    "Nom et fonction du directeur ou de la directrice de la publication",
    "Nom, adresse et téléphone de l’hébergeur",
    "Adresse de contact pour signaler un problème",
]
PERSONAL_DATA_TO_COMPLETE = [
    "Nom et adresse du responsable du traitement",
    "Adresse électronique du délégué à la protection des données (DPO)",
    "Texte qui fonde la mission d’intérêt public (à confirmer par le DPO)",
    "Liste des sous-traitants (hébergeur, service d’envoi des courriels) et lieu d’hébergement",
    "Durée de conservation des comptes inactifs et des journaux de connexion",
]


@require_GET
def home(request):
    return render(request, "public/home.html", {"title": "Accueil", "form": FormationSearchForm()})


@require_GET
def formation_detail(request, cle_ministere_educatif):
    # One query for the formation, its two establishments and its aggregate.
    found = formation_with_aggregate(cle_ministere_educatif)
    if found is None:
        raise Http404("Formation inconnue.")
    formation, aggregate = found
    return render(
        request,
        "public/formation.html",
        {
            "title": f"{formation.intitule} — {formation.formateur.name}",
            "formation": formation,
            "breadcrumb_data": {
                "links": [{"url": route_url("public:search"), "title": "Rechercher une formation"}],
                "current": formation.intitule,
            },
            **formation_page_context(request, formation, summary_of(aggregate)),
        },
    )
