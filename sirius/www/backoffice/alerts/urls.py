"""Back office: alerts, CFA replies and reports queues, indicators (/gestion/moderation/)."""

from django.urls import path

from . import alerts, indicators, replies, reports

urlpatterns = [
    path("alertes/", alerts.alert_list, name="alert_list"),
    path("alertes/<int:pk>/", alerts.alert_detail, name="alert_detail"),
    path("alertes/<int:pk>/attribuer/", alerts.alert_assign_view, name="alert_assign"),
    path("alertes/<int:pk>/note/", alerts.alert_annotate_view, name="alert_annotate"),
    path("alertes/<int:pk>/clore/", alerts.alert_handle_view, name="alert_handle"),
    path("alertes/<int:pk>/fausse-alerte/", alerts.alert_dismiss_view, name="alert_dismiss"),
    path("reponses/", replies.reply_queue, name="reply_queue"),
    path("reponses/<uuid:public_id>/decision/", replies.reply_decide, name="reply_decide"),
    path("signalements/", reports.report_queue, name="report_queue"),
    path("signalements/<uuid:public_id>/traiter/", reports.report_decide, name="report_decide"),
    path("indicateurs/", indicators.indicators_page, name="moderation_indicators"),
]
