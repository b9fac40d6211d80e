"""`manage.py analyze_texts`: analyse texts read on standard input, one JSON object per line."""

import json
import sys

from django.core.management.base import BaseCommand

from sirius.moderation.analysis import AnalysisContext, analyse_text


class Command(BaseCommand):
    help = (
        "Analyse des textes lus sur l'entrée standard, un par ligne (lignes vides ignorées), "
        "et écrit pour chacun une ligne JSON : données personnelles, insulte, alerte, thèmes, "
        "texte masqué. C'est la même analyse que celle des verbatims."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "--context",
            action="append",
            default=[],
            metavar="TERME",
            help=(
                "Nom à ne pas traiter comme une donnée personnelle (établissement, commune) ; "
                "option répétable."
            ),
        )

    def handle(self, *args, context, **options):
        stream = options.get("stdin") or sys.stdin
        if stream is sys.stdin and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
        analysis_context = AnalysisContext(allowed_terms=tuple(context))
        for line in stream:
            text = line.rstrip("\r\n")
            if not text.strip():
                continue
            summary = analyse_text(text, analysis_context).summary()
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            self.stdout.flush()
