"""Exports of a formation's or a campaign's results: an XLSX workbook (aggregates per question
and published verbatims) and a PDF report for the CFA's quality process (Qualiopi).

Same scoping and threshold as the pages: below the threshold, a file holds only the sentence
saying how many more responses are needed.
"""

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from sirius.referentiel.models import Formation

from .results import campaign_get
from .results_data import campaign_results, formation_results, results_verbatims, verbatim_counts

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel refuses sheet cells over 32,767 characters; a verbatim is far below.
PUBLISHED_VERBATIMS_EXPORTED = 5000


def missing_sentence(summary):
    return (
        f"{summary.responses} réponse(s) complète(s) : encore {summary.missing} réponse(s) "
        f"nécessaire(s) avant de montrer les résultats ({summary.threshold} au moins), pour "
        "qu'aucun apprenti ne puisse être reconnu."
    )


def published_verbatims(results):
    return list(
        results_verbatims(results)
        .published()
        .select_related("response")
        .prefetch_related("themes")
        .order_by("-published_at", "-pk")[:PUBLISHED_VERBATIMS_EXPORTED]
    )


def results_xlsx(results):
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = workbook.add_format({"bold": True})
    summary = results.summary
    sheet = workbook.add_worksheet("Synthèse")
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 3, 20)
    sheet.write_row(0, 0, [results.title], bold)
    sheet.write_row(1, 0, ["Formation", results.formation.intitule])
    sheet.write_row(2, 0, ["Centre de formation", results.formation.formateur.name])
    sheet.write_row(3, 0, ["Réponses complètes", summary.responses])
    if not summary.is_public:
        sheet.write_row(5, 0, [missing_sentence(summary)])
        workbook.close()
        return buffer.getvalue()
    region = f"Région {results.region_label}" if results.region_label else "Région"
    sheet.write_row(5, 0, ["Comparaison (même niveau)", "Cette formation", region, "France"], bold)
    for row, line in enumerate(results.comparison, start=6):
        sheet.write_row(row, 0, [line.label, line.own, line.region, line.nation])

    questions = workbook.add_worksheet("Questions")
    questions.set_column(0, 1, 50)
    questions.write_row(0, 0, ["Question", "Réponse ou élément", "Nombre", "Valeur"], bold)
    row = 1
    for chart in results.charts:
        if not chart.is_shown:
            questions.write_row(row, 0, [chart.label, "Moins de réponses que le seuil : masqué"])
            row += 1
        for bar in chart.bars:
            questions.write_row(row, 0, [chart.label, bar.label, bar.count, bar.value])
            row += 1

    reviews = workbook.add_worksheet("Avis publiés")
    reviews.set_column(0, 1, 22)
    reviews.set_column(2, 2, 40)
    reviews.set_column(3, 3, 100)
    reviews.write_row(0, 0, ["Publié le", "Canal", "Thèmes", "Texte publié"], bold)
    for row, verbatim in enumerate(published_verbatims(results), start=1):
        themes = ", ".join(
            f"{theme.get_theme_display()} ({theme.get_tone_display().lower()})"
            for theme in verbatim.themes.all()
        )
        reviews.write_row(
            row,
            0,
            [
                timezone.localtime(verbatim.published_at).strftime("%d/%m/%Y"),
                verbatim.response.get_channel_display(),
                themes,
                verbatim.public_text,
            ],
        )
    workbook.close()
    return buffer.getvalue()


def _refuse_every_url():
    """WeasyPrint reads nothing from outside the report (no network, no file)."""
    from weasyprint.urls import URLFetcher

    class NoFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"URL refusée dans un rapport : {url}")

    return NoFetcher()


def report_html(results):
    context = {
        "results": results,
        "summary": results.summary,
        "missing": missing_sentence(results.summary),
        "today": timezone.localdate(),
        "counts": None,
        "verbatims": [],
    }
    if results.summary.is_public:
        context["counts"] = verbatim_counts(results_verbatims(results))
        context["verbatims"] = published_verbatims(results)
    return render_to_string("space/results/report.html", context)


def results_pdf(results):
    from weasyprint import HTML

    return HTML(string=report_html(results), url_fetcher=_refuse_every_url()).write_pdf()


def _attachment(content, content_type, results, extension):
    name = slugify(results.campaign.name if results.campaign else results.formation.intitule)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="resultats-{name}.{extension}"'
    return response


def _formation(request, cle):
    formation = get_object_or_404(
        Formation.objects.visible_to(request.user).select_related("formateur"),
        cle_ministere_educatif=cle,
    )
    return formation_results(formation)


@require_GET
@login_required
def formation_results_xlsx(request, cle):
    results = _formation(request, cle)
    return _attachment(results_xlsx(results), XLSX_TYPE, results, "xlsx")


@require_GET
@login_required
def formation_results_pdf(request, cle):
    results = _formation(request, cle)
    return _attachment(results_pdf(results), "application/pdf", results, "pdf")


@require_GET
@login_required
def campaign_results_xlsx(request, public_id):
    results = campaign_results(campaign_get(request, public_id))
    return _attachment(results_xlsx(results), XLSX_TYPE, results, "xlsx")


@require_GET
@login_required
def campaign_results_pdf(request, public_id):
    results = campaign_results(campaign_get(request, public_id))
    return _attachment(results_pdf(results), "application/pdf", results, "pdf")
