from django.urls import path

from . import (
    campaigns,
    campaigns_actions,
    campaigns_kit,
    observer,
    results,
    results_exports,
    reviews,
    roster,
    views,
)

app_name = "space"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("formations/<str:cle>/", views.formation_detail, name="formation_detail"),
    path("etablissements/<str:siret>/", views.establishment_detail, name="establishment_detail"),
    path("campagnes/", campaigns.campaign_list, name="campaign_list"),
    path("campagnes/nouvelle/", campaigns.campaign_create, name="campaign_create"),
    path("campagnes/posters.pdf", campaigns_kit.campaign_posters, name="campaign_posters"),
    path("campagnes/<uuid:public_id>/", campaigns.campaign_detail, name="campaign_detail"),
    path(
        "campagnes/<uuid:public_id>/dates/", campaigns_actions.campaign_edit, name="campaign_edit"
    ),
    path(
        "campagnes/<uuid:public_id>/fermer/",
        campaigns_actions.campaign_close_confirm,
        name="campaign_close",
    ),
    path(
        "campagnes/<uuid:public_id>/dupliquer/",
        campaigns_actions.campaign_duplicate_form,
        name="campaign_duplicate",
    ),
    path(
        "campagnes/<uuid:public_id>/qr.svg", campaigns_kit.campaign_qr_svg, name="campaign_qr_svg"
    ),
    path(
        "campagnes/<uuid:public_id>/qr.png", campaigns_kit.campaign_qr_png, name="campaign_qr_png"
    ),
    path(
        "campagnes/<uuid:public_id>/poster.pdf",
        campaigns_kit.campaign_poster,
        name="campaign_poster",
    ),
    path("contacts/importer/", roster.roster_upload, name="roster_upload"),
    path("contacts/importer/<str:preview_id>/", roster.roster_preview, name="roster_preview"),
    path(
        "contacts/importer/<str:preview_id>/confirmer/",
        roster.roster_confirm,
        name="roster_confirm",
    ),
    path(
        "contacts/importer/<str:preview_id>/abandonner/",
        roster.roster_cancel,
        name="roster_cancel",
    ),
    path(
        "contacts/importer/<str:preview_id>/resultat/", roster.roster_result, name="roster_result"
    ),
    path("avis/", reviews.review_list, name="reviews"),
    path("avis/<uuid:public_id>/repondre/", reviews.review_reply, name="review_reply"),
    path("avis/<uuid:public_id>/signaler/", reviews.review_report, name="review_report"),
    path("resultats/", results.results_index, name="results"),
    path(
        "resultats/formations/<str:cle>/",
        results.formation_results_view,
        name="formation_results",
    ),
    path(
        "resultats/formations/<str:cle>/export.xlsx",
        results_exports.formation_results_xlsx,
        name="formation_results_xlsx",
    ),
    path(
        "resultats/formations/<str:cle>/rapport.pdf",
        results_exports.formation_results_pdf,
        name="formation_results_pdf",
    ),
    path(
        "resultats/campagnes/<uuid:public_id>/",
        results.campaign_results_view,
        name="campaign_results",
    ),
    path(
        "resultats/campagnes/<uuid:public_id>/export.xlsx",
        results_exports.campaign_results_xlsx,
        name="campaign_results_xlsx",
    ),
    path(
        "resultats/campagnes/<uuid:public_id>/rapport.pdf",
        results_exports.campaign_results_pdf,
        name="campaign_results_pdf",
    ),
    path("observatoire/", observer.observer_dashboard, name="observer"),
    path("observatoire/export.csv", observer.observer_export, name="observer_export"),
]
