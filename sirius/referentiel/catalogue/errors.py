"""What goes wrong in a catalogue import, worded in French for the operator."""

from dataclasses import dataclass

MAX_VALUE_LENGTH = 80


@dataclass(frozen=True)
class RowError:
    """One problem: where (line, field), what was read (value) and why it is refused (reason).

    `line` is None for a problem with the whole file; `line_label` names what `line` counts
    (« ligne » of a file, « élément » of a JSON array).
    """

    line: int | None
    field: str
    value: str
    reason: str
    line_label: str = "ligne"

    def __str__(self):
        parts = []
        if self.line is not None:
            parts.append(f"{self.line_label.capitalize()} {self.line}")
        if self.field:
            parts.append(f"champ « {self.field} »")
        if self.field or self.value:
            parts.append(f"valeur « {shorten(self.value)} »")
        where = ", ".join(parts)
        return f"{where} : {self.reason}" if where else self.reason


class CatalogueImportError(Exception):
    """The import was refused and nothing was written; `errors` lists every problem found."""

    title = "Import du catalogue refusé"

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self):
        count = len(self.errors)
        plural = "s" if count > 1 else ""
        lines = [f"{self.title}, rien n'a été enregistré : {count} erreur{plural}."]
        lines.extend(f"- {error}" for error in self.errors)
        return "\n".join(lines)


def file_error(reason):
    return CatalogueImportError([RowError(line=None, field="", value="", reason=reason)])


def shorten(value):
    text = str(value)
    return text if len(text) <= MAX_VALUE_LENGTH else text[: MAX_VALUE_LENGTH - 1] + "…"
