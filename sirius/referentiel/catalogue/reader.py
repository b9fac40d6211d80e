"""A catalogue file → rows of (line number, {field name: value}).

CSV (`;` or `,`, UTF-8 with or without BOM, or Windows-1252 as Excel writes it), a JSON array
of objects, or JSON Lines (one object per line). Every problem with the file as a whole raises
CatalogueImportError with a French message.
"""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from .columns import field_for_header, missing_required_groups
from .errors import CatalogueImportError, RowError, file_error

JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".txt"}
SPREADSHEET_SUFFIXES = {".xls", ".xlsx", ".ods"}


@dataclass
class CatalogueFile:
    rows: list  # [(line number, {field: value}), …]
    line_label: str = "ligne"  # what the numbers count: file lines, or elements of a JSON array


def read_catalogue_file(path):
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        raise file_error(
            f"Format non pris en charge ({suffix}) : enregistrez le fichier au format CSV."
        )
    try:
        content = decode(path.read_bytes())
    except FileNotFoundError:
        raise file_error(f"Fichier introuvable : {path}") from None
    except IsADirectoryError:
        raise file_error(f"{path} est un dossier, pas un fichier.") from None
    except PermissionError:
        raise file_error(f"Lecture du fichier refusée : {path}") from None
    if not content.strip():
        raise file_error("Le fichier est vide.")
    first_character = content.lstrip()[0]
    if first_character == "[":
        return CatalogueFile(read_json_array(content), line_label="élément")
    if first_character == "{":
        return CatalogueFile(read_json_lines(content))
    if suffix in JSON_SUFFIXES:
        raise file_error("JSON invalide : un tableau d'objets ou un objet par ligne est attendu.")
    if suffix in CSV_SUFFIXES or looks_like_csv(content):
        return CatalogueFile(read_csv(content))
    raise file_error(
        "Format de fichier inconnu : un fichier CSV (séparé par « ; » ou « , ») "
        "ou JSON est attendu."
    )


def decode(data):
    """UTF-8 (BOM or not), else Windows-1252; anything else is refused."""
    if b"\x00" in data:
        raise file_error(
            "Encodage illisible : le fichier doit être en UTF-8 ou Windows-1252 "
            "(il semble être en UTF-16 ou binaire)."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise file_error(
            "Encodage illisible : le fichier doit être en UTF-8 ou Windows-1252."
        ) from None


def looks_like_csv(content):
    header = content.lstrip().partition("\n")[0]
    return ";" in header or "," in header


def detect_separator(header_line):
    return ";" if header_line.count(";") >= header_line.count(",") else ","


def read_csv(content, *, header_to_field=None, header_check=None):
    """Rows of a decoded CSV: catalogue headers by default; other imports (the contacts roster)
    pass their own header mapping and check."""
    header_to_field = header_to_field or field_for_header
    header_check = header_check or check_header
    header_line = content.lstrip("\r\n").partition("\n")[0]
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=detect_separator(header_line))
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
        if header is None:
            raise file_error("Le fichier est vide.")
        fields = [header_to_field(name) for name in header]
        header_check(fields)
        return csv_rows(reader, fields)
    except csv.Error as error:
        raise file_error(
            f"CSV illisible vers la ligne {reader.line_num} ({error}) : vérifiez les guillemets."
        ) from None


def csv_rows(reader, fields):
    rows, errors = [], []
    line = reader.line_num + 1
    for values in reader:
        if len(values) > len(fields):
            reason = (
                f"La ligne compte {len(values)} colonnes et l'en-tête {len(fields)} : "
                "vérifiez le séparateur et les guillemets."
            )
            errors.append(RowError(line, "", "", reason))
        elif any(value.strip() for value in values):
            rows.append((line, dict(zip(fields, values, strict=False))))
        line = reader.line_num + 1
    if errors:
        raise CatalogueImportError(errors)
    return rows


def check_header(fields):
    duplicates = sorted({name for name in fields if name and fields.count(name) > 1})
    if duplicates:
        raise file_error(f"Colonnes en double dans l'en-tête : {', '.join(duplicates)}.")
    missing = missing_required_groups(fields)
    if missing:
        names = "; ".join(" ou ".join(group) for group in missing)
        raise file_error(
            f"Colonnes obligatoires absentes de l'en-tête : {names}. "
            "Vérifiez que la première ligne contient les noms de colonnes."
        )


def read_json_array(content):
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        raise json_syntax_error(error) from None
    return [(index, item) for index, item in enumerate(data, start=1)]


def read_json_lines(content):
    rows = []
    for line, text in enumerate(content.splitlines(), start=1):
        if text.strip():
            try:
                rows.append((line, json.loads(text)))
            except json.JSONDecodeError as error:
                raise json_syntax_error(error, line=line) from None
    return rows


def json_syntax_error(error, line=None):
    line = line or error.lineno
    return file_error(f"JSON invalide ligne {line}, colonne {error.colno} : {error.msg}.")
