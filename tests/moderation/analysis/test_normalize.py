import pytest

from sirius.moderation.analysis.normalize import Lexicon, normalize, squeeze, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C'était NUUUUUL", "c etait nul"),
        ("Élève très déçu", "eleve tres decu"),
        ("c0nnard", "connard"),
        ("s@lope", "salope"),
        ("c.o.n.n.a.r.d", "connard"),
        ("p u t e", "pute"),
        ("chui pas content", "j suis pas content"),
        ("jsuis crevé", "j suis creve"),
        ("pk ct si dur", "pourquoi c etait si dur"),
        ("c nul, t nul", "c est nul t es nul"),
        ("bcp de taf tjr", "beaucoup de taf toujours"),
        ("il ma frappé", "il m a frappe"),
        ("ta mère", "ta mere"),
        ("50h par semaine", "50 h par semaine"),
        ("3ème année", "3 eme annee"),
    ],
)
def test_normalize_reads_apprentice_spelling(text, expected):
    assert normalize(text) == expected


def test_tokens_keep_offsets_in_the_original_text():
    text = "Le prof, c'est un c0nnard"
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens][-1] == "c0nnard"
    assert tokens[-1].text == "connard"
    assert tokens[0].clause != tokens[-1].clause


def test_squeeze_makes_doubled_letters_single():
    assert squeeze("connard") == squeeze("conard") == "conard"


class TestLexicon:
    lexicon = Lexicon.from_lines(
        [
            "# a comment",
            "harcel*",
            "je vais te|le|la tuer",
            "heures sup ... pas payees ; sans gants",
        ]
    )

    @pytest.mark.parametrize(
        ("text", "term"),
        [
            ("Il me harcèle", "harcel*"),
            ("HARCELEMENT", "harcel*"),
            ("je vais le tuer", "je vais te|le|la tuer"),
            ("les heures sup sont pas payées", "heures sup ... pas payees"),
            ("on bosse sans gants", "sans gants"),
        ],
    )
    def test_finds_expressions(self, text, term):
        assert [match.term for match in self.lexicon.find(text)] == [term]

    @pytest.mark.parametrize(
        "text",
        ["je vais le voir", "les heures sup. Pas payées ? si", "gants fournis", "charcuterie"],
    )
    def test_ignores_other_texts(self, text):
        assert self.lexicon.find(text) == []

    def test_match_offsets_point_at_the_written_words(self):
        text = "Franchement, je vais te tuer"
        [match] = self.lexicon.find(text)
        assert text[match.start : match.end] == "je vais te tuer"
