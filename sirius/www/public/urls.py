from django.urls import path
from django.views.generic import TemplateView

from . import establishment, opendata, reviews, search, transparency, views

app_name = "public"


def page(template_name, title, to_complete=()):
    return TemplateView.as_view(
        template_name=template_name,
        extra_context={
            "title": title,
            "breadcrumb_data": {"current": title},
            "to_complete": list(to_complete),
        },
    )


urlpatterns = [
    path("", views.home, name="home"),
    path("formations/", search.search, name="search"),
    path(
        "formations/<str:cle_ministere_educatif>/",
        views.formation_detail,
        name="formation",
    ),
    path("etablissements/<str:siret>/", establishment.establishment_detail, name="establishment"),
    path("plan-du-site/", page("public/sitemap.html", "Plan du site"), name="sitemap"),
    path(
        "accessibilite/",
        page(
            "legal/accessibility.html",
            "Déclaration d’accessibilité",
            views.ACCESSIBILITY_TO_COMPLETE,
        ),
        name="accessibility",
    ),
    path(
        "mentions-legales/",
        page("legal/legal_notice.html", "Mentions légales", views.LEGAL_NOTICE_TO_COMPLETE),
        name="legal_notice",
    ),
    path(
        "donnees-personnelles/",
        page(
            "legal/personal_data.html",
            "Données personnelles",
            views.PERSONAL_DATA_TO_COMPLETE,
        ),
        name="personal_data",
    ),
    path("gestion-des-cookies/", page("legal/cookies.html", "Gestion des cookies"), name="cookies"),
    path("avis/<uuid:public_id>/signaler/", reviews.review_report, name="review_report"),
    path(
        "avis/<uuid:public_id>/signaler/merci/",
        reviews.review_report_sent,
        name="review_report_sent",
    ),
    path("comment-fonctionnent-les-avis/", transparency.how_reviews_work, name="how_reviews_work"),
    path("donnees/", opendata.opendata, name="opendata"),
    path("donnees/avis-formations.csv", opendata.opendata_file, name="opendata_file"),
]
