import pytest

from tests.browser import assert_accessible, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


def test_the_accessibility_scan_reports_a_form_field_without_label(browser_page):
    browser_page.set_content(
        '<html lang="fr"><head><title>Essai</title></head>'
        '<body><main><h1>Essai</h1><input type="text"></main></body></html>'
    )

    with pytest.raises(AssertionError, match="label"):
        assert_accessible(browser_page)


def test_the_accessibility_scan_passes_a_labelled_field(browser_page):
    browser_page.set_content(
        '<html lang="fr"><head><title>Essai</title></head><body><main><h1>Essai</h1>'
        '<label for="nom">Nom</label><input id="nom" type="text"></main></body></html>'
    )

    assert_accessible(browser_page)
