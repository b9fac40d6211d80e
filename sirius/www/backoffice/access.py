"""Who may open the back office: admins for questionnaires, moderators and admins for moderation.

Anonymous visitors are sent to the sign-in page; any other role gets a 403 page.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from sirius.accounts.perms import can_manage_questionnaires, can_moderate


def _role_required(allowed):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                return _forbidden(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _forbidden(request):
    return render(
        request,
        "backoffice/forbidden.html",
        {"title": "Accès refusé", "breadcrumb_data": {}},
        status=403,
    )


# Questionnaire versions: admins only.
admin_required = _role_required(can_manage_questionnaires)
# Moderation queues, alerts, reports, indicators: moderators and admins.
moderator_required = _role_required(can_moderate)
