"""Who may do what, by role. Which objects a user may see is `visible_to()` in referentiel."""

from .enums import Role


def can_use_space(user):
    """The private space (/espace/) is for every signed-in active user with a role."""
    return user.is_authenticated and user.is_active and user.role in Role.values


def can_access_django_admin(user):
    return user.is_authenticated and user.is_active and user.is_staff and user.role == Role.ADMIN


def can_see_everything(user):
    return user.is_authenticated and user.is_active and user.role in (Role.ADMIN, Role.MODERATOR)


def can_manage_campaigns(user):
    """Establishment staff (within their scope) and admins; observers and moderators only read."""
    return (
        user.is_authenticated and user.is_active and user.role in (Role.ESTABLISHMENT, Role.ADMIN)
    )


def can_manage_questionnaires(user):
    """The back office (questionnaire versions) is for admins only."""
    return user.is_authenticated and user.is_active and user.role == Role.ADMIN


def can_moderate(user):
    """The moderation back office (queues, alerts, reports) is for moderators and admins."""
    return user.is_authenticated and user.is_active and user.role in (Role.MODERATOR, Role.ADMIN)


def can_reply_and_report(user):
    """Establishment staff answer and report reviews of their own formations."""
    return user.is_authenticated and user.is_active and user.role == Role.ESTABLISHMENT
