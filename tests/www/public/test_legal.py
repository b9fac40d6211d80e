import pytest

from tests.www.public.html import texts

TO_COMPLETE = "À compléter par le responsable du service"


@pytest.mark.django_db
class TestLegalPages:
    def test_accessibility_statement_says_not_compliant_and_how_to_appeal(self, client):
        response = client.get("/accessibilite/")

        assert texts(response, "h1") == ["Déclaration d’accessibilité"]
        headings = texts(response, "h2")
        for heading in [
            "État de conformité",
            "Contenus non accessibles",
            "Établissement de cette déclaration d’accessibilité",
            "Retour d’information et contact",
            "Voies de recours",
        ]:
            assert heading in headings
        assert "<strong>non conforme</strong>" in response.content.decode()
        assert "Défenseur des droits" in response.content.decode()
        assert TO_COMPLETE in response.content.decode()

    def test_legal_notice_lists_what_the_owner_must_fill_in(self, client):
        response = client.get("/mentions-legales/")

        assert texts(response, "h1") == ["Mentions légales"]
        content = response.content.decode()
        assert TO_COMPLETE in content
        assert "directeur ou de la directrice de la publication" in content
        assert "hébergeur" in content

    def test_personal_data_explains_what_is_processed_for_whom(self, client):
        response = client.get("/donnees-personnelles/")

        content = response.content.decode()
        assert texts(response, "h1") == ["Données personnelles"]
        assert "Vos réponses au questionnaire" in content
        assert "Votre compte" in content
        assert "mission d’intérêt public" in content
        assert "12 mois après la fin de la campagne" in content
        assert "délégué à la protection des données (DPO)" in content
        assert "CNIL" in content
        assert TO_COMPLETE in content

    def test_cookies_page_lists_only_strictly_necessary_cookies(self, client, settings):
        response = client.get("/gestion-des-cookies/")

        content = response.content.decode()
        assert texts(response, "h1") == ["Gestion des cookies"]
        assert settings.SESSION_COOKIE_NAME in content
        assert settings.CSRF_COOKIE_NAME in content
        assert "aucun cookie de mesure d’audience" in content

    def test_public_pages_set_no_cookie(self, client):
        for url in ["/", "/formations/?q=bts", "/gestion-des-cookies/"]:
            assert not client.get(url).cookies, url
