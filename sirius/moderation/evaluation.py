"""Measure the analysis against a labelled CSV: precision, recall and F1 per flag.

The file has one text per row and the header `text,personal_data,insult,alert,themes`
(see `tests/data/README.md`). Every value is checked before anything runs, so that a typo in a
label is reported with its line and column instead of silently lowering a score.
"""

import csv
import time
from dataclasses import dataclass
from pathlib import Path

from .enums import PersonalDataKind, Theme

COLUMNS = ("text", "personal_data", "insult", "alert", "themes")
PERSONAL_DATA = "personal_data"
INSULT = "insult"
ALERT = "alert"
# The flags the issue sets targets on (recall ≥ 0.95, precision ≥ 0.8).
GATED_FLAGS = (PERSONAL_DATA, ALERT)


def kind_flag(kind):
    return f"{PERSONAL_DATA}:{kind}"


def theme_flag(theme):
    return f"theme:{theme}"


# Every flag scored, in the order the report prints them.
FLAGS = (
    PERSONAL_DATA,
    *(kind_flag(kind) for kind in PersonalDataKind.values),
    INSULT,
    ALERT,
    *(theme_flag(theme) for theme in Theme.values),
)


class LabelledFileError(ValueError):
    """A labelled file that cannot be read; the message says where and why, in French."""

    def __init__(self, reason, *, line=None, column=None, value=None):
        self.reason, self.line, self.column, self.value = reason, line, column, value
        where = []
        if line is not None:
            where.append(f"ligne {line}")
        if column is not None:
            where.append(f"colonne « {column} »")
        if value is not None:
            where.append(f"valeur « {value} »")
        super().__init__(f"{', '.join(where)} : {reason}" if where else reason)


@dataclass(frozen=True)
class LabelledText:
    line: int  # the line of the file where the row ends, for error lists
    text: str
    personal_data: frozenset[str]
    insult: bool
    alert: bool
    themes: frozenset[str]

    def flags(self):
        return expected_flags(self.personal_data, self.insult, self.alert, self.themes)


def expected_flags(personal_data, insult, alert, themes):
    """The set of flag names raised by these labels (or by an analysis' findings)."""
    flags = {kind_flag(kind) for kind in personal_data}
    if personal_data:
        flags.add(PERSONAL_DATA)
    if insult:
        flags.add(INSULT)
    if alert:
        flags.add(ALERT)
    flags.update(theme_flag(theme) for theme in themes)
    return flags


def found_flags(analysis):
    return expected_flags(
        analysis.personal_data_kinds,
        analysis.insult,
        analysis.alert,
        [theme.theme for theme in analysis.themes],
    )


def _parse_choices(value, allowed, *, line, column):
    if not value.strip():
        return frozenset()
    items = [item.strip() for item in value.split("|")]
    for item in items:
        if item not in allowed:
            expected = ", ".join(allowed)
            raise LabelledFileError(
                f"« {item} » n'est pas une valeur connue (valeurs possibles : {expected}, "
                "séparées par « | », ou vide)",
                line=line,
                column=column,
                value=value,
            )
    if len(set(items)) != len(items):
        raise LabelledFileError("une valeur est répétée", line=line, column=column, value=value)
    return frozenset(items)


def _parse_bool(value, *, line, column):
    if value.strip() not in ("0", "1"):
        raise LabelledFileError("attendu 0 ou 1", line=line, column=column, value=value)
    return value.strip() == "1"


def _check_header(header):
    if header is None:
        raise LabelledFileError("le fichier est vide (en-tête attendu : " + ",".join(COLUMNS) + ")")
    names = [name.strip() for name in header]
    if names != list(COLUMNS):
        raise LabelledFileError(
            f"en-tête « {','.join(header)} » inattendu ; "
            f"attendu exactement « {','.join(COLUMNS)} »",
            line=1,
        )


