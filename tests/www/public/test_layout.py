import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.factories import EstablishmentFactory, FormationFactory, UserFactory
from tests.www.public.html import elements, links, parse, texts

PUBLIC_PAGES = [
    "/",
    "/formations/",
    "/formations/?q=cuisine",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/gestion-des-cookies/",
    "/plan-du-site/",
]


@pytest.fixture
def formation():
    return FormationFactory(
        cle_ministere_educatif="CLE-LAYOUT-1",
        formateur=EstablishmentFactory(siret="13000000000051"),
    )


def every_page(formation):
    return [
        *PUBLIC_PAGES,
        f"/formations/{formation.cle_ministere_educatif}/",
        f"/etablissements/{formation.formateur.siret}/",
    ]


@pytest.mark.django_db
class TestEveryPublicPage:
    def test_is_french_with_one_h1_and_a_titled_head(self, client, formation):
        for url in every_page(formation):
            response = client.get(url)

            assert response.status_code == 200, url
            assert elements(response, "html")[0]["lang"] == "fr", url
            assert len(texts(response, "h1")) == 1, url
            assert texts(response, "title")[0].endswith("— Sirius"), url

    def test_has_landmarks_and_skip_links(self, client, formation):
        for url in every_page(formation):
            response = client.get(url)

            assert elements(response, "header", role="banner"), url
            assert elements(response, "main", id="content"), url
            assert elements(response, "footer", id="footer"), url
            assert elements(response, "nav", id="fr-navigation"), url
            skiplinks = links(response)
            assert skiplinks["Contenu"] == "#content"
            assert skiplinks["Menu"] == "#fr-navigation"
            assert skiplinks["Pied de page"] == "#footer"

    def test_sends_a_strict_content_security_policy(self, client, formation):
        for url in every_page(formation):
            policy = client.get(url)["Content-Security-Policy"]

            assert "script-src 'self' 'nonce-" in policy, url
            assert "unsafe-inline" not in policy
            assert "unsafe-eval" not in policy

    def test_scripts_carry_the_nonce_and_nothing_is_inline(self, client, formation):
        for url in every_page(formation):
            response = client.get(url)
            policy = response["Content-Security-Policy"]
            parser = parse(response)

            scripts = [attrs for tag, attrs in parser.elements if tag == "script"]
            assert scripts, url
            for script in scripts:
                # Code only from files; inline JSON-LD is data, not code, and still nonced.
                assert script.get("src") or script.get("type") == "application/ld+json", url
                assert f"'nonce-{script['nonce']}'" in policy, url
            assert not [attrs for _, attrs in parser.elements if "style" in attrs], url
            assert not [attrs for tag, attrs in parser.elements if tag == "style"], url
            assert not [
                attrs for _, attrs in parser.elements if any(a.startswith("on") for a in attrs)
            ], url


@pytest.mark.django_db
class TestHeader:
    def test_shows_the_service_and_a_login_link_to_visitors(self, client):
        response = client.get("/")

        assert response.status_code == 200
        header_links = links(response)
        assert header_links["Se connecter"] == "/compte/connexion/"
        assert "Mon espace" not in header_links
        assert "Se déconnecter" not in response.content.decode()
        assert "République française" in " ".join(response.content.decode().split())
        assert "Les avis des apprentis sur leur formation" in response.content.decode()

    def test_shows_the_space_and_a_logout_form_to_signed_in_people(self, client):
        client.force_login(UserFactory())

        response = client.get("/")

        assert links(response)["Mon espace"] == "/espace/"
        assert "Se connecter" not in links(response)
        (logout_form,) = elements(response, "form", action="/compte/deconnexion/")
        assert logout_form["method"] == "post"
        assert elements(response, "input", name="csrfmiddlewaretoken")

    def test_marks_the_current_page_in_the_main_navigation(self, client):
        response = client.get("/formations/")

        assert elements(response, "a", href="/formations/", **{"aria-current": "page"})
        assert not elements(response, "a", href="/", **{"aria-current": "page"})


@pytest.mark.django_db
def test_footer_has_the_mandatory_links(client):
    response = client.get("/")

    footer_links = links(response)
    assert footer_links["Accessibilité : non conforme"] == "/accessibilite/"
    assert footer_links["Mentions légales"] == "/mentions-legales/"
    assert footer_links["Données personnelles"] == "/donnees-personnelles/"
    assert footer_links["Gestion des cookies"] == "/gestion-des-cookies/"
    assert footer_links["Plan du site"] == "/plan-du-site/"
    assert elements(response, "button", **{"aria-controls": "fr-theme-modal"})


@pytest.mark.django_db
class TestErrorPages:
    def test_unknown_page_is_a_dsfr_404(self, client):
        response = client.get("/cette-page-n-existe-pas/")

        assert response.status_code == 404
        assert texts(response, "h1") == ["Page non trouvée"]
        assert elements(response, "html")[0]["lang"] == "fr"
        assert links(response)["Rechercher une formation"] == "/formations/"

    def test_server_error_page_renders_without_a_request_context(self):
        response = server_error(RequestFactory().get("/"))

        assert response.status_code == 500
        assert texts(response, "h1") == ["Erreur inattendue"]
        assert links(response)["Page d’accueil"] == "/"


@pytest.mark.django_db
def test_the_breadcrumb_leads_home_then_to_the_search_and_names_the_page(client, formation):
    response = client.get(f"/formations/{formation.cle_ministere_educatif}/")

    crumbs = [
        (attrs.get("href"), attrs.get("aria-current"))
        for tag, attrs in parse(response).elements
        if tag == "a" and "fr-breadcrumb__link" in attrs.get("class", "")
    ]
    assert crumbs == [("/", None), ("/formations/", None), (None, "page")]
    assert "Voir le fil d’Ariane" in texts(response, "button")
    button = elements(response, "button", **{"class": "fr-breadcrumb__button"})[0]
    assert elements(response, "div", id=button["aria-controls"])
