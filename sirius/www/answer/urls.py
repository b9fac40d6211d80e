from django.urls import path
from django.views.decorators.http import require_http_methods

from . import views, withdraw
from .doors import invitation_door, open_door

app_name = "answer"

get_post = require_http_methods(["GET", "POST"])


def both(view):
    """The view behind each door: (invitation view, open-link view)."""
    return get_post(invitation_door(view)), get_post(open_door(view))


landing, open_landing = both(views.landing)
section, open_section = both(views.section)
review, open_review = both(views.review)
thanks, open_thanks = both(views.thanks)

urlpatterns = [
    path("reponse-supprimee/", withdraw.withdrawn, name="withdrawn"),
    path("r/<str:token>/", landing, name="invitation"),
    path("r/<str:token>/etape/<slug:section_id>/", section, name="invitation_section"),
    path("r/<str:token>/relecture/", review, name="invitation_review"),
    path("r/<str:token>/merci/", thanks, name="invitation_thanks"),
    path(
        "r/<str:token>/retirer/",
        get_post(invitation_door(withdraw.withdraw)),
        name="invitation_withdraw",
    ),
    path("c/<uuid:public_id>/", open_landing, name="open"),
    path("c/<uuid:public_id>/etape/<slug:section_id>/", open_section, name="open_section"),
    path("c/<uuid:public_id>/relecture/", open_review, name="open_review"),
    path("c/<uuid:public_id>/merci/", open_thanks, name="open_thanks"),
]
