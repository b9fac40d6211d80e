"""`manage.py evaluate_moderation PATH`: precision and recall of the analysis on a labelled CSV."""

from django.core.management.base import BaseCommand, CommandError

from sirius.moderation.analysis import AnalysisContext
from sirius.moderation.evaluation import (
    GATED_FLAGS,
    LabelledFileError,
    evaluate,
    format_ratio,
    read_labelled,
)

BAD_FILE = 2
TARGET_MISSED = 1


class Command(BaseCommand):
    help = (
        "Mesure l'analyse des textes sur un fichier CSV étiqueté (en-tête "
        "text,personal_data,insult,alert,themes) : précision, rappel et F1 par indicateur. "
        "Code de sortie 1 si un seuil --min-recall ou --min-precision n'est pas atteint pour les "
        "données personnelles ou les alertes, 2 si le fichier est invalide."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier CSV étiqueté (UTF-8)")
        parser.add_argument(
            "--errors",
            nargs="*",
            metavar="INDICATEUR",
            help=(
                "Affiche les lignes mal classées ; avec des noms (personal_data, alert, insult, "
                "theme…), seulement les erreurs sur les indicateurs qui commencent ainsi."
            ),
        )
        for option, what in (("--min-recall", "rappel"), ("--min-precision", "précision")):
            parser.add_argument(
                option,
                type=float,
                default=None,
                metavar="SEUIL",
                help=f"{what.capitalize()} minimal exigé pour {' et '.join(GATED_FLAGS)} (0 à 1).",
            )
        parser.add_argument(
            "--context",
            action="append",
            default=[],
            metavar="TERME",
            help="Nom à ne pas traiter comme une donnée personnelle ; option répétable.",
        )

    def handle(self, *args, path, errors, min_recall, min_precision, context, **options):
        try:
            labelled = read_labelled(path)
        except LabelledFileError as error:
            message = f"Fichier étiqueté invalide : {error}"
            raise CommandError(message, returncode=BAD_FILE) from error
        report = evaluate(labelled, context=AnalysisContext(allowed_terms=tuple(context)))
        self._print_table(report)
        if errors is not None:
            self._print_errors(report, errors)
        shortfalls = report.shortfalls(min_recall=min_recall, min_precision=min_precision)
        if shortfalls:
            raise CommandError(
                "Objectifs non atteints : " + " ; ".join(shortfalls), returncode=TARGET_MISSED
            )

    def _print_table(self, report):
        rate = report.texts / report.seconds if report.seconds else 0.0
        self.stdout.write(
            f"{report.texts} textes analysés en {report.seconds:.1f} s ({rate:.0f} textes/s)\n"
        )
        header = f"{'indicateur':<36} {'support':>7} {'précision':>9} {'rappel':>6} {'F1':>5}"
        self.stdout.write(header + f" {'VP':>4} {'FP':>4} {'FN':>4}")
        self.stdout.write("-" * (len(header) + 15))
        for score in report.scores:
            self.stdout.write(
                f"{score.flag:<36} {score.support:>7} {format_ratio(score.precision):>9} "
                f"{format_ratio(score.recall):>6} {format_ratio(score.f1):>5} "
                f"{score.true_positives:>4} {score.false_positives:>4} {score.false_negatives:>4}"
            )

    def _print_errors(self, report, prefixes):
        def kept(flags):
            return [flag for flag in flags if not prefixes or flag.startswith(tuple(prefixes))]

        self.stdout.write("\nLignes mal classées :")
        for error in report.misclassified:
            missed, unexpected = kept(error.missed), kept(error.unexpected)
            if not missed and not unexpected:
                continue
            parts = []
            if missed:
                parts.append("manqué " + ", ".join(missed))
            if unexpected:
                parts.append("en trop " + ", ".join(unexpected))
            self.stdout.write(f"ligne {error.line} : {' ; '.join(parts)}\n  {error.text}")
