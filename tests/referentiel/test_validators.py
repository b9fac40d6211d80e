import pytest
from django.core.exceptions import ValidationError

from sirius.referentiel.validators import (
    complete_siret,
    complete_uai,
    normalize_rncp,
    validate_cfd,
    validate_rncp,
    validate_siret,
    validate_uai,
)


class TestSiret:
    @pytest.mark.parametrize(
        "siret",
        ["73282932000074", "732 829 320 00074", "35600000049837", "35600000000048"],
    )
    def test_accepts_valid_sirets(self, siret):
        validate_siret(siret)

    @pytest.mark.parametrize(
        ("siret", "code"),
        [
            ("73282932000075", "siret_checksum"),
            ("35600000049838", "siret_checksum"),  # La Poste: digit sum not a multiple of 5
            ("7328293200007", "siret_format"),
            ("7328293200007A", "siret_format"),
            ("", "siret_format"),
        ],
    )
    def test_refuses_invalid_sirets_with_a_french_message(self, siret, code):
        with pytest.raises(ValidationError) as caught:
            validate_siret(siret)
        assert caught.value.code == code
        assert "SIRET" in caught.value.messages[0]

    def test_complete_siret_gives_a_valid_siret(self):
        validate_siret(complete_siret("1234567890123"))


class TestUai:
    @pytest.mark.parametrize("uai", ["0010001W", "0010001w", " 0010001W ", complete_uai("0751234")])
    def test_accepts_valid_uais(self, uai):
        validate_uai(uai)

    @pytest.mark.parametrize(
        ("uai", "code"),
        [("0010001A", "uai_checksum"), ("001000W", "uai_format"), ("00100012", "uai_format")],
    )
    def test_refuses_invalid_uais(self, uai, code):
        with pytest.raises(ValidationError) as caught:
            validate_uai(uai)
        assert caught.value.code == code
        assert "UAI" in caught.value.messages[0]


class TestCfdAndRncp:
    @pytest.mark.parametrize("cfd", ["32031213", "4602340a", "500 31217"])
    def test_accepts_valid_cfds(self, cfd):
        validate_cfd(cfd)

    @pytest.mark.parametrize("cfd", ["3203121", "320312134", "3203-213", ""])
    def test_refuses_invalid_cfds(self, cfd):
        with pytest.raises(ValidationError, match="CFD"):
            validate_cfd(cfd)

    @pytest.mark.parametrize("rncp", ["RNCP34825", "rncp34825", "34825", "RNCP 348"])
    def test_accepts_valid_rncp_codes(self, rncp):
        validate_rncp(rncp)

    @pytest.mark.parametrize("rncp", ["RNCP", "RS5432", "RNCP34825B", "RNCP1234567"])
    def test_refuses_invalid_rncp_codes(self, rncp):
        with pytest.raises(ValidationError, match="RNCP"):
            validate_rncp(rncp)

    def test_rncp_digits_get_their_prefix(self):
        assert normalize_rncp("34825") == "RNCP34825"
        assert normalize_rncp(" rncp34825 ") == "RNCP34825"
