"""The API's errors: JSON bodies `{"detail": "…"}` in French, with the fields at fault for a 400."""

from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

# French wording of the pydantic error types a query parameter can raise.
FIELD_MESSAGES = {
    "string_pattern_mismatch": "format invalide",
    "string_too_long": "texte trop long",
    "string_too_short": "texte trop court",
    "int_parsing": "nombre entier attendu",
    "int_type": "nombre entier attendu",
    "greater_than_equal": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
    "missing": "paramètre obligatoire",
}


class NotFound(HttpError):
    def __init__(self, message):
        super().__init__(404, message)


def _field_errors(errors):
    found = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        found.append(
            {
                "champ": ".".join(location) or "requête",
                "message": FIELD_MESSAGES.get(error.get("type"), "valeur invalide"),
            }
        )
    return found


def errors_install(api):
    """Replace django-ninja's English error bodies by ours."""

    def validation_error(request, exc):
        return api.create_response(
            request,
            {"detail": "Paramètres invalides.", "erreurs": _field_errors(exc.errors)},
            status=400,
        )

    def authentication_error(request, exc):
        return api.create_response(
            request,
            {"detail": "Clé d'API inconnue ou révoquée (en-tête X-Api-Key)."},
            status=401,
        )

    def throttled(request, exc):
        verdict = getattr(request, "sirius_rate", None)
        if verdict is not None:
            detail = (
                f"Trop de requêtes : la limite est de {verdict.rate.limit} requêtes "
                f"par {verdict.rate.period} secondes. Réessayez dans {verdict.retry_after} s."
            )
        else:
            detail = "Trop de requêtes. Réessayez plus tard."
        return api.create_response(request, {"detail": detail}, status=429)

    def http_error(request, exc):
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(AuthenticationError, authentication_error)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(HttpError, http_error)