def parse_labelled(lines):
    """Labelled texts from an iterable of CSV lines; `LabelledFileError` on the first fault."""
    reader = csv.reader(lines)
    try:
        _check_header(next(reader, None))
        rows = []
        for row in reader:
            line = reader.line_num
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != len(COLUMNS):
                raise LabelledFileError(
                    f"{len(row)} colonnes au lieu de {len(COLUMNS)} "
                    "(un texte qui contient une virgule doit être entre guillemets)",
                    line=line,
                )
            text, personal_data, insult, alert, themes = row
            if not text.strip():
                raise LabelledFileError("le texte est vide", line=line, column="text")
            rows.append(
                LabelledText(
                    line=line,
                    text=text,
                    personal_data=_parse_choices(
                        personal_data, PersonalDataKind.values, line=line, column="personal_data"
                    ),
                    insult=_parse_bool(insult, line=line, column="insult"),
                    alert=_parse_bool(alert, line=line, column="alert"),
                    themes=_parse_choices(themes, Theme.values, line=line, column="themes"),
                )
            )
    except csv.Error as error:
        raise LabelledFileError(f"CSV mal formé ({error})", line=reader.line_num) from error
    if not rows:
        raise LabelledFileError("aucun texte après l'en-tête")
    return rows


def read_labelled(path):
    """Labelled texts of the UTF-8 CSV file at `path` (a byte-order mark is accepted)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as file:
            return parse_labelled(file)
    except FileNotFoundError as error:
        raise LabelledFileError(f"fichier introuvable : {path}") from error
    except UnicodeDecodeError as error:
        raise LabelledFileError(
            f"le fichier {path} n'est pas en UTF-8 (octet {error.start})"
        ) from error


@dataclass(frozen=True)
class FlagScore:
    flag: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def support(self):
        """How many texts carry the flag in the labels."""
        return self.true_positives + self.false_negatives

    @property
    def precision(self):
        """None when the analysis never raised the flag."""
        raised = self.true_positives + self.false_positives
        return self.true_positives / raised if raised else None

    @property
    def recall(self):
        """None when no text carries the flag."""
        return self.true_positives / self.support if self.support else None

    @property
    def f1(self):
        precision, recall = self.precision, self.recall
        if precision is None or recall is None:
            return None
        if precision + recall == 0:
            return 0.0
        return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class Misclassified:
    line: int
    text: str
    missed: tuple[str, ...]  # flags in the labels the analysis did not raise
    unexpected: tuple[str, ...]  # flags the analysis raised that the labels do not have


@dataclass(frozen=True)
class EvaluationReport:
    texts: int
    seconds: float
    scores: tuple[FlagScore, ...]
    misclassified: tuple[Misclassified, ...]

    def score(self, flag):
        return next(score for score in self.scores if score.flag == flag)

    def shortfalls(self, *, min_recall=None, min_precision=None, flags=GATED_FLAGS):
        """French sentences naming each gated flag whose recall or precision is under target."""
        found = []
        for flag in flags:
            score = self.score(flag)
            if min_recall is not None and (score.recall or 0.0) < min_recall:
                found.append(f"{flag} : rappel {format_ratio(score.recall)} < {min_recall:.2f}")
            if min_precision is not None and (score.precision or 0.0) < min_precision:
                found.append(
                    f"{flag} : précision {format_ratio(score.precision)} < {min_precision:.2f}"
                )
        return found


def format_ratio(value):
    return "—" if value is None else f"{value:.2f}"


def evaluate(labelled, analyse=None, context=None):
    """Run `analyse` (by default `analyse_text`) on each labelled text and score every flag."""
    if analyse is None:
        from .analysis import analyse_text as analyse
    counts = {flag: [0, 0, 0] for flag in FLAGS}  # true positives, false positives, false negatives
    misclassified = []
    start = time.perf_counter()
    for row in labelled:
        expected = row.flags()
        found = found_flags(analyse(row.text, context))
        for flag in expected & found:
            counts[flag][0] += 1
        for flag in found - expected:
            counts.setdefault(flag, [0, 0, 0])[1] += 1
        for flag in expected - found:
            counts[flag][2] += 1
        if expected != found:
            misclassified.append(
                Misclassified(
                    line=row.line,
                    text=row.text,
                    missed=_in_report_order(expected - found),
                    unexpected=_in_report_order(found - expected),
                )
            )
    return EvaluationReport(
        texts=len(labelled),
        seconds=time.perf_counter() - start,
        scores=tuple(FlagScore(flag, *counts[flag]) for flag in _in_report_order(counts)),
        misclassified=tuple(misclassified),
    )


def _in_report_order(flags):
    order = {flag: index for index, flag in enumerate(FLAGS)}
    return tuple(sorted(flags, key=lambda flag: (order.get(flag, len(order)), flag)))


def evaluate_file(path, analyse=None, context=None):
    return evaluate(read_labelled(path), analyse=analyse, context=context)
