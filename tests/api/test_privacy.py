"""Nothing private leaves through the API: not in any schema, not in any sample response."""

from urllib.parse import quote

from sirius.campaigns.models import Contact
from sirius.moderation.enums import ModerationStatus
from sirius.responses.models import Verbatim

from .data import CLE_WITH_HASH, HIDDEN_TEXTS

FORBIDDEN_PROPERTIES = {
    "id",
    "pk",
    "token",
    "token_hash",
    "key_hash",
    "email",
    "phone",
    "telephone",
    "first_name",
    "last_name",
    "prenom",
    "status",
    "statut",
    "rejection_reason",
    "analysis",
    "analyse",
    "flag_alert",
    "flag_insult",
    "flag_personal_data",
    "masked_text",
    "text",
    "address_hash",
    "browser_key_hash",
    "invitation",
    "contact",
    "author",
    "answers",
    "catalogue_record",
    "quality_flags",
    "password",
}


def schema_properties(node, found=None):
    """Every property name declared anywhere in an OpenAPI (JSON Schema) document."""
    found = set() if found is None else found
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "properties" and isinstance(value, dict):
                found.update(value)
            schema_properties(value, found)
    elif isinstance(node, list):
        for item in node:
            schema_properties(item, found)
    return found


def test_no_schema_declares_a_private_field(client, db):
    document = client.get("/api/v1/openapi.json").json()

    properties = schema_properties(document)

    assert {"texte", "avis_verifie", "synthese", "cle_ministere_educatif"} <= properties
    assert not properties & FORBIDDEN_PROPERTIES


def test_a_forbidden_name_would_be_caught():
    assert schema_properties({"a": {"properties": {"email": {}, "nom": {}}}}) == {"email", "nom"}


def sample_responses(client, public, hidden):
    cle = quote(CLE_WITH_HASH, safe="")
    urls = [
        "/api/v1/formations?limit=100",
        f"/api/v1/formations?siret={public.formateur.siret}",
        f"/api/v1/formations/{cle}",
        f"/api/v1/formations/{cle}/avis?limit=100",
        f"/api/v1/formations/{quote(hidden.cle_ministere_educatif, safe='')}/avis",
        f"/api/v1/etablissements/{public.formateur.siret}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


def test_sample_responses_hold_no_hidden_text_email_or_internal_value(client, world):
    public, hidden = world
    emails = set(Contact.objects.exclude(email="").values_list("email", flat=True))
    emails |= {"directrice@cfa.example"}
    hidden_verbatims = Verbatim.objects.exclude(
        status__in=[ModerationStatus.PUBLISHED, ModerationStatus.PUBLISHED_MASKED]
    )
    hidden_texts = set(HIDDEN_TEXTS.values()) | set(hidden_verbatims.values_list("text", flat=True))
    hidden_texts |= {"Trop tôt pour être lu.", "Merci Julie pour tout."}
    assert len(emails) >= 3 and len(hidden_texts) >= 6

    for url, content in sample_responses(client, public, hidden):
        for secret in emails | hidden_texts:
            assert secret not in content, (url, secret)
        for word in ("published_masked", "rejected", "pending", "@"):
            assert word not in content, (url, word)
