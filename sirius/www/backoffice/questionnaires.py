"""Back office of questionnaires: list the versions, upload a draft, preview, publish, delete.

Admins only (see access.py). Versions are addressed by questionnaire slug and version number.
"""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sirius.questionnaires import services
from sirius.questionnaires.definition import DEFINITIONS_DIR
from sirius.questionnaires.diff import definition_diff
from sirius.questionnaires.models import Questionnaire, QuestionnaireVersion

from .access import admin_required
from .forms import DefinitionUploadForm
from .preview import preview_sections

LIST_TITLE = "Questionnaires"


def _breadcrumb(current, *links):
    return {
        "links": [{"url": reverse("backoffice:questionnaire_list"), "title": LIST_TITLE}, *links],
        "current": current,
    }


def _version_get(slug, number):
    return get_object_or_404(
        QuestionnaireVersion.objects.select_related("questionnaire", "created_by", "published_by"),
        questionnaire__slug=slug,
        number=number,
    )


def _version_link(version):
    return {"url": _version_url(version), "title": f"Version {version.number}"}


def _version_url(version):
    return reverse(
        "backoffice:version_detail",
        kwargs={"slug": version.questionnaire.slug, "number": version.number},
    )


@admin_required
def questionnaire_list(request):
    versions = QuestionnaireVersion.objects.select_related("created_by", "published_by")
    questionnaires = Questionnaire.objects.prefetch_related(
        Prefetch("versions", queryset=versions.order_by("-number"))
    )
    return render(
        request,
        "backoffice/questionnaire_list.html",
        {
            "title": LIST_TITLE,
            "questionnaires": questionnaires,
            "breadcrumb_data": {"links": [], "current": LIST_TITLE},
        },
    )


@admin_required
@require_http_methods(["GET", "POST"])
def version_upload(request, slug):
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    posted = request.method == "POST"
    form = DefinitionUploadForm(request.POST, request.FILES) if posted else DefinitionUploadForm()
    if posted and form.is_valid():
        try:
            version = services.questionnaire_version_create(
                questionnaire=questionnaire,
                definition=form.cleaned_data["definition"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                f"La version {version.number} est enregistrée comme brouillon. "
                "Vérifiez l'aperçu avant de la publier.",
            )
            return redirect(_version_url(version))
    title = f"Importer une nouvelle version — {questionnaire.title}"
    return render(
        request,
        "backoffice/version_upload.html",
        {
            "title": title,
            "questionnaire": questionnaire,
            "form": form,
            "breadcrumb_data": _breadcrumb("Importer une nouvelle version"),
        },
    )


@admin_required
def version_detail(request, slug, number):
    version = _version_get(slug, number)
    latest_published = (
        QuestionnaireVersion.objects.filter(questionnaire=version.questionnaire)
        .published()
        .exclude(pk=version.pk)
        .order_by("-number")
        .first()
    )
    diff = definition_diff(latest_published.parsed, version.parsed) if latest_published else None
    return render(
        request,
        "backoffice/version_detail.html",
        {
            "title": f"{version.questionnaire.title} — version {version.number}",
            "version": version,
            "definition": version.parsed,
            "sections": preview_sections(version),
            "latest_published": latest_published,
            "diff": diff,
            "breadcrumb_data": _breadcrumb(f"Version {version.number}"),
        },
    )


def _confirm(request, version, *, action, service, question, consequence, button, done):
    """GET: a confirmation page; POST: run the service, then back to a page with a message."""
    if version.is_published and request.method == "GET":
        messages.info(request, f"La version {version.number} est publiée : elle est définitive.")
        return redirect(_version_url(version))
    if request.method == "POST":
        try:
            service(version=version, acting_user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(_version_url(version))
        messages.success(request, done)
        if action == "delete":
            return redirect("backoffice:questionnaire_list")
        return redirect(_version_url(version))
    return render(
        request,
        "backoffice/version_confirm.html",
        {
            "title": question,
            "version": version,
            "consequence": consequence,
            "button": button,
            "danger": action == "delete",
            "breadcrumb_data": _breadcrumb(button, _version_link(version)),
        },
    )


@admin_required
@require_http_methods(["GET", "POST"])
def version_publish(request, slug, number):
    version = _version_get(slug, number)
    return _confirm(
        request,
        version,
        action="publish",
        service=services.questionnaire_version_publish,
        question=f"Publier la version {version.number} ?",
        consequence=(
            "Une fois publiée, cette version ne pourra plus être modifiée ni supprimée. "
            "Les nouvelles campagnes pourront l'utiliser ; les réponses déjà reçues gardent "
            "la version à laquelle elles ont répondu."
        ),
        button="Publier cette version",
        done=f"La version {version.number} est publiée.",
    )


@admin_required
@require_http_methods(["GET", "POST"])
def version_delete(request, slug, number):
    version = _version_get(slug, number)
    return _confirm(
        request,
        version,
        action="delete",
        service=services.questionnaire_version_delete_draft,
        question=f"Supprimer le brouillon de la version {version.number} ?",
        consequence="Ce brouillon n'a jamais été publié ; sa suppression est définitive.",
        button="Supprimer ce brouillon",
        done=f"Le brouillon de la version {version.number} est supprimé.",
    )


@admin_required
def version_download(request, slug, number):
    version = _version_get(slug, number)
    content = json.dumps(version.definition, ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    filename = f"questionnaire-{version.questionnaire.slug}-v{version.number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@admin_required
def schema_download(request):
    response = HttpResponse(
        (DEFINITIONS_DIR / "schema.json").read_bytes(),
        content_type="application/schema+json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="questionnaire-schema.json"'
    return response
