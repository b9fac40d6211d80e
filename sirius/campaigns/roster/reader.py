"""A roster file (bytes) → rows of (line number, {roster field: text}).

CSV goes through the catalogue import's reader (`;` or `,`, UTF-8 with or without BOM, or
Windows-1252); XLSX through openpyxl, first sheet, where a date cell becomes « yyyy-mm-dd » and
a number its digits. Every value comes out as text, so a preview can be stored as JSON.
"""

import io
import warnings
import zipfile
from datetime import date, datetime

from openpyxl import load_workbook

from sirius.referentiel.catalogue.errors import CatalogueImportError
from sirius.referentiel.catalogue.reader import decode, read_csv

from .columns import field_for_header, header_checker
from .errors import RosterImportError, roster_file_error

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls of Excel 97-2003


def read_roster(data, *, formation_required=True):
    """The rows of a CSV or XLSX roster; raises RosterImportError for a file-wide problem."""
    check = header_checker(formation_required=formation_required)
    try:
        if data.startswith(OLE_MAGIC):
            raise roster_file_error(
                "Format .xls non pris en charge : enregistrez le fichier au format .xlsx ou CSV."
            )
        if data.startswith(ZIP_MAGIC):
            return read_xlsx(data, check)
        content = decode(data)
        if not content.strip():
            raise roster_file_error("Le fichier est vide.")
        return read_csv(content, header_to_field=field_for_header, header_check=check)
    except RosterImportError:
        raise
    except CatalogueImportError as error:  # the catalogue reader's CSV errors, same wording
        raise RosterImportError(error.errors) from None


def read_xlsx(data, check):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise roster_file_error(
            "Fichier illisible : un classeur Excel (.xlsx) ou un fichier CSV est attendu."
        ) from None
    try:
        sheet = workbook.worksheets[0]
        fields, rows = None, []
        for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            values = [cell_text(cell) for cell in cells]
            if not any(values):
                continue
            if fields is None:
                fields = [field_for_header(value) for value in values]
                check(fields)
            else:
                rows.append((line, dict(zip(fields, values, strict=False))))
    finally:
        workbook.close()
    if fields is None:
        raise roster_file_error("Le fichier est vide.")
    return rows


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
