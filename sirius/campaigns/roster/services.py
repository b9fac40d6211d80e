"""Write a checked roster: new contacts in bulk, changed ones updated, one audit event.

`contacts_import_file` is the national / regional command's path: all or nothing.
`contacts_import_checked(..., valid_only=True)` is the CFA's web import after its preview.
"""

from dataclasses import asdict, dataclass
from pathlib import Path
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from sirius.audit.services import event_record
from sirius.campaigns.models import Contact
from sirius.referentiel.catalogue.bulk import rows_insert, rows_update
from sirius.referentiel.models import Formation

from .errors import RosterImportError, roster_file_error
from .reader import read_roster
from .validation import NEW, UPDATED, roster_check

__all__ = [
    "RosterImportError",
    "RosterSummary",
    "contacts_import_checked",
    "contacts_import_file",
]

BATCH_SIZE = 2000
INSERT_FIELDS = [
    "formation", "email", "phone", "first_name", "contract_start", "contract_end",
    "imported_by", "created_at",
]  # fmt: skip


@dataclass(frozen=True)
class RosterSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0

    def __str__(self):
        text = (
            f"Contacts : {self.created} créés, {self.updated} mis à jour, "
            f"{self.unchanged} inchangés"
        )
        return text + (f", {self.refused} lignes refusées." if self.refused else ".")


def contacts_import_file(path, *, formation=None, actor=None, progress=None):
    """Import a national or regional roster file; all or nothing.

    `formation` (a Formation) applies to the rows without a formation cell. Raises
    RosterImportError, writing nothing, when the file or any row is invalid.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise roster_file_error(f"Fichier introuvable : {path}") from None
    except IsADirectoryError:
        raise roster_file_error(f"{path} est un dossier, pas un fichier.") from None
    except PermissionError:
        raise roster_file_error(f"Lecture du fichier refusée : {path}") from None
    rows = read_roster(data, formation_required=formation is None)
    check = roster_check(
        rows, formations=Formation.objects.all(), scoped=False, fixed_formation=formation,
        progress=progress,
    )  # fmt: skip
    return contacts_import_checked(check, actor=actor, valid_only=False, progress=progress)


def contacts_import_checked(check, *, actor=None, valid_only, progress=None):
    """Write the rows of a RosterCheck: every row (refusing the whole file if one is invalid),
    or, with `valid_only`, the valid rows only."""
    if not check.rows:
        raise roster_file_error("Aucun contact à importer : le fichier ne contient aucune ligne.")
    errors = check.errors
    if errors and not valid_only:
        raise RosterImportError(errors)
    now = timezone.now()
    imported_by = actor if actor is not None and actor.is_authenticated else None
    to_create = [
        SimpleNamespace(  # rows_insert reads attributes only: no model instance needed
            formation_id=row.formation_id,
            email=row.email,
            phone=row.phone,
            first_name=row.first_name,
            contract_start=row.contract_start,
            contract_end=row.contract_end,
            imported_by_id=imported_by.pk if imported_by else None,
            created_at=now,
        )
        for row in check.rows
        if row.status == NEW
    ]
    updated_rows = [row for row in check.rows if row.status == UPDATED]
    summary = RosterSummary(
        created=len(to_create),
        updated=len(updated_rows),
        unchanged=check.count("unchanged"),
        refused=check.count("invalid"),
    )
    with transaction.atomic():
        total, done = len(to_create) + len(updated_rows), 0
        for start in range(0, len(to_create), BATCH_SIZE):
            batch = to_create[start : start + BATCH_SIZE]
            rows_insert(Contact, batch, INSERT_FIELDS)
            done += len(batch)
            if progress:
                progress("Enregistrement", done, total)
        contacts_update(updated_rows)
        if progress and updated_rows:
            progress("Enregistrement", total, total)
        event_record(
            verb="contacts.imported",
            actor=actor,
            object_type="campaigns.contact",
            data={**asdict(summary), "formations": len(check.formations)},
        )
    return summary


def contacts_update(rows):
    """Set the phone, first name and contract end a row brings (an empty cell keeps the stored
    value): one UPDATE per field group, in bulk."""
    by_fields = {}
    for row in rows:
        changes = {
            "phone": row.phone,
            "first_name": row.first_name,
            "contract_end": row.contract_end,
        }
        names = tuple(name for name, value in changes.items() if value)
        by_fields.setdefault(names, []).append(Contact(pk=row.contact_id, **changes))
    for names, contacts in by_fields.items():
        for start in range(0, len(contacts), BATCH_SIZE):
            rows_update(Contact, contacts[start : start + BATCH_SIZE], list(names))
