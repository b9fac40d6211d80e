from datetime import date, datetime

import pytest

from sirius.audit.models import Event
from sirius.campaigns.models import Contact
from sirius.campaigns.roster import values
from sirius.campaigns.roster.errors import RosterImportError
from sirius.campaigns.roster.reader import read_roster
from sirius.campaigns.roster.services import contacts_import_checked
from sirius.campaigns.roster.validation import INVALID, NEW, UNCHANGED, UPDATED, roster_check
from sirius.referentiel.models import Formation
from tests.campaigns.roster_helpers import csv_bytes, xlsx_bytes
from tests.factories import EstablishmentFactory, FormationFactory, UserFactory


def check(data, *, formations=None, scoped=False, fixed_formation=None):
    rows = read_roster(data, formation_required=fixed_formation is None)
    return roster_check(
        rows,
        formations=formations if formations is not None else Formation.objects.all(),
        scoped=scoped,
        fixed_formation=fixed_formation,
    )


def reasons(result):
    return {(error.line, error.field): error.reason for error in result.errors}


class TestValues:
    @pytest.mark.parametrize(
        "text, stored",
        [
            ("06 12 34 56 78", "+33612345678"),
            ("06.12.34.56.78", "+33612345678"),
            ("06-12-34-56-78", "+33612345678"),
            ("+33 6 12 34 56 78", "+33612345678"),
            ("0033612345678", "+33612345678"),
            ("612345678", "+33612345678"),  # an Excel number cell dropped the 0
            ("", ""),
        ],
    )
    def test_phone_accepted(self, text, stored):
        assert values.phone(text) == stored

    @pytest.mark.parametrize("text", ["0612", "00 12 34 56 78", "+44 7911 123456", "06123456789"])
    def test_phone_refused(self, text):
        with pytest.raises(values.InvalidValue, match="Numéro de téléphone invalide"):
            values.phone(text)

    def test_email_is_lower_cased(self):
        assert values.email("  Lea.Martin@Example.FR ") == "lea.martin@example.fr"

    @pytest.mark.parametrize("text", ["lea", "lea@", "@example.fr", "lea martin@example.fr"])
    def test_email_refused(self, text):
        with pytest.raises(values.InvalidValue, match="Adresse e-mail invalide"):
            values.email(text)

    @pytest.mark.parametrize(
        "text, parsed",
        [
            ("01/09/2025", date(2025, 9, 1)),
            ("1/9/2025", date(2025, 9, 1)),
            ("2025-09-01", date(2025, 9, 1)),
            ("2025-09-01 00:00:00", date(2025, 9, 1)),
            ("", None),
        ],
    )
    def test_dates(self, text, parsed):
        assert values.contract_date(text) == parsed

    @pytest.mark.parametrize("text", ["31/02/2025", "septembre 2025", "2025/09", "01/09/1850"])
    def test_unreadable_dates(self, text):
        with pytest.raises(values.InvalidValue):
            values.contract_date(text)


@pytest.mark.django_db
class TestReading:
    def test_french_headers_semicolon_bom(self):
        rows = read_roster(
            csv_bytes([["a@example.fr", "", "Léa", "K1", "01/09/2025", ""]], bom=True)
        )
        assert rows == [
            (
                2,
                {
                    "email": "a@example.fr",
                    "phone": "",
                    "first_name": "Léa",
                    "formation": "K1",
                    "contract_start": "01/09/2025",
                    "contract_end": "",
                },
            )
        ]

    def test_english_headers_comma_any_case(self):
        header = ["E-Mail", "Phone", "First_Name", "CFD", "Contract Start", "CONTRACT_END"]
        rows = read_roster(
            csv_bytes([["a@x.fr", "", "Tom", "32022310", "", ""]], header=header, separator=",")
        )
        assert rows[0][1]["first_name"] == "Tom"
        assert rows[0][1]["formation"] == "32022310"

    @pytest.mark.parametrize(
        "header",
        [
            [
                "Adresse e-mail",
                "Portable",
                "Prénom",
                "Clé ministère éducatif",
                "Date de début",
                "Date de fin",
            ],
            [
                "COURRIEL",
                "TELEPHONE",
                "PRENOM",
                "cle_ministere_educatif",
                "debut_contrat",
                "fin_contrat",
            ],
        ],
    )
    def test_header_aliases(self, header):
        rows = read_roster(csv_bytes([["a@x.fr", "0612345678", "Zoé", "K", "", ""]], header=header))
        assert rows[0][1] == {
            "email": "a@x.fr",
            "phone": "0612345678",
            "first_name": "Zoé",
            "formation": "K",
            "contract_start": "",
            "contract_end": "",
        }

    def test_windows_1252(self):
        data = csv_bytes([["a@x.fr", "", "Hélène", "K", "", ""]], encoding="cp1252")
        assert read_roster(data)[0][1]["first_name"] == "Hélène"

    def test_unknown_columns_are_ignored(self):
        header = ["Nom", "email", "formation", "Classe"]
        rows = read_roster(csv_bytes([["Martin", "a@x.fr", "K", "2A"]], header=header))
        assert rows[0][1] == {"email": "a@x.fr", "formation": "K", "": "2A"}

    def test_xlsx_with_date_cells_and_number_phone(self):
        data = xlsx_bytes(
            [["a@x.fr", 612345678, "Léa", "K", datetime(2025, 9, 1), datetime(2027, 8, 31)]]
        )
        assert read_roster(data) == [
            (
                2,
                {
                    "email": "a@x.fr",
                    "phone": "612345678",
                    "first_name": "Léa",
                    "formation": "K",
                    "contract_start": "2025-09-01",
                    "contract_end": "2027-08-31",
                },
            )
        ]

    def test_missing_columns(self):
        with pytest.raises(RosterImportError) as refused:
            read_roster(csv_bytes([["Léa"]], header=["prénom"]))
        message = str(refused.value)
        assert "Import des contacts refusé" in message
        assert "email ou téléphone" in message
        assert "formation" in message

    def test_formation_column_optional_with_a_chosen_formation(self):
        rows = read_roster(csv_bytes([["a@x.fr"]], header=["email"]), formation_required=False)
        assert rows == [(2, {"email": "a@x.fr"})]

    @pytest.mark.parametrize(
        "data, reason",
        [
            (b"", "Le fichier est vide."),
            (b"\xd0\xcf\x11\xe0rest", "Format .xls non pris en charge"),
            (b"PK\x03\x04not a zip", "Fichier illisible"),
            (b"email;email\na;b\n", "Colonnes en double"),
        ],
    )
    def test_file_errors(self, data, reason):
        with pytest.raises(RosterImportError, match=reason):
            read_roster(data)


