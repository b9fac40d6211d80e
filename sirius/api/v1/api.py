"""The public API, version 1: one NinjaAPI, one router per resource.

Every operation goes through the optional key (`X-Api-Key`) and the rate limit; every successful
read carries an ETag and `Cache-Control: public, max-age=300` (sirius.api.caching). The OpenAPI
document is served at /api/v1/openapi.json and Swagger UI at /api/v1/docs, from django-ninja's
own static files (no CDN: our CSP allows scripts from 'self' only).
"""

from ninja import NinjaAPI, Swagger

from ..access import ApiKeyOptional, ClientRateThrottle
from ..caching import cacheable
from ..errors import errors_install
from . import establishments, formations, reviews

DESCRIPTION = (
    "Notes et avis publiés des apprentis sur leur formation en apprentissage. "
    "Accès libre sans clé (débit limité par adresse IP) ; une clé d'API envoyée dans l'en-tête "
    "`X-Api-Key` donne un débit plus élevé. Rien n'est publié pour une formation sous le seuil "
    "de réponses (`publie: false`). Documentation complète : docs/api.md."
)


class SiriusApi(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        verdict = getattr(request, "sirius_rate", None)
        if response.status_code == 429 and verdict is not None:
            response["Retry-After"] = str(verdict.retry_after)
        return cacheable(request, response)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The key is optional: each operation accepts no security as well as the key."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                if operation.get("security"):
                    operation["security"] = [{}, *operation["security"]]
        return schema


api = SiriusApi(
    title="API publique Sirius",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=ApiKeyOptional(),
    throttle=[ClientRateThrottle()],
    docs=Swagger(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors_install(api)
api.add_router("/formations", formations.router)
api.add_router("/formations", reviews.router)
api.add_router("/etablissements", establishments.router)
