"""Back office: the moderation queue of verbatims (URLs included by backoffice/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.moderation_queue, name="moderation_queue"),
    path("publier-sans-signal/", views.verbatims_publish, name="verbatims_publish_unflagged"),
    path("verbatims/<uuid:public_id>/", views.verbatim_detail, name="verbatim_detail"),
    path("verbatims/<uuid:public_id>/decision/", views.verbatim_decide, name="verbatim_decide"),
]
