import re
import zlib

import pytest
import segno

from sirius.campaigns.links import open_link
from sirius.campaigns.sharekit import posters_html, posters_pdf, qr_png, qr_svg
from tests.factories import CampaignFactory, FormationFactory

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def pdf_page_count(pdf):
    """Page objects, also inside the compressed object streams WeasyPrint writes."""
    chunks = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return sum(len(re.findall(rb"/Type\s*/Page\b", chunk)) for chunk in chunks)


@pytest.fixture
def campaign():
    return CampaignFactory(formation=FormationFactory(intitule="Boulangerie"))


class TestQr:
    def test_svg_is_the_qr_code_of_the_open_link(self, campaign):
        svg = qr_svg(campaign)
        expected = segno.make(open_link(campaign), error="q", micro=False)

        assert svg.startswith(b"<?xml")
        assert b"<svg" in svg and b"<path" in svg
        path = re.search(rb' d="([^"]+)"', svg).group(1)
        expected_svg = expected.svg_inline(scale=10, border=4)
        assert path.decode() in expected_svg

    def test_svg_of_another_link_differs(self, campaign):
        other = CampaignFactory()

        assert qr_svg(campaign) != qr_svg(other)

    def test_png(self, campaign):
        png = qr_png(campaign)

        assert png.startswith(PNG_SIGNATURE)
        assert len(png) > 200


class TestPosters:
    def test_one_poster_says_what_an_apprentice_needs(self, campaign):
        html = posters_html([campaign])

        assert "Boulangerie" in html
        assert campaign.formation.formateur.name in html
        assert open_link(campaign) in html
        assert (
            "Tes réponses sont anonymes : ton centre de formation ne saura pas qui a répondu quoi."
            in html
        )
        assert "République" in html and "Sirius" in html
        assert "data:image/svg+xml" in html

    def test_pdf_has_one_page_per_campaign(self, campaign):
        one = posters_pdf([campaign])
        three = posters_pdf([campaign, CampaignFactory(), CampaignFactory()])

        assert one.startswith(b"%PDF")
        assert pdf_page_count(one) == 1
        assert pdf_page_count(three) == 3

    def test_the_pdf_fetches_nothing_but_its_fonts(self, campaign, monkeypatch):
        from sirius.campaigns import sharekit

        fetcher = sharekit._local_only_fetcher(["file:///fonts/a.woff"])

        with pytest.raises(ValueError):
            fetcher.fetch("http://example.com/tracker.png")
        with pytest.raises(ValueError):
            fetcher.fetch("file:///etc/passwd")
