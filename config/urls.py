from django.contrib import admin
from django.urls import include, path

from sirius.api.v1.api import api as api_v1
from sirius.www.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api_v1.urls),
    path("compte/", include("sirius.www.accounts.urls")),
    path("espace/", include("sirius.www.space.urls")),
    path("gestion/", include("sirius.www.backoffice.urls")),
    path("", include("sirius.www.answer.urls")),
    path("", include("sirius.www.emails.urls")),
    path("", include("sirius.www.widget.urls")),
    path("", include("sirius.www.public.urls")),
]
