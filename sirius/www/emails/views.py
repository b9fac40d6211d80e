"""Unsubscribe pages (one-click, RFC 8058) and the email provider's webhook."""

import hmac
import json

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from sirius.emails.enums import SuppressionReason
from sirius.emails.services import email_suppress, unsubscribe_token_address
from sirius.emails.webhooks import BrevoPayloadError, brevo_events_handle

ONE_CLICK_BODY = "List-Unsubscribe=One-Click"


@csrf_exempt  # Mail clients post the one-click form without a CSRF token; this only suppresses.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    address = unsubscribe_token_address(token)
    if address is None:
        context = {"title": "Lien de désinscription invalide"}
        return render(request, "unsubscribe/invalid.html", context, status=404)
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        email_suppress(
            address=address,
            reason=SuppressionReason.UNSUBSCRIBED,
            source="one_click" if one_click else "unsubscribe_page",
        )
        context = {"title": "Tu es désinscrit·e", "address": address}
        return render(request, "unsubscribe/done.html", context)
    context = {"title": "Ne plus recevoir d'e-mails", "address": address}
    return render(request, "unsubscribe/confirm.html", context)


def _webhook_secret(request):
    authorization = request.headers.get("Authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[len("bearer ") :].strip()
    return request.GET.get("secret", "")


@csrf_exempt
@require_POST
def brevo_webhook(request):
    expected = settings.SIRIUS_EMAIL_WEBHOOK_SECRET
    if not expected:
        raise Http404("Webhook désactivé.")
    given = _webhook_secret(request)
    if not given:
        return HttpResponse("Secret manquant.", status=401, content_type="text/plain")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return HttpResponse("Secret invalide.", status=403, content_type="text/plain")
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse("JSON invalide.", status=400, content_type="text/plain")
    try:
        outcomes = brevo_events_handle(payload)
    except BrevoPayloadError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain")
    return JsonResponse({"outcomes": outcomes})