@pytest.mark.django_db
class TestRowChecks:
    @pytest.fixture
    def formation(self):
        return FormationFactory(cfd="32022310")

    def test_valid_rows(self, formation):
        result = check(
            csv_bytes(
                [
                    [
                        "Lea@X.fr",
                        "06 12 34 56 78",
                        "Léa",
                        formation.cle_ministere_educatif,
                        "01/09/2025",
                        "31/08/2027",
                    ],
                    ["", "07.12.34.56.78", "", formation.cfd, "2025-09-01", ""],
                ]
            )
        )
        assert result.errors == []
        first, second = result.rows
        assert (first.email, first.phone, first.first_name) == ("lea@x.fr", "+33612345678", "Léa")
        assert (first.contract_start, first.contract_end) == (date(2025, 9, 1), date(2027, 8, 31))
        assert second.formation_id == formation.pk
        assert [row.status for row in result.rows] == [NEW, NEW]

    def test_each_problem_with_line_field_value_reason(self, formation):
        key = formation.cle_ministere_educatif
        result = check(
            csv_bytes(
                [
                    ["pas-une-adresse", "", "", key, "", ""],  # 2
                    ["a@x.fr", "12345", "", key, "", ""],  # 3
                    ["", "", "Léa", key, "", ""],  # 4
                    ["b@x.fr", "", "", "INCONNUE", "", ""],  # 5
                    ["c@x.fr", "", "", key, "le 1er septembre", ""],  # 6
                    ["d@x.fr", "", "", key, "01/09/2025", "31/08/2025"],  # 7
                    ["e@x.fr", "", "", key, "01/09/2025", ""],  # 8
                    ["E@x.fr ", "", "", key, "2025-09-01", ""],  # 9: same as line 8
                    ["f@x.fr", "", "", "", "", ""],  # 10
                ]
            )
        )
        problems = reasons(result)
        assert problems[(2, "email")] == "Adresse e-mail invalide."
        assert problems[(3, "téléphone")].startswith("Numéro de téléphone invalide")
        assert problems[(4, "email")].startswith("Ni adresse e-mail ni téléphone")
        assert problems[(5, "formation")].startswith("Formation inconnue")
        assert problems[(6, "début du contrat")].startswith("Date illisible")
        assert problems[(7, "fin du contrat")].endswith("dates dans le mauvais ordre.")
        assert problems[(9, "email")] == (
            "Doublon dans le fichier : même adresse e-mail, même formation et même début de "
            "contrat qu'à la ligne 8 (lignes 8 et 9)."
        )
        assert problems[(10, "formation")].startswith("Formation manquante")
        assert (8, "email") not in problems
        assert [row.line for row in result.rows if row.status == INVALID] == [
            2,
            3,
            4,
            5,
            6,
            7,
            9,
            10,
        ]
        error = next(error for error in result.errors if error.line == 5)
        assert str(error) == (
            "Ligne 5, champ « formation », valeur « INCONNUE » : Formation inconnue : ni clé "
            "ministère éducatif ni code CFD du catalogue."
        )

    def test_scope(self, formation):
        establishment = EstablishmentFactory()
        mine = FormationFactory(formateur=establishment, cfd="40025214")
        user = UserFactory(establishments=[establishment])
        result = check(
            csv_bytes(
                [
                    ["a@x.fr", "", "", mine.cle_ministere_educatif, "", ""],
                    ["b@x.fr", "", "", formation.cle_ministere_educatif, "", ""],
                    ["c@x.fr", "", "", formation.cfd, "", ""],
                    ["d@x.fr", "", "", mine.cfd.lower(), "", ""],
                ]
            ),
            formations=Formation.objects.visible_to(user),
            scoped=True,
        )
        problems = reasons(result)
        assert problems == {
            (3, "formation"): "Cette formation n'est pas rattachée à vos établissements.",
            (4, "formation"): "Cette formation n'est pas rattachée à vos établissements.",
        }
        assert result.rows[3].formation_id == mine.pk

    def test_ambiguous_cfd(self):
        establishment = EstablishmentFactory()
        FormationFactory(formateur=establishment, cfd="50033402")
        FormationFactory(formateur=establishment, cfd="50033402")
        user = UserFactory(establishments=[establishment])
        result = check(
            csv_bytes([["a@x.fr", "", "", "50033402", "", ""]]),
            formations=Formation.objects.visible_to(user),
            scoped=True,
        )
        assert reasons(result)[(2, "formation")].startswith("Code CFD ambigu : il correspond à 2")

    def test_chosen_formation_fills_empty_cells(self, formation):
        other = FormationFactory()
        result = check(
            csv_bytes(
                [
                    ["a@x.fr", "", "", "", "", ""],
                    ["b@x.fr", "", "", other.cle_ministere_educatif, "", ""],
                ]
            ),
            fixed_formation=formation,
        )
        assert [row.formation_id for row in result.rows] == [formation.pk, other.pk]

    def test_known_contacts_unchanged_or_updated(self, formation):
        Contact.objects.create(
            formation=formation, email="a@x.fr", phone="", first_name="Léa",
            contract_start=date(2025, 9, 1),
        )  # fmt: skip
        Contact.objects.create(formation=formation, email="b@x.fr", first_name="Tom")
        key = formation.cle_ministere_educatif
        result = check(
            csv_bytes(
                [
                    ["a@x.fr", "", "Léa", key, "01/09/2025", ""],
                    ["b@x.fr", "0612345678", "", key, "", ""],
                    ["a@x.fr", "", "Léa", key, "01/09/2026", ""],  # another contract
                ]
            )
        )
        assert [row.status for row in result.rows] == [UNCHANGED, UPDATED, NEW]


