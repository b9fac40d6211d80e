"""Who may create and change campaigns. Which campaigns a user sees is `visible_to()`."""

from sirius.accounts.enums import Role


def can_manage_campaigns(user):
    """Establishment staff (within their scope) and admins; observers and moderators only read."""
    return (
        user.is_authenticated and user.is_active and user.role in (Role.ESTABLISHMENT, Role.ADMIN)
    )
