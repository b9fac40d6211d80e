"""Roster import in the CFA space: upload a CSV or XLSX, preview every row, confirm, result.

Nothing is written before the confirmation. The rows read from the file are kept server-side in
the session (one preview per session, under a random id, for PREVIEW_LIFETIME), never in form
fields the client could edit, and they are checked again at the confirmation, against the
user's scope and the contacts stored at that moment. Establishment staff and admins import;
observers and moderators are refused (403).
"""

import secrets
import time

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sirius.accounts.enums import Role
from sirius.campaigns.roster.columns import FIELDS
from sirius.campaigns.roster.errors import RosterImportError
from sirius.campaigns.roster.reader import read_roster
from sirius.campaigns.roster.services import contacts_import_checked
from sirius.campaigns.roster.validation import roster_check
from sirius.forms import SiriusForm
from sirius.referentiel.models import Formation

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
PREVIEW_LIFETIME_SECONDS = 60 * 60
PREVIEW_SESSION_KEY = "roster_preview"
RESULT_SESSION_KEY = "roster_result"
IMPORTING_ROLES = (Role.ESTABLISHMENT, Role.ADMIN)
UPLOAD_TITLE = "Importer la liste de vos apprentis"


def can_import_roster(user):
    return user.is_authenticated and user.is_active and user.role in IMPORTING_ROLES


def importer_required(view):
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_import_roster(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


class RosterUploadForm(SiriusForm):
    file = forms.FileField(
        label="Fichier des apprentis",
        help_text=(
            "CSV (séparé par « ; » ou « , ») ou Excel (.xlsx), 5 Mo au plus. Colonnes : email "
            "et/ou téléphone, prénom (facultatif), formation (clé ministère éducatif ou code CFD), "
            "début et fin du contrat (jj/mm/aaaa)."
        ),
        widget=forms.FileInput(attrs={"class": "fr-upload", "accept": ".csv,.txt,.xlsx"}),
    )
    file.template_name = "backoffice/_upload_field.html"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.formations = Formation.objects.visible_to(user)
        if user.role == Role.ESTABLISHMENT:
            field = forms.ModelChoiceField(
                queryset=self.formations.select_related(None).order_by(
                    "intitule", "cle_ministere_educatif"
                ),
                to_field_name="cle_ministere_educatif",
                required=False,
                empty_label="Indiquée à chaque ligne du fichier (colonne « formation »)",
            )
            field.label_from_instance = formation_choice_label
        else:
            field = forms.CharField(required=False, max_length=80)
        field.label = "Formation de tous les apprentis du fichier"
        field.help_text = (
            "Facultatif : à choisir si le fichier n'a pas de colonne « formation » "
            "(elle s'applique aux lignes où la formation est vide)."
        )
        if user.role != Role.ESTABLISHMENT:
            field.help_text += " Clé ministère éducatif de la formation."
        self.fields["formation"] = field

    def clean_formation(self):
        formation = self.cleaned_data["formation"]
        if isinstance(formation, str):
            if not formation.strip():
                return None
            formation = self.formations.filter(cle_ministere_educatif=formation.strip()).first()
            if formation is None:
                raise ValidationError("Formation inconnue ou hors de votre périmètre.")
        return formation

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None or "formation" not in cleaned:
            return cleaned
        if upload.size > MAX_UPLOAD_BYTES:
            self.add_error("file", "Le fichier dépasse la taille maximale de 5 Mo.")
            return cleaned
        try:
            rows = read_roster(upload.read(), formation_required=cleaned["formation"] is None)
        except RosterImportError as error:
            for problem in error.errors:
                self.add_error("file", str(problem))
            return cleaned
        if not rows:
            self.add_error("file", "Le fichier ne contient aucune ligne après l'en-tête.")
        elif len(rows) > MAX_ROWS:
            self.add_error(
                "file",
                f"Le fichier compte {len(rows)} lignes : {MAX_ROWS} au plus par import. "
                "Découpez-le en plusieurs fichiers.",
            )
        cleaned["rows"] = rows
        return cleaned

    def full_clean(self):
        super().full_clean()
        if self.errors.get("file"):
            self.fields["file"].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{self['file'].auto_id}-desc-error"}
            )


def formation_choice_label(formation):
    place = f", {formation.localite}" if formation.localite else ""
    return f"{formation.intitule}{place} — {formation.cle_ministere_educatif}"


def _breadcrumb(current, *, with_upload=False):
    links = [{"url": reverse("space:dashboard"), "title": "Mon espace"}]
    if with_upload:
        links.append({"url": reverse("space:roster_upload"), "title": UPLOAD_TITLE})
    return {"links": links, "current": current}