@pytest.mark.django_db
class TestImport:
    def test_writes_new_updates_changed_and_records_counts(self):
        formation = FormationFactory()
        stored = Contact.objects.create(formation=formation, email="b@x.fr", first_name="Tom")
        user = UserFactory(establishments=[formation.formateur])
        key = formation.cle_ministere_educatif
        result = check(
            csv_bytes(
                [
                    ["a@x.fr", "06 12 34 56 78", "Léa", key, "01/09/2025", "31/08/2027"],
                    ["b@x.fr", "0712345678", "", key, "", ""],
                    ["", "0612345679", "", key, "01/09/2025", ""],
                    ["", "0612345670", "", key, "01/09/2025", ""],
                    ["invalide", "", "", key, "", ""],
                ]
            )
        )

        summary = contacts_import_checked(result, actor=user, valid_only=True)

        assert (summary.created, summary.updated, summary.unchanged, summary.refused) == (
            3,
            1,
            0,
            1,
        )
        created = Contact.objects.get(email="a@x.fr")
        assert created.phone == "+33612345678"
        assert created.contract_end == date(2027, 8, 31)
        assert created.imported_by == user
        assert created.created_at is not None
        stored.refresh_from_db()
        assert (stored.phone, stored.first_name) == ("+33712345678", "Tom")  # empty cell kept
        assert Contact.objects.filter(email="").count() == 2  # two phone-only contacts
        event = Event.objects.get(verb="contacts.imported")
        assert event.actor == user
        assert event.data == {
            "created": 3,
            "updated": 1,
            "unchanged": 0,
            "refused": 1,
            "formations": 1,
        }

    def test_all_or_nothing_refuses_a_file_with_one_bad_row(self):
        formation = FormationFactory()
        key = formation.cle_ministere_educatif
        result = check(csv_bytes([["a@x.fr", "", "", key, "", ""], ["x", "", "", key, "", ""]]))

        with pytest.raises(RosterImportError) as refused:
            contacts_import_checked(result, valid_only=False)

        assert "Ligne 3, champ « email », valeur « x » : Adresse e-mail invalide." in str(
            refused.value
        )
        assert not Contact.objects.exists()
        assert not Event.objects.filter(verb="contacts.imported").exists()
