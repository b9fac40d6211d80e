from tests.responses.data import SECTION_POSTS, VISIBLE_SECTIONS


def flat(response):
    return " ".join(response.content.decode().split())


def answer_everything(client, landing_url, posts=SECTION_POSTS, sections=VISIBLE_SECTIONS):
    """Start and save every section; returns the review page URL."""
    url = client.post(landing_url)["Location"]
    for section_id in sections:
        assert url.endswith(f"/etape/{section_id}/"), url
        response = client.post(url, {**posts[section_id], "action": "next"})
        assert response.status_code == 302, flat(response)
        url = response["Location"]
    assert url.endswith("/relecture/")
    return url
