"""Check every row of a roster against the catalogue, the user's scope and the stored contacts.

Nothing is written here: the result (`RosterCheck`) says, row by row, what an import would do —
create, update (phone, first name or contract end changed), leave unchanged, or refuse and why.
A contact is the same apprentice and contract when formation, email (or phone when there is no
email) and contract start match: the identity of Contact's unique constraints.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from sirius.campaigns.models import Contact
from sirius.referentiel.models import Formation

from . import values
from .columns import (
    CONTRACT_END,
    CONTRACT_START,
    EMAIL,
    FIRST_NAME,
    FORMATION,
    LABELS,
    PHONE,
)
from .errors import RowError

NEW = "new"
UPDATED = "updated"
UNCHANGED = "unchanged"
INVALID = "invalid"
STATUS_LABELS = {
    NEW: "Nouveau contact",
    UPDATED: "Mis à jour",
    UNCHANGED: "Déjà connu, inchangé",
    INVALID: "Refusée",
}
QUERY_CHUNK = 2000


@dataclass
class RosterRow:
    line: int
    email: str = ""
    phone: str = ""
    first_name: str = ""
    formation_id: int | None = None
    contract_start: object = None
    contract_end: object = None
    errors: list = field(default_factory=list)
    status: str = NEW
    contact_id: int | None = None  # the stored contact, for UPDATED and UNCHANGED

    @property
    def key(self):
        who = f"e:{self.email}" if self.email else f"p:{self.phone}"
        return (self.formation_id, who, self.contract_start)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def is_valid(self):
        return self.status != INVALID


@dataclass
class RosterCheck:
    rows: list
    formations: dict  # formation id → (cle_ministere_educatif, intitulé) of the valid rows

    @property
    def errors(self):
        return [error for row in self.rows for error in row.errors]

    @property
    def valid_rows(self):
        return [row for row in self.rows if row.is_valid]

    def count(self, status):
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self):
        return {status: self.count(status) for status in STATUS_LABELS}


def roster_check(rows, *, formations, scoped, fixed_formation=None, progress=None):
    """Check (line, {field: text}) rows.

    `formations` is the queryset a row's formation must belong to: `visible_to(user)` for a CFA
    (`scoped=True`: a formation outside it is reported as such), every formation for a national
    file. `fixed_formation`, when given, applies to the rows whose formation cell is empty.
    """
    rows = list(rows)
    resolver = FormationResolver(
        formations,
        scoped=scoped,
        tokens={(raw.get(FORMATION) or "").strip() for _line, raw in rows},
    )
    checked, first_line_of_key, total = [], {}, len(rows)
    for done, (line, raw) in enumerate(rows, start=1):
        row = row_check(line, raw, resolver, fixed_formation)
        if not row.errors:
            key = row.key
            if key in first_line_of_key:
                who = "adresse e-mail" if row.email else "téléphone"
                first = first_line_of_key[key]
                reason = (
                    f"Doublon dans le fichier : même {who}, même formation et même début de "
                    f"contrat qu'à la ligne {first} (lignes {first} et {line})."
                )
                field_name = EMAIL if row.email else PHONE
                row.errors.append(
                    RowError(line, LABELS[field_name], raw.get(field_name) or "", reason)
                )
            else:
                first_line_of_key[key] = line
        if row.errors:
            row.status = INVALID
        checked.append(row)
        if progress and (done % 1000 == 0 or done == total):
            progress("Vérification", done, total)
    compare_with_stored(checked)
    used = {row.formation_id for row in checked if row.is_valid}
    return RosterCheck(
        rows=checked,
        formations={pk: label for pk, label in resolver.labels.items() if pk in used},
    )


def row_check(line, raw, resolver, fixed_formation):
    row = RosterRow(line=line)

    def parse(field_name, parser):
        text = raw.get(field_name) or ""
        try:
            return parser(text)
        except values.InvalidValue as error:
            row.errors.append(RowError(line, LABELS[field_name], text, error.reason))
            return parser("")

    row.email = parse(EMAIL, values.email)
    row.phone = parse(PHONE, values.phone)
    row.first_name = parse(FIRST_NAME, values.first_name)
    row.contract_start = parse(CONTRACT_START, values.contract_date)
    row.contract_end = parse(CONTRACT_END, values.contract_date)
    if not row.email and not row.phone and not row.errors:
        reason = "Ni adresse e-mail ni téléphone : l'un des deux est nécessaire pour inviter."
        row.errors.append(RowError(line, LABELS[EMAIL], "", reason))
    if row.contract_start and row.contract_end and row.contract_end < row.contract_start:
        row.errors.append(
            RowError(
                line,
                LABELS[CONTRACT_END],
                raw.get(CONTRACT_END) or "",
                "La fin du contrat précède son début "
                f"({row.contract_start:%d/%m/%Y}) : dates dans le mauvais ordre.",
            )
        )
    token = (raw.get(FORMATION) or "").strip()
    if token:
        formation_id, reason = resolver.resolve(token)
        if reason:
            row.errors.append(RowError(line, LABELS[FORMATION], token, reason))
        row.formation_id = formation_id
    elif fixed_formation is not None:
        row.formation_id = fixed_formation.pk
        resolver.labels[fixed_formation.pk] = (
            fixed_formation.cle_ministere_educatif,
            fixed_formation.intitule,
        )
    else:
        reason = "Formation manquante : indiquez sa clé ministère éducatif ou son code CFD."
        row.errors.append(RowError(line, LABELS[FORMATION], "", reason))
    return row


class FormationResolver:
    """A formation cell (catalogue key or CFD) → formation id, in two or three queries."""

    def __init__(self, formations, *, scoped, tokens):
        tokens = sorted(token for token in tokens if token)
        self.by_key, self.by_cfd, self.labels = {}, {}, {}
        for pk, key, cfd, intitule in chunked_values(formations, tokens):
            self.by_key[key] = pk
            self.by_cfd.setdefault(cfd, set()).add(pk)  # a formation may come in two chunks
            self.labels[pk] = (key, intitule)
        self.scoped = scoped
        self.outside_scope = set()
        if scoped:
            missing = [token for token in tokens if not self.found(token)]
            for _pk, key, cfd, _intitule in chunked_values(Formation.objects.all(), missing):
                self.outside_scope.update((key, cfd))

    def found(self, token):
        return token in self.by_key or token.upper() in self.by_cfd

    def resolve(self, token):
        """(formation id, None) or (None, the French reason)."""
        if token in self.by_key:
            return self.by_key[token], None
        candidates = self.by_cfd.get(token.upper(), set())
        if len(candidates) == 1:
            return next(iter(candidates)), None
        if len(candidates) > 1:
            among = "de vos formations" if self.scoped else "formations du catalogue"
            return None, (
                f"Code CFD ambigu : il correspond à {len(candidates)} {among}. "
                "Indiquez la clé ministère éducatif de la formation."
            )
        if token in self.outside_scope or token.upper() in self.outside_scope:
            return None, "Cette formation n'est pas rattachée à vos établissements."
        return None, "Formation inconnue : ni clé ministère éducatif ni code CFD du catalogue."


def chunked_values(formations, tokens):
    for start in range(0, len(tokens), QUERY_CHUNK):
        chunk = tokens[start : start + QUERY_CHUNK]
        yield from formations.filter(
            Q(cle_ministere_educatif__in=chunk) | Q(cfd__in=[token.upper() for token in chunk])
        ).values_list("pk", "cle_ministere_educatif", "cfd", "intitule")


def compare_with_stored(rows):
    """Mark valid rows UPDATED or UNCHANGED when their contact is already stored."""
    formation_ids = sorted({row.formation_id for row in rows if row.is_valid})
    stored = {}
    for start in range(0, len(formation_ids), QUERY_CHUNK):
        contacts = Contact.objects.with_personal_data().filter(
            formation_id__in=formation_ids[start : start + QUERY_CHUNK]
        )
        for pk, formation_id, email, phone, first_name, start_on, end_on in contacts.values_list(
            "pk", "formation_id", "email", "phone", "first_name", "contract_start", "contract_end"
        ):
            who = f"e:{email}" if email else f"p:{phone}"
            stored[(formation_id, who, start_on)] = (pk, phone, first_name, end_on)
    for row in rows:
        if not row.is_valid or row.key not in stored:
            continue
        pk, phone, first_name, end_on = stored[row.key]
        row.contact_id = pk
        changed = (
            (row.phone and row.phone != phone)
            or (row.first_name and row.first_name != first_name)
            or (row.contract_end and row.contract_end != end_on)
        )
        row.status = UPDATED if changed else UNCHANGED
