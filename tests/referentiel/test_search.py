import pytest

from sirius.referentiel.search import normalize_search_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BTS Management Commercial Opérationnel", "bts management commercial operationnel"),
        ("Côte-d'Or,  Œnologie", "cote d or oenologie"),
        ("  RNCP34825 ", "rncp34825"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_search_text(text, expected):
    assert normalize_search_text(text) == expected
