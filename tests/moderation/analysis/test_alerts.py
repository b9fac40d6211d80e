import pytest

from sirius.moderation.analysis.alerts import find_alerts
from sirius.moderation.enums import AlertKind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mon patron me harcele tous les jours", AlertKind.HARASSMENT),
        ("il se moque de moi devant tout le monde", AlertKind.HARASSMENT),
        ("pas un jour sans qu il m insulte", AlertKind.HARASSMENT),
        ("personne ne fait rien contre le harcèlement que je subis", AlertKind.HARASSMENT),
        ("le chef me met la main aux fesses", AlertKind.SEXUAL),
        ("il me demande des photos, je sais pas quoi faire", AlertKind.SEXUAL),
        ("des remarques sur mon physique tout le temps", AlertKind.SEXUAL),
        ("il ma frappé", AlertKind.VIOLENCE),
        ("on s'est fait menacer par le gérant", AlertKind.VIOLENCE),
        ("à cause de ma couleur il me parle mal", AlertKind.DISCRIMINATION),
        ("le patron est raciste", AlertKind.DISCRIMINATION),
        ("on travaille sans gants avec des produits toxiques", AlertKind.ACCIDENT),
        ("pas d'EPI sur le chantier", AlertKind.ACCIDENT),
        ("je me suis brûlé la main à la friteuse", AlertKind.ACCIDENT),
        ("je ne suis pas payé", AlertKind.WORKING_HOURS),
        ("on ne m'a jamais payé mes heures", AlertKind.WORKING_HOURS),
        ("les heures sup sont pas payées", AlertKind.WORKING_HOURS),
        ("on fait 50h par semaine", AlertKind.WORKING_HOURS),
        ("jai 16 ans et je bosse le dimanche", AlertKind.WORKING_HOURS),
        ("pas de pause de la journée", AlertKind.WORKING_HOURS),
        ("je pleure tous les soirs", AlertKind.DISTRESS),
        ("jpp de ce taf", AlertKind.DISTRESS),
        ("j'ai des idées noires", AlertKind.DISTRESS),
        ("envie d'en finir", AlertKind.DISTRESS),
        ("je n'en peux plus, burn-out", AlertKind.DISTRESS),
    ],
)
def test_danger_raises_its_alert(text, kind):
    assert kind.value in find_alerts(text).kinds


@pytest.mark.parametrize(
    "text",
    [
        "pas de harcèlement chez nous",
        "aucun problème de racisme",
        "jamais eu d'accident",
        "contre le harcèlement, le CFA fait des actions de prévention",
        "la formation sur la prévention des accidents était top",
        "ils nous apprennent les gestes de premiers secours",
        "super formation, profs au top",
        "je bosse le dimanche, c'est le métier",
        "j'ai 17 ans et j'adore la pâtisserie",
        "les heures sup sont payées",
        "au bout de deux mois j'étais à l'aise",
        "prise en charge des frais de transport",
    ],
)
def test_safe_texts_raise_no_alert(text):
    assert find_alerts(text).kinds == []


def test_terms_are_quoted_as_written():
    finding = find_alerts("Mon chef m'a FRAPPÉ hier")
    assert finding.kinds == [AlertKind.VIOLENCE.value]
    assert "FRAPPÉ" in " ".join(finding.terms)
