"""XLSX and PDF exports of results: threshold, content, queries."""

import io

import openpyxl
import pytest
from django.urls import reverse

from sirius.stats.read import labels_forget
from sirius.www.space.results_data import formation_results
from sirius.www.space.results_exports import report_html
from tests.factories import verbatim_create_for_test
from tests.www.space.results_data import responses_create


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = 5
    labels_forget()


@pytest.fixture
def staff_a(client, world):
    client.force_login(world.users.staff_a)
    return client


def xlsx_url(formation):
    return reverse("space:formation_results_xlsx", kwargs={"cle": formation.cle_ministere_educatif})


def pdf_url(formation):
    return reverse("space:formation_results_pdf", kwargs={"cle": formation.cle_ministere_educatif})


def workbook_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows(sheet):
    return [
        tuple(cell for cell in row if cell is not None) for row in sheet.iter_rows(values_only=True)
    ]


def pdf_text(html):
    """The text WeasyPrint lays out on the report's pages."""
    from weasyprint import HTML

    texts = []
    for page in HTML(string=html).render().pages:
        texts.extend(box.text for box in page._page_box.descendants() if hasattr(box, "text"))
    return " ".join(texts)


class TestXlsx:
    @pytest.mark.parametrize(("count", "public"), [(4, False), (5, True)])
    def test_threshold(self, staff_a, world, count, public):
        formation = world.formations.a
        responses_create(formation, count)
        verbatim_create_for_test("Texte publié.", formation=formation, status="published")
        workbook = workbook_of(staff_a.get(xlsx_url(formation)))
        assert (workbook.sheetnames == ["Synthèse", "Questions", "Avis publiés"]) is public
        synthesis = " ".join(str(cell) for row in rows(workbook["Synthèse"]) for cell in row)
        assert ("encore 1 réponse(s)" in synthesis) is not public
        assert ("Satisfaction globale" in synthesis) is public

    def test_aggregates_per_question_and_published_verbatims(self, staff_a, world):
        formation = world.formations.a
        responses_create(formation, 5)
        verbatim_create_for_test("Texte publié.", formation=formation, status="published")
        verbatim_create_for_test("Texte refusé.", formation=formation, status="rejected")
        verbatim_create_for_test("Texte en relecture.", formation=formation)
        workbook = workbook_of(staff_a.get(xlsx_url(formation)))

        synthesis = rows(workbook["Synthèse"])
        assert ("Formation", "Boulangerie Alpha") in synthesis
        assert ("Réponses complètes", 5) in synthesis
        assert ("Satisfaction globale", "4,0/5", "4,0/5", "4,0/5") in synthesis
        questions = rows(workbook["Questions"])
        score_rows = [row for row in questions if row[0].startswith("Dans l")]
        assert any(row[2] == 5 and row[3] == "100 %" for row in score_rows)
        reviews = rows(workbook["Avis publiés"])
        texts = [row[-1] for row in reviews[1:]]
        assert texts == ["Texte publié."]

    def test_campaign_export_counts_only_its_responses(self, staff_a, world):
        campaign = responses_create(world.formations.a, 5, recompute=False)
        responses_create(world.formations.a, 3)
        url = reverse("space:campaign_results_xlsx", kwargs={"public_id": campaign.public_id})
        synthesis = rows(workbook_of(staff_a.get(url))["Synthèse"])
        assert ("Réponses complètes", 5) in synthesis

    def test_queries(self, staff_a, world, django_assert_num_queries):
        responses_create(world.formations.a, 5)
        for n in range(3):
            verbatim_create_for_test(f"Avis {n}.", formation=world.formations.a, status="published")
        staff_a.get(xlsx_url(world.formations.a))
        # session, user, formation, aggregate, months, areas, verbatims, their themes.
        with django_assert_num_queries(8):
            staff_a.get(xlsx_url(world.formations.a))
        # The same, and the verbatim counts.
        with django_assert_num_queries(9):
            staff_a.get(pdf_url(world.formations.a))

    def test_campaign_queries(self, staff_a, world, django_assert_num_queries):
        campaign = responses_create(world.formations.a, 5)
        kwargs = {"public_id": campaign.public_id}
        staff_a.get(reverse("space:campaign_results_xlsx", kwargs=kwargs))
        # session, user, campaign, answers, follow-up (2), months, areas, verbatims.
        with django_assert_num_queries(9):
            staff_a.get(reverse("space:campaign_results_xlsx", kwargs=kwargs))
        with django_assert_num_queries(10):
            staff_a.get(reverse("space:campaign_results_pdf", kwargs=kwargs))


class TestPdf:
    @pytest.mark.parametrize(("count", "public"), [(4, False), (5, True)])
    def test_threshold(self, staff_a, world, count, public):
        formation = world.formations.a
        responses_create(formation, count)
        verbatim_create_for_test("Texte publié.", formation=formation, status="published")
        response = staff_a.get(pdf_url(formation))
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
        html = report_html(formation_results(formation))
        assert ("Texte publié." in html) is public
        assert ("<svg" in html) is public
        assert ("encore 1 réponse(s)" in html) is not public

    def test_the_report_names_the_formation_and_its_figures(self, world):
        formation = world.formations.a
        responses_create(formation, 5)
        verbatim_create_for_test(
            "Des formateurs patients.", formation=formation, status="published"
        )
        verbatim_create_for_test("Texte refusé.", formation=formation, status="rejected")
        text = pdf_text(report_html(formation_results(formation)))
        assert "Boulangerie Alpha" in text
        assert "Satisfaction globale : 4,0/5" in " ".join(text.split())
        assert "Des formateurs patients." in text
        assert "Texte refusé." not in text

    def test_campaign_report(self, staff_a, world):
        campaign = responses_create(world.formations.a, 5)
        url = reverse("space:campaign_results_pdf", kwargs={"public_id": campaign.public_id})
        response = staff_a.get(url)
        assert response.content.startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]
