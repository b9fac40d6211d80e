"""The moderation indicators page (figures computed in sirius/moderation/indicators.py)."""

from django.shortcuts import render

from sirius.moderation.indicators import moderation_indicators

from ..access import moderator_required

TITLE = "Indicateurs de modération"


def duration_label(delay):
    """« 2 j 3 h », « 5 h 20 min », « 12 min », « moins d'une minute », or « — » for None."""
    if delay is None:
        return "—"
    minutes = int(delay.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} j {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min" if minutes else "moins d'une minute"


def percent_label(part, whole):
    return f"{round(100 * part / whole)} %" if whole else "—"


@moderator_required
def indicators_page(request):
    figures = moderation_indicators()
    tone_rows = [
        {"row": row, "rate": percent_label(row.rejected, row.decided)} for row in figures["by_tone"]
    ]
    return render(
        request,
        "backoffice/indicators.html",
        {
            "title": TITLE,
            "figures": figures,
            "oldest_pending_age": duration_label(figures["oldest_pending_age"]),
            "median_all": duration_label(figures["median_all"]),
            "median_human": duration_label(figures["median_human"]),
            "automatic_share": percent_label(
                figures["automatic_publications"], figures["publications"]
            ),
            "tone_rows": tone_rows,
            "breadcrumb_data": {"links": [], "current": TITLE},
        },
    )
