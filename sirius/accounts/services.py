"""Writes on accounts: each validates, runs in a transaction and leaves an audit event."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from sirius.audit.services import event_record
from sirius.referentiel.enums import Region
from sirius.referentiel.geo import REGION_BY_DEPARTEMENT, normalize_departement
from sirius.referentiel.models import Establishment
from sirius.referentiel.validators import normalize_rncp, normalize_siret, validate_rncp

from . import throttle
from .enums import ObserverScope, Role
from .models import User


def _establishments_resolve(establishments, errors):
    """Establishment instances or SIRETs → a list of establishments (unknown SIRETs are errors)."""
    instances = [item for item in establishments if isinstance(item, Establishment)]
    sirets = [normalize_siret(item) for item in establishments if isinstance(item, str)]
    if sirets:
        found = {e.siret: e for e in Establishment.objects.filter(siret__in=sirets)}
        unknown = [siret for siret in sirets if siret not in found]
        if unknown:
            errors.setdefault("establishments", []).append(
                "SIRET inconnu dans le référentiel : " + ", ".join(unknown) + "."
            )
        instances.extend(found.values())
    return list({e.pk: e for e in instances}.values())


def _scope_validate(*, role, scope_kind, scope_code, scope_rncp_codes, errors):
    """The normalised (scope_kind, scope_code, scope_rncp_codes) of an account, adding errors."""
    scope_code = (scope_code or "").strip().upper()
    rncp_codes = [normalize_rncp(str(code)) for code in scope_rncp_codes or () if str(code).strip()]
    if role != Role.OBSERVER:
        if scope_kind or scope_code or rncp_codes:
            errors.setdefault("scope_kind", []).append(
                "Seuls les comptes observateurs ont un périmètre d'observation."
            )
        return "", "", []
    if scope_kind not in ObserverScope.values:
        errors.setdefault("scope_kind", []).append(
            "Choisissez le périmètre d'observation : national, région, département ou OPCO."
        )
        return "", "", []
    if scope_kind == ObserverScope.REGION and scope_code not in Region.values:
        errors.setdefault("scope_code", []).append(
            "Indiquez un code région INSEE valide (par exemple 11 pour l'Île-de-France)."
        )
    if scope_kind == ObserverScope.DEPARTEMENT:
        scope_code = normalize_departement(scope_code)
    if scope_kind == ObserverScope.DEPARTEMENT and scope_code not in REGION_BY_DEPARTEMENT:
        errors.setdefault("scope_code", []).append(
            "Indiquez un code département valide (par exemple 75, 2A ou 974)."
        )
    if scope_kind in (ObserverScope.NATIONAL, ObserverScope.OPCO) and scope_code:
        errors.setdefault("scope_code", []).append(
            "Un périmètre national ou OPCO n'a pas de code région ou département."
        )
    if scope_kind == ObserverScope.OPCO:
        if not rncp_codes:
            errors.setdefault("scope_rncp_codes", []).append(
                "Un périmètre OPCO demande au moins un code RNCP."
            )
        for code in rncp_codes:
            try:
                validate_rncp(code)
            except ValidationError as error:
                errors.setdefault("scope_rncp_codes", []).extend(
                    f"{code} : {message}" for message in error.messages
                )
    elif rncp_codes:
        errors.setdefault("scope_rncp_codes", []).append(
            "Seul un périmètre OPCO a une liste de codes RNCP."
        )
    return scope_kind, scope_code, sorted(set(rncp_codes))


def user_role_check(*, role, establishments=(), scope_kind="", scope_code="", scope_rncp_codes=()):
    """Check the rules of a role; return (errors by field, normalised values).

    Shared by `user_create` and the Django admin forms. `establishments` takes Establishment
    instances or SIRETs.
    """
    errors = {}
    if role not in Role.values:
        errors["role"] = [
            "Choisissez un rôle : administrateur, modérateur, établissement ou observateur."
        ]
    resolved = _establishments_resolve(establishments, errors)
    if role == Role.ESTABLISHMENT and not resolved and "establishments" not in errors:
        errors["establishments"] = [
            "Un compte d'établissement doit être rattaché à au moins un établissement (SIRET)."
        ]
    if role != Role.ESTABLISHMENT and resolved:
        errors["establishments"] = [
            "Seuls les comptes d'établissement sont rattachés à des établissements."
        ]
    scope_kind, scope_code, scope_rncp_codes = _scope_validate(
        role=role,
        scope_kind=scope_kind,
        scope_code=scope_code,
        scope_rncp_codes=scope_rncp_codes,
        errors=errors,
    )
    normalised = {
        "establishments": resolved,
        "scope_kind": scope_kind,
        "scope_code": scope_code,
        "scope_rncp_codes": scope_rncp_codes,
    }
    return errors, normalised


@transaction.atomic
def user_create(
    *,
    email,
    role,
    password=None,
    establishments=(),
    scope_kind="",
    scope_code="",
    scope_rncp_codes=(),
    first_name="",
    last_name="",
    acting_user=None,
):
    """Create an account after checking the rules of its role; raise ValidationError otherwise.

    `establishments` takes Establishment instances or SIRETs. Without a password the account
    gets an unusable one: its owner sets one through « Mot de passe oublié ». Admins get access
    to the Django admin (is_staff, is_superuser); nobody else does.
    """
    errors, normalised = user_role_check(
        role=role,
        establishments=establishments,
        scope_kind=scope_kind,
        scope_code=scope_code,
        scope_rncp_codes=scope_rncp_codes,
    )
    resolved = normalised["establishments"]
    scope_kind = normalised["scope_kind"]
    scope_code = normalised["scope_code"]
    scope_rncp_codes = normalised["scope_rncp_codes"]
    email = User.objects.normalize_email(email)
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = ["Saisissez une adresse e-mail valide, par exemple nom@domaine.fr."]
    else:
        if User.objects.filter(email__iexact=email).exists():
            errors["email"] = ["Un compte existe déjà avec cette adresse e-mail."]
    user = User(
        email=email,
        role=role,
        first_name=first_name,
        last_name=last_name,
        scope_kind=scope_kind,
        scope_code=scope_code,
        scope_rncp_codes=scope_rncp_codes,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)

    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    if resolved:
        user.establishments.set(resolved)
    event_record(
        verb="accounts.user_created",
        actor=acting_user,
        obj=user,
        data={
            "role": role,
            "establishments": sorted(e.siret for e in resolved),
            "scope_kind": scope_kind,
            "scope_code": scope_code,
            "scope_rncp_codes": scope_rncp_codes,
        },
    )
    return user


@transaction.atomic
def user_login_succeeded(*, user, ip_address):
    """Record a sign-in (the session itself is opened by django.contrib.auth.login)."""
    throttle.login_failures_clear(email=user.email)
    event_record(
        verb="accounts.login_succeeded", actor=user, obj=user, data={"ip": ip_address or ""}
    )


@transaction.atomic
def user_login_failed(*, email, ip_address):
    """Record a failed sign-in; return when to retry if this failure locks sign-in, else None."""
    throttle.login_failure_add(email=email, ip_address=ip_address)
    retry_at = throttle.login_retry_at(email=email, ip_address=ip_address)
    if retry_at is not None:
        event_record(
            verb="accounts.login_locked",
            object_type="accounts.user",
            object_id=email,
            data={"ip": ip_address or "", "retry_at": retry_at.isoformat()},
        )
    return retry_at


@transaction.atomic
def user_password_reset(*, user, password):
    """Set a new password from a reset link (the link's token was checked by the view)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    throttle.login_failures_clear(email=user.email)
    event_record(verb="accounts.password_reset_completed", actor=user, obj=user)


@transaction.atomic
def user_password_change(*, user, password):
    """Set a new password chosen by its signed-in owner (the form checked the old one)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    event_record(verb="accounts.password_changed", actor=user, obj=user)
