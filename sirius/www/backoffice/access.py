"""Who may open the back office: admins only. Anonymous visitors are sent to the sign-in page."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from sirius.accounts.perms import can_manage_questionnaires


def admin_required(view):
    """Sign-in page for an anonymous visitor, a 403 page for any role but admin."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_manage_questionnaires(request.user):
            return render(
                request,
                "backoffice/forbidden.html",
                {"title": "Accès refusé", "breadcrumb_data": {}},
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapper
