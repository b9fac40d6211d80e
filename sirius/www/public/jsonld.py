"""schema.org JSON-LD of a formation page: a `Course`, with its rating and up to ten reviews only
when the formation's results are public (DESIGN.md, rule 4).

Reviews carry no author name (« Apprenti·e ») and only their public text: the original, or its
masked copy.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe

REVIEWS_IN_JSONLD = 10
REVIEW_AUTHOR = "Apprenti·e"
# The characters that could close the <script> element or open a comment inside it, written as
# JSON escapes (what django.utils.html.json_script does).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def course_description(formation):
    """A one-sentence description from the catalogue's fields (the catalogue has no summary)."""
    parts = [formation.diplome or formation.intitule, "en apprentissage"]
    if formation.niveau:
        parts.append(f"(niveau {formation.get_niveau_display()})")
    description = " ".join(parts) + f", enseigné par {formation.formateur.name}"
    if formation.localite:
        description += f" à {formation.localite}"
    return description + "."


def _address(establishment):
    address = {"@type": "PostalAddress", "addressCountry": "FR"}
    for key, value in (
        ("streetAddress", establishment.adresse),
        ("postalCode", establishment.code_postal),
        ("addressLocality", establishment.localite),
    ):
        if value:
            address[key] = value
    return address


def course_jsonld(formation, *, url, summary, reviews):
    """The Course as a dict. `reviews`: published verbatims, newest first (ignored below the
    threshold, as is the summary's score)."""
    course = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": formation.intitule,
        "description": course_description(formation),
        "url": url,
        "provider": {
            "@type": "EducationalOrganization",
            "name": formation.formateur.name,
            "address": _address(formation.formateur),
        },
    }
    if formation.cfd or formation.rncp:
        course["courseCode"] = formation.cfd or formation.rncp
    if formation.diplome:
        course["educationalCredentialAwarded"] = formation.diplome
    if not summary.is_public:
        return course
    if summary.score is not None:
        course["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": summary.score_rounded,
            "ratingCount": summary.score_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    items = [
        {
            "@type": "Review",
            "author": {"@type": "Person", "name": REVIEW_AUTHOR},
            "reviewBody": verbatim.public_text,
            "datePublished": timezone.localdate(verbatim.published_at).isoformat(),
        }
        for verbatim in list(reviews)[:REVIEWS_IN_JSONLD]
    ]
    if items:
        course["review"] = items
    return course


def jsonld_dumps(data):
    """JSON safe to place inside a <script type="application/ld+json"> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))
