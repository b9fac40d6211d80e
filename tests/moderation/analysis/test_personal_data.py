import itertools

import pytest

from sirius.moderation.analysis import AnalysisContext
from sirius.moderation.analysis.personal_data import find_personal_data


def found(text, context=None):
    return [(span.kind, span.text) for span in find_personal_data(text, context)]


def kinds(text, context=None):
    return {kind for kind, _ in found(text, context)}


class TestSpans:
    def test_spans_are_sorted_disjoint_and_point_into_the_original_text(self):
        text = "Écris à Léa (lea.martin@gmail.com) ou au 06 12 34 56 78, 3 rue des Lilas 69003 Lyon"
        spans = find_personal_data(text, AnalysisContext())
        assert [span.kind for span in spans] == ["name", "email", "phone", "address"]
        for span in spans:
            assert text[span.start : span.end] == span.text
        for before, after in itertools.pairwise(spans):
            assert before.end <= after.start

    def test_context_is_optional(self):
        assert found("rien à signaler") == []


class TestPhones:
    @pytest.mark.parametrize(
        "text, number",
        [
            ("appelle moi au 06 12 34 56 78", "06 12 34 56 78"),
            ("mon num 0645789123 si t'as des questions", "0645789123"),
            ("le salon : 04.77.32.18.90", "04.77.32.18.90"),
            ("appelez le 07-81-22-43-65", "07-81-22-43-65"),
            ("+33 6 98 76 54 32 pour les infos", "+33 6 98 76 54 32"),
            ("whatsapp +33698765432", "+33698765432"),
            ("Tel : 0033 6 11 22 33 44", "0033 6 11 22 33 44"),
            ("écris au 06 12 345 678 stp", "06 12 345 678"),
            ("fixe 01 42 68 53 00", "01 42 68 53 00"),
        ],
    )
    def test_french_ways_of_writing_a_number(self, text, number):
        assert found(text) == [("phone", number)]

    @pytest.mark.parametrize(
        "text",
        [
            "j'ai eu 12/20 en 2024",
            "le 12/09/2024 à 14h",
            "payé 800 euros par mois, 1 200 € net",
            "code postal 75011",
            "le siret 12345678901234 de la boîte",
            "RNCP 35185, 35 h par semaine, 8h-12h 14h-17h",
        ],
    )
    def test_dates_marks_prices_and_identifiers_are_not_phones(self, text):
        assert "phone" not in kinds(text)


class TestEmailsLinksHandles:
    @pytest.mark.parametrize(
        "text, expected",
        [
            ("mon mail c'est kevdu42@hotmail.fr", [("email", "kevdu42@hotmail.fr")]),
            ("CV à recrutement@garage-dumas.fr.", [("email", "recrutement@garage-dumas.fr")]),
            ("lea.martin arobase gmail.com", [("email", "lea.martin arobase gmail.com")]),
            ("Mon site : www.lea-coiffure.fr !", [("url", "www.lea-coiffure.fr")]),
            ("voir https://github.com/tomdev, merci", [("url", "https://github.com/tomdev")]),
            (
                "mon book monsite.fr et insta.com/lea",
                [("url", "monsite.fr"), ("url", "insta.com/lea")],
            ),
            ("Suivez-moi sur insta @lea_nails_art", [("handle", "@lea_nails_art")]),
            ("mon snap c'est kevdu69 ajoutez moi", [("handle", "kevdu69")]),
            ("insta: lea.nails", [("handle", "lea.nails")]),
            ("tiktok @mecano_du_42", [("handle", "@mecano_du_42")]),
        ],
    )
    def test_found(self, text, expected):
        assert found(text) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "ajoute moi sur snap trop bien",
            "j'ai fait un bac.pro puis un BTS",
            "on a 3.5 de moyenne, etc.",
            "le cours sur instagram était top",
        ],
    )
    def test_not_found(self, text):
        assert found(text) == []

    def test_an_email_is_not_also_a_link(self):
        assert found("thomas.girard@laposte.net") == [("email", "thomas.girard@laposte.net")]


class TestAddresses:
    @pytest.mark.parametrize(
        "text, address",
        [
            ("Le CFA est au 12 rue des Lilas, on y va en tram.", "12 rue des Lilas"),
            ("j'habite 12 rue des lilas a lyon", "12 rue des lilas"),
            ("3 bis avenue Jean Jaurès 69003 Lyon", "3 bis avenue Jean Jaurès 69003 Lyon"),
            (
                "au 3 bis avenue de la République, 69003 Lyon, et",
                "3 bis avenue de la République, 69003 Lyon",
            ),
            ("située 45 boulevard Gambetta à Limoges", "45 boulevard Gambetta"),
            ("8 impasse des Peupliers a Roanne", "8 impasse des Peupliers"),
            ("au 14 allée des Tilleuls, mais", "14 allée des Tilleuls"),
            ("il habite 5 bd Voltaire", "5 bd Voltaire"),
            ("10 route de Lyon 42000 Saint-Étienne", "10 route de Lyon 42000 Saint-Étienne"),
            ("le CFA est rue Victor Hugo", "rue Victor Hugo"),
            ("on bosse 2 chemin des Vignes", "2 chemin des Vignes"),
        ],
    )
    def test_found(self, text, address):
        assert found(text) == [("address", address)]

    @pytest.mark.parametrize(
        "text",
        [
            "code postal 75011",
            "le CFA est à Lyon 69003",
            "il y a pas de place de parking",
            "on a fait 3 cours de cuisine",
            "la route de Lyon est dangereuse",
            "j'ai dormi dans la rue",
            "je suis à la rue niveau argent",
        ],
    )
    def test_not_found(self, text):
        assert "address" not in kinds(text)

    def test_a_person_in_a_street_name_is_part_of_the_address(self):
        assert found("passez au 27 rue Jean Jaurès à Saint-Chamond") == [
            ("address", "27 rue Jean Jaurès")
        ]


