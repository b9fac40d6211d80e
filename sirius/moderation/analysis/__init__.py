"""Local analysis of one free text: personal data, abuse, alerts, themes and tone, « pépite ».

The analysis proposes; it never rewrites. `analyse_text` is the one entry point, used by the
background task, by `analyze_texts` and by `evaluate_moderation`, so that what is measured is
what runs. Each analyser lives in its own module:

- `personal_data.find_personal_data(text, context)` → spans (patterns, phonenumbers, spaCy names)
- `masking.mask(text, spans)` → the masked copy (placeholders from `enums.PLACEHOLDERS`)
- `abuse.find_abuse(text)` → insult (abuse aimed at a person, slurs, threats) vs. mere vulgarity
- `alerts.find_alerts(text)` → kinds of danger for the apprentice (recall first)
- `themes.find_themes(text)` → themes with a tone; `themes.is_pepite(...)` → highlight suggestion
"""

from .result import AnalysisContext, Span, TextAnalysis, ThemeTone

__all__ = ["AnalysisContext", "Span", "TextAnalysis", "ThemeTone", "analyse_text"]


def analyse_text(text, context=None):
    from . import abuse, alerts, masking, personal_data, themes

    context = context or AnalysisContext()
    spans = personal_data.find_personal_data(text, context)
    abuse_finding = abuse.find_abuse(text)
    alert_finding = alerts.find_alerts(text)
    found_themes = themes.find_themes(text)
    flagged = bool(spans or abuse_finding.insult or alert_finding.kinds)
    pepite = themes.is_pepite(text, found_themes, flagged=flagged)
    return TextAnalysis(
        spans=spans,
        masked=masking.mask(text, spans),
        insult=abuse_finding.insult,
        vulgar=abuse_finding.vulgar,
        insult_terms=abuse_finding.terms,
        alert_kinds=alert_finding.kinds,
        alert_terms=alert_finding.terms,
        themes=found_themes,
        pepite=pepite,
    )
