import pytest

from sirius.moderation.analysis import AnalysisContext, Span
from sirius.moderation.analysis.masking import mask
from sirius.moderation.analysis.personal_data import find_personal_data


def span(text, piece, kind, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return Span(kind=kind, start=start, end=start + len(piece), text=piece)


class TestMask:
    def test_each_kind_gets_its_placeholder(self):
        text = "Léa : lea@free.fr, 06 12 34 56 78, www.lea.fr, @lea_nails, 3 rue des Lilas"
        spans = find_personal_data(text, AnalysisContext())
        assert mask(text, spans) == (
            "[prénom] : [e-mail], [téléphone], [lien], [pseudo], [adresse]"
        )

    def test_a_surname_after_a_title_becomes_nom(self):
        text = "la prof de maths mme durand et M. Dupont, avec kevin"
        assert mask(text, find_personal_data(text)) == (
            "la prof de maths mme [nom] et M. [nom], avec [prénom]"
        )

    def test_text_without_spans_is_unchanged(self):
        assert mask("Très bonne formation.", []) == "Très bonne formation."

    def test_overlapping_spans_are_masked_once(self):
        text = "contactez Kevin Martin demain"
        spans = [span(text, "Kevin Martin", "name"), span(text, "Martin demain", "name")]
        assert mask(text, spans) == "contactez [prénom]"

    def test_another_occurrence_of_a_span_is_masked_too(self):
        text = "Kevin est top, merci KEVIN, vive kevin"
        assert mask(text, [span(text, "Kevin", "name")]) == (
            "[prénom] est top, merci [prénom], vive [prénom]"
        )

    def test_a_name_inside_another_word_is_left_alone(self):
        text = "Léo adore Léonard"
        assert mask(text, [span(text, "Léo", "name")]) == "[prénom] adore Léonard"


@pytest.mark.parametrize(
    "text",
    [
        "Kevin Martin (06 12 34 56 78) : kevin.martin@gmail.com, kevin encore",
        "mon maitre d'apprentissage jean-marc est top, jean-marc m'a tout appris",
        "M. et Mme Roux au 3 bis avenue Jean Jaurès 69003 Lyon, merci Mme Roux",
        "insta @lea_nails_art et snap: lea.nails, site lea-nails.fr, tel 0645789123 0645789123",
        "Merci Mme Rousseau ! et allez voir mon insta @julie.fleurs",
        "la formatrice sandrine est top et le formateur éric aussi, sandrine surtout",
    ],
)
def test_the_masked_copy_contains_no_detected_span(text):
    spans = find_personal_data(text, AnalysisContext())
    masked = mask(text, spans)
    assert spans
    for found in spans:
        assert found.text not in masked