@importer_required
@require_http_methods(["GET", "POST"])
def roster_upload(request):
    posted = request.method == "POST"
    form = RosterUploadForm(
        request.POST if posted else None, request.FILES if posted else None, user=request.user
    )
    if posted and form.is_valid():
        preview_id = secrets.token_urlsafe(16)
        formation = form.cleaned_data["formation"]
        request.session[PREVIEW_SESSION_KEY] = {
            "id": preview_id,
            "created": time.time(),
            "source": form.cleaned_data["file"].name[:200],
            "formation": formation.cle_ministere_educatif if formation else "",
            # Compact: [line, email, phone, first name, formation, start, end].
            "rows": [
                [line, *(raw.get(name, "") for name in FIELDS)]
                for line, raw in form.cleaned_data["rows"]
            ],
        }
        return redirect("space:roster_preview", preview_id=preview_id)
    return render(
        request,
        "space/roster/upload.html",
        {"title": UPLOAD_TITLE, "form": form, "breadcrumb_data": _breadcrumb(UPLOAD_TITLE)},
    )


def _preview_get(request, preview_id):
    """The session's preview of that id (another id, or another user's, is a 404)."""
    preview = request.session.get(PREVIEW_SESSION_KEY)
    if not preview or not secrets.compare_digest(str(preview.get("id", "")), preview_id):
        raise Http404("Aperçu inconnu")
    if time.time() - preview["created"] > PREVIEW_LIFETIME_SECONDS:
        del request.session[PREVIEW_SESSION_KEY]
        return None
    return preview


def _expired(request):
    messages.warning(
        request,
        "L'aperçu a expiré (au bout d'une heure) : rien n'a été importé. "
        "Déposez le fichier de nouveau.",
    )
    return redirect("space:roster_upload")


def _checked(request, preview):
    """The preview's rows checked now: scope, catalogue and stored contacts as they are."""
    formation = None
    if preview["formation"]:
        formation = (
            Formation.objects.visible_to(request.user)
            .filter(cle_ministere_educatif=preview["formation"])
            .first()
        )
        if formation is None:
            raise Http404("Formation hors du périmètre")
    rows = [(line, dict(zip(FIELDS, values, strict=True))) for line, *values in preview["rows"]]
    check = roster_check(
        rows,
        formations=Formation.objects.visible_to(request.user),
        scoped=True,
        fixed_formation=formation,
    )
    return rows, check, formation


@importer_required
def roster_preview(request, preview_id):
    preview = _preview_get(request, preview_id)
    if preview is None:
        return _expired(request)
    rows, check, formation = _checked(request, preview)
    lines = []
    for (line, raw), row in zip(rows, check.rows, strict=True):
        formation_label = check.formations.get(row.formation_id, ("", ""))
        lines.append(
            {
                "line": line,
                "raw": raw,
                "row": row,
                "formation_key": formation_label[0] or raw.get("formation", ""),
                "formation_title": formation_label[1],
            }
        )
    title = "Vérifiez le fichier avant l'import"
    return render(
        request,
        "space/roster/preview.html",
        {
            "title": title,
            "preview_id": preview_id,
            "source": preview["source"],
            "fixed_formation": formation,
            "invalid_lines": [item for item in lines if not item["row"].is_valid],
            "valid_lines": [item for item in lines if item["row"].is_valid],
            "counts": check.counts,
            "valid_count": len(check.valid_rows),
            "total": len(check.rows),
            "breadcrumb_data": _breadcrumb("Aperçu", with_upload=True),
        },
    )


@importer_required
@require_POST
def roster_confirm(request, preview_id):
    preview = _preview_get(request, preview_id)
    if preview is None:
        return _expired(request)
    _rows, check, _formation = _checked(request, preview)
    if not check.valid_rows:
        messages.error(request, "Aucune ligne valide : rien n'a été importé.")
        return redirect("space:roster_preview", preview_id=preview_id)
    try:
        summary = contacts_import_checked(check, actor=request.user, valid_only=True)
    except IntegrityError:
        messages.error(
            request,
            "Ces contacts viennent d'être modifiés par un autre import : rien n'a été importé. "
            "Vérifiez l'aperçu mis à jour puis confirmez de nouveau.",
        )
        return redirect("space:roster_preview", preview_id=preview_id)
    del request.session[PREVIEW_SESSION_KEY]
    request.session[RESULT_SESSION_KEY] = {
        "id": preview_id,
        "source": preview["source"],
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "refused": summary.refused,
    }
    return redirect("space:roster_result", preview_id=preview_id)


@importer_required
@require_POST
def roster_cancel(request, preview_id):
    if _preview_get(request, preview_id) is not None:
        del request.session[PREVIEW_SESSION_KEY]
    messages.info(request, "Import abandonné : rien n'a été enregistré.")
    return redirect("space:roster_upload")


@importer_required
def roster_result(request, preview_id):
    result = request.session.get(RESULT_SESSION_KEY)
    if not result or not secrets.compare_digest(str(result.get("id", "")), preview_id):
        raise Http404("Résultat inconnu")
    title = "Import terminé"
    return render(
        request,
        "space/roster/result.html",
        {
            "title": title,
            "result": result,
            "breadcrumb_data": _breadcrumb(title, with_upload=True),
        },
    )
