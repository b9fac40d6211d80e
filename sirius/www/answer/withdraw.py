"""Withdrawal: an invited respondent deletes their response with their link."""

from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sirius.responses.services import response_withdraw


def withdraw(request, door):
    if door.response is None:
        return redirect(door.url())
    if request.method == "POST":
        try:
            response_withdraw(invitation=door.invitation)
        except DatabaseError:
            return render(
                request,
                "answer/withdraw.html",
                {"title": "Retirer ta réponse", "door": door, "database_error": True},
                status=503,
            )
        return redirect("answer:withdrawn")
    return render(
        request,
        "answer/withdraw.html",
        {"title": "Retirer ta réponse", "door": door, "database_error": False},
    )


@never_cache
@require_GET
def withdrawn(request):
    return render(request, "answer/withdrawn.html", {"title": "Ta réponse a été supprimée"})