class TestNames:
    @pytest.mark.parametrize(
        "text, names",
        [
            ("mon maitre d'apprentissage jean-marc est top", ["jean-marc"]),
            ("la prof de maths mme durand est nulle", ["durand"]),
            ("le prof durand explique mal", ["durand"]),
            ("M. Durand, le prof de maths, nous met la pression", ["Durand"]),
            ("Mme Le Goff est géniale", ["Le Goff"]),
            ("la prof principale Mme N'Diaye", ["N'Diaye"]),
            ("M. et Mme Roux sont top", ["Roux"]),
            ("merci a monsieur petit", ["petit"]),
            ("jsuis en cours avec kevin et mathis", ["kevin", "mathis"]),
            ("Mon patron Thierry Morel me laisse gérer", ["Thierry Morel"]),
            ("mon patron kevin me crie dessus", ["kevin"]),
            ("La formatrice Claire Fontaine explique bien", ["Claire Fontaine"]),
            ("Le prof de cuisine (Pascal) est passionné", ["Pascal"]),
            ("Je remercie Kévin, Inès et Yanis", ["Kévin", "Inès", "Yanis"]),
            ("ines et yanis sont cool", ["ines", "yanis"]),
            ("merci à Pierre et Claire pour leur aide", ["Pierre", "Claire"]),
            ("bonjour je m'appelle enzo", ["enzo"]),
            ("Dupont nous fait des cours incompréhensibles", ["Dupont"]),
            ("Le conseiller Samir Benali m'a trouvé une entreprise", ["Samir Benali"]),
            ("KEVIN EST UN BON PATRON", ["KEVIN"]),
            ("Appelle Kevin ce soir", ["Kevin"]),
            ("Demande à Julie Martin, elle sait tout", ["Julie Martin"]),
        ],
    )
    def test_found(self, text, names):
        assert found(text) == [("name", name) for name in names]

    @pytest.mark.parametrize(
        "text",
        [
            "le CFA de Saint-Étienne est bien",
            "CFA Jean Monnet, très bonne ambiance",
            "Le lycée Victor Hugo et le collège Jules Ferry",
            "BTS NDRC à l'IFA Marcel Sauvage",
            "Rose, violette et lavande : on a appris les fleurs",
            "j'ai mangé un paris-brest et une madeleine",
            "grâce à la formation j'ai trouvé du boulot",
            "c'est claire la formation est top",
            "la pierre de taille c'est dur",
            "la marine nationale recrute",
            "je suis allé en France et à Florence",
            "on répare des clio et des megane au garage",
            "j'ai aimé la formation, il est marié avec la patronne",
            "au max on est 12 en classe",
            "Bonne formation, Super ambiance",
            "Bref c'est nul",
            "le BTS MCO au CFA de la CCI",
            "j'ai fait 3 ans chez Carrefour et 2 ans chez Leclerc à Montpellier",
            "enkulé de tuteur jte jure",
            "Boulanger c'est un beau métier",
            "le jean c'est pas une tenue de travail",
            "Accroche-toi.",
            "Vas-y, fonce !",
            "Dis-leur que c'est dur.",
        ],
    )
    def test_not_found(self, text):
        assert "name" not in kinds(text)

    def test_allowed_terms_are_not_names(self):
        context = AnalysisContext(allowed_terms=("CFA Martin Luther King", "Saint-Priest"))
        assert found("Le CFA Martin Luther King à Saint-Priest, avec Kevin", context) == [
            ("name", "Kevin")
        ]

    def test_allowed_terms_ignore_case_and_accents(self):
        context = AnalysisContext(allowed_terms=("Institut Émile Zola",))
        assert found("l'institut emile zola c'est top", context) == []

    def test_every_occurrence_of_a_found_name_is_found(self):
        text = "Mon tuteur Kevin est top. kevin m'a tout appris."
        assert found(text) == [("name", "Kevin"), ("name", "kevin")]


class TestOverlaps:
    def test_the_stronger_kind_wins(self):
        text = "écris à lea.martin@gmail.com ou sur www.lea.fr"
        assert found(text) == [("email", "lea.martin@gmail.com"), ("url", "www.lea.fr")]

    def test_several_kinds_in_one_text(self):
        text = "Mon maître d'apprentissage Éric Lambert (06 71 52 84 30) est top"
        assert found(text) == [("name", "Éric Lambert"), ("phone", "06 71 52 84 30")]
