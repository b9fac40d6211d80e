"""The catalogue import: validate every row, then upsert formations and establishments at once.

All or nothing: when a row is invalid, CatalogueImportError lists every problem and nothing is
written. Existing rows are loaded with one query per table; writes go in bulk.
"""

from dataclasses import asdict, dataclass, replace
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from sirius.audit.services import event_record
from sirius.referentiel.models import Establishment, Formation

from .bulk import rows_insert, rows_update
from .errors import CatalogueImportError, RowError, file_error
from .reader import read_catalogue_file
from .records import EstablishmentRecord, record_from_row

__all__ = [
    "CatalogueImportError",
    "ImportSummary",
    "catalogue_import_file",
    "catalogue_import_rows",
]

BATCH_SIZE = 1000
ESTABLISHMENT_FIELDS = [
    *(name for name in EstablishmentRecord.__dataclass_fields__ if name != "siret"),
    "search_text",
]
FORMATION_FIELDS = [
    "cfd", "rncp", "intitule", "diplome", "niveau", "duree", "adresse", "code_postal",
    "code_commune_insee", "localite", "departement", "region", "latitude", "longitude",
    "onisep_url", "formateur_id", "gestionnaire_id", "catalogue_record", "catalogue_hash",
    "search_text", "updated_at",
]  # fmt: skip


@dataclass(frozen=True)
class ImportSummary:
    formations_created: int = 0
    formations_updated: int = 0
    formations_unchanged: int = 0
    establishments_created: int = 0
    establishments_updated: int = 0

    def __str__(self):
        return (
            f"Formations : {self.formations_created} créées, {self.formations_updated} mises à "
            f"jour, {self.formations_unchanged} inchangées. Établissements : "
            f"{self.establishments_created} créés, {self.establishments_updated} mis à jour."
        )


def catalogue_import_file(path, *, actor=None, progress=None):
    """Import a catalogue file (CSV or JSON); see `catalogue_import_rows`."""
    catalogue_file = read_catalogue_file(path)
    return catalogue_import_rows(
        catalogue_file.rows,
        actor=actor,
        source=Path(path).name,
        progress=progress,
        line_label=catalogue_file.line_label,
    )


def catalogue_import_rows(rows, *, actor=None, source="", progress=None, line_label="ligne"):
    """Import (line number, {catalogue field: value}) rows; return the counts.

    `progress`, when given, is called as progress(step, done, total) with step « Vérification »
    then « Enregistrement ». Raises CatalogueImportError, writing nothing, if any row is invalid.
    """
    rows = list(rows)
    if not rows:
        raise file_error("Aucune formation à importer : le fichier ne contient aucune ligne.")
    records = validated_records(rows, progress=progress, line_label=line_label)
    establishments = establishments_of(records)
    with transaction.atomic():
        establishments_created, establishments_updated = establishments_upsert(establishments)
        establishment_ids = dict(Establishment.objects.values_list("siret", "pk"))
        created, updated, unchanged = formations_upsert(records, establishment_ids, progress)
        summary = ImportSummary(
            formations_created=created,
            formations_updated=updated,
            formations_unchanged=unchanged,
            establishments_created=establishments_created,
            establishments_updated=establishments_updated,
        )
        event_record(
            verb="catalogue.imported",
            actor=actor,
            object_type="referentiel.formation",
            data={**asdict(summary), "source": source, "rows": len(records)},
        )
    return summary


def validated_records(rows, *, progress, line_label):
    records, errors, first_line_of_key = [], [], {}
    total = len(rows)
    for done, (line, raw) in enumerate(rows, start=1):
        record, row_errors = record_from_row(line, raw, line_label=line_label)
        errors.extend(row_errors)
        if record is not None:
            key = record.cle_ministere_educatif
            if key in first_line_of_key:
                reason = (
                    f"Clé en double : elle figure déjà {line_label} {first_line_of_key[key]} "
                    f"(et {line_label} {line})."
                )
                errors.append(RowError(line, "cle_ministere_educatif", key, reason, line_label))
            else:
                first_line_of_key[key] = line
                records.append(record)
        if progress and (done % 1000 == 0 or done == total):
            progress("Vérification", done, total)
    if errors:
        raise CatalogueImportError(errors)
    return records


def establishments_of(records):
    """Establishments by SIRET; when rows disagree, the first non-empty value of each field wins."""
    by_siret = {}
    for record in records:
        for establishment in (record.formateur, record.gestionnaire):
            if establishment.siret in by_siret:
                by_siret[establishment.siret].complete_with(establishment)
            else:
                by_siret[establishment.siret] = replace(establishment)
    return by_siret


def establishments_upsert(establishments):
    existing = {
        row["siret"]: row
        for row in Establishment.objects.values("pk", "siret", *ESTABLISHMENT_FIELDS)
    }
    now = timezone.now()
    to_create, to_update = [], []
    for siret, establishment in establishments.items():
        wanted = establishment.model_values()
        stored = existing.get(siret)
        if stored is None:
            to_create.append(Establishment(**wanted))
        elif any(stored[name] != wanted[name] for name in ESTABLISHMENT_FIELDS):
            to_update.append(Establishment(pk=stored["pk"], updated_at=now, **wanted))
    Establishment.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    rows_update(Establishment, to_update, [*ESTABLISHMENT_FIELDS, "updated_at"])
    return len(to_create), len(to_update)


def formations_upsert(records, establishment_ids, progress):
    existing = {
        key: (pk, catalogue_hash)
        for key, pk, catalogue_hash in Formation.objects.values_list(
            "cle_ministere_educatif", "pk", "catalogue_hash"
        )
    }
    now = timezone.now()
    to_create, to_update, unchanged = [], [], 0
    for record in records:
        pk, stored_hash = existing.get(record.cle_ministere_educatif, (None, None))
        if stored_hash == record.catalogue_hash:
            unchanged += 1
            continue
        formation = Formation(
            pk=pk,
            cle_ministere_educatif=record.cle_ministere_educatif,
            formateur_id=establishment_ids[record.formateur.siret],
            gestionnaire_id=establishment_ids[record.gestionnaire.siret],
            created_at=now,
            updated_at=now,
            **record.model_values(),
        )
        (to_create if pk is None else to_update).append(formation)
    total, done = len(to_create) + len(to_update), 0
    for batch in batches(to_create):
        rows_insert(Formation, batch, ["cle_ministere_educatif", "created_at", *FORMATION_FIELDS])
        done += len(batch)
        if progress:
            progress("Enregistrement", done, total)
    for batch in batches(to_update):
        rows_update(Formation, batch, FORMATION_FIELDS)
        done += len(batch)
        if progress:
            progress("Enregistrement", done, total)
    return len(to_create), len(to_update), unchanged


def batches(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]
