"""The open data file: one line per formation whose results are public, rewritten daily.

CSV in UTF-8 with a byte order mark and `;` separators, decimals with a comma, so that a
spreadsheet set to French opens it as is. Only formations at or above the publication threshold
appear, read through `read.summary_of` like every other public surface. The file is written
next to its final place and renamed over it: readers see the previous file or the new one,
never half a file, and a failed run leaves the previous file in place.
"""

import csv
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from sirius.referentiel.enums import region_label
from sirius.referentiel.models import Formation

from .enums import Scope
from .models import Aggregate
from .read import summary_of

FILE_NAME = "avis-formations.csv"
BATCH = 2000

COLUMNS = (
    ("cle_ministere_educatif", "Identifiant de l’offre de formation dans le catalogue"),
    ("intitule", "Intitulé de la formation"),
    ("diplome", "Diplôme ou titre préparé"),
    ("niveau", "Niveau du diplôme (3 : CAP … 7 : Master)"),
    ("cfd", "Code formation diplôme (CFD)"),
    ("rncp", "Code RNCP"),
    ("formateur_siret", "SIRET de l’établissement qui dispense la formation"),
    ("formateur_uai", "UAI de l’établissement qui dispense la formation"),
    ("formateur_nom", "Nom de l’établissement qui dispense la formation"),
    ("commune", "Commune du lieu de formation"),
    ("code_postal", "Code postal du lieu de formation"),
    ("departement", "Code du département"),
    ("code_region", "Code INSEE de la région"),
    ("region", "Nom de la région"),
    ("reponses", "Nombre de questionnaires envoyés par les apprentis"),
    ("note_moyenne", "Note moyenne de satisfaction globale sur 5, à une décimale"),
    ("nombre_notes", "Nombre d’apprentis qui ont donné cette note"),
    ("notes_1_pct", "Part des notes 1/5, en %"),
    ("notes_2_pct", "Part des notes 2/5, en %"),
    ("notes_3_pct", "Part des notes 3/5, en %"),
    ("notes_4_pct", "Part des notes 4/5, en %"),
    ("notes_5_pct", "Part des notes 5/5, en %"),
    ("commentaires_publies", "Nombre de commentaires publiés"),
    ("date_generation", "Date de production du fichier (AAAA-MM-JJ)"),
)
HEADER = [name for name, _description in COLUMNS]


def opendata_path():
    """Where the daily file lives (SIRIUS_OPENDATA_DIR, by default VAR_DIR/opendata/)."""
    return Path(settings.SIRIUS_OPENDATA_DIR) / FILE_NAME


def _decimal(value):
    return f"{value:.1f}".replace(".", ",")


def _line(formation, summary, generated_on):
    percents = [bar.percent for bar in summary.distribution] or [""] * 5
    return [
        formation.cle_ministere_educatif,
        formation.intitule,
        formation.diplome,
        formation.niveau or "",
        formation.cfd,
        formation.rncp,
        formation.formateur.siret,
        formation.formateur.uai,
        formation.formateur.name,
        formation.localite,
        formation.code_postal,
        formation.departement,
        formation.region,
        region_label(formation.region),
        summary.responses,
        _decimal(summary.score) if summary.score is not None else "",
        summary.score_count or "",
        *percents,
        summary.published_verbatims,
        generated_on,
    ]


def opendata_lines(*, generated_on=None):
    """The data lines, formation by formation in catalogue key order (public ones only)."""
    generated_on = (generated_on or timezone.localdate()).isoformat()
    public = (
        Aggregate.objects.filter(
            scope=Scope.FORMATION,
            niveau=0,
            responses__gte=settings.SIRIUS_PUBLICATION_THRESHOLD,
        )
        .order_by("key")
        .iterator(chunk_size=BATCH)
    )
    batch = []
    for aggregate in public:
        batch.append(aggregate)
        if len(batch) == BATCH:
            yield from _batch_lines(batch, generated_on)
            batch = []
    yield from _batch_lines(batch, generated_on)


def _batch_lines(aggregates, generated_on):
    formations = Formation.objects.select_related("formateur").in_bulk(
        [aggregate.key for aggregate in aggregates], field_name="cle_ministere_educatif"
    )
    for aggregate in aggregates:
        formation = formations.get(aggregate.key)
        summary = summary_of(aggregate)
        if formation is not None and summary.is_public:
            yield _line(formation, summary, generated_on)


def opendata_write(path=None, *, generated_on=None):
    """Write the file atomically (temporary file, then rename); return the number of lines."""
    path = Path(path or opendata_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream, delimiter=";")
            writer.writerow(HEADER)
            count = 0
            for line in opendata_lines(generated_on=generated_on):
                writer.writerow(line)
                count += 1
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
