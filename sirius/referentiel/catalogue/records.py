"""One catalogue row → a validated, normalised record, or the list of what is wrong with it."""

import hashlib
import json
from dataclasses import asdict, dataclass, field

from sirius.referentiel.models import Establishment, Formation
from sirius.referentiel.search import normalize_search_text

from . import values
from .columns import ESTABLISHMENT_ROLES, KNOWN_FIELDS, REQUIRED_GROUPS
from .errors import RowError

MAX_KEY_LENGTH = Formation._meta.get_field("cle_ministere_educatif").max_length


@dataclass
class EstablishmentRecord:
    siret: str
    uai: str = ""
    enseigne: str = ""
    raison_sociale: str = ""
    adresse: str = ""
    code_postal: str = ""
    localite: str = ""
    departement: str = ""
    region: str = ""

    def complete_with(self, other):
        """Fill the empty fields from another row's record of the same SIRET (first wins)."""
        for name in self.__dataclass_fields__:
            if not getattr(self, name):
                setattr(self, name, getattr(other, name))

    def model_values(self):
        stored = truncated(Establishment, asdict(self))
        words = (self.enseigne, self.raison_sociale, self.siret, self.uai, self.localite)
        stored["search_text"] = normalize_search_text(" ".join(words))
        return stored


@dataclass
class FormationRecord:
    line: int
    cle_ministere_educatif: str
    formation: dict  # Formation field → value, without the establishments
    formateur: EstablishmentRecord
    gestionnaire: EstablishmentRecord
    raw: dict = field(repr=False)
    catalogue_hash: str = ""

    def model_values(self):
        formation = self.formation
        words = (formation["intitule"], formation["diplome"], formation["cfd"], formation["rncp"])
        return {
            **formation,
            "catalogue_record": self.raw,
            "catalogue_hash": self.catalogue_hash,
            "search_text": normalize_search_text(" ".join(words)),
        }


class RowReader:
    """Reads the fields of one row, collecting a RowError for each value that is refused."""

    def __init__(self, line, raw, line_label):
        self.line = line
        self.raw = raw
        self.line_label = line_label
        self.errors = []
        self.texts = {}
        for name in KNOWN_FIELDS:
            try:
                self.texts[name] = values.text(raw.get(name))
            except values.InvalidValue as error:
                self.refuse(name, raw.get(name), error.reason)
                self.texts[name] = ""

    def refuse(self, name, value, reason):
        self.errors.append(RowError(self.line, name, str(value or ""), reason, self.line_label))

    def parse(self, name, parser, *extra, default=""):
        try:
            return parser(self.texts[name], *extra)
        except values.InvalidValue as error:
            self.refuse(name, self.texts[name], error.reason)
            return default

    def first_filled(self, *names):
        return next((self.texts[name] for name in names if self.texts[name]), "")

    def check_required(self):
        for group in REQUIRED_GROUPS:
            if not self.first_filled(*group):
                wanted = " ou ".join(f"« {name} »" for name in group)
                self.refuse(group[0], "", f"Champ obligatoire manquant : {wanted}.")

    def establishment(self, role):
        prefix = f"etablissement_{role}_"
        code_postal = self.parse(prefix + "code_postal", values.code_postal)
        departement = self.parse(prefix + "num_departement", values.departement, code_postal)
        return EstablishmentRecord(
            siret=self.parse(prefix + "siret", values.siret),
            uai=self.parse(prefix + "uai", values.uai),
            enseigne=self.texts[prefix + "enseigne"],
            raison_sociale=self.texts[prefix + "entreprise_raison_sociale"],
            adresse=self.texts[prefix + "adresse"],
            code_postal=code_postal,
            localite=self.texts[prefix + "localite"],
            departement=departement,
            region=values.region(self.texts[prefix + "region"], departement),
        )

    def formation(self):
        code_postal = self.parse("code_postal", values.code_postal)
        departement = self.parse("num_departement", values.departement, code_postal)
        latitude, longitude = self.parse(
            "lieu_formation_geo_coordonnees", values.coordinates, default=(None, None)
        )
        return truncated(
            Formation,
            {
                "cfd": self.parse("cfd", values.cfd),
                "rncp": self.parse("rncp_code", values.rncp),
                "intitule": self.first_filled("intitule_long", "intitule_court", "intitule_rco"),
                "diplome": self.texts["diplome"],
                "niveau": self.parse("niveau", values.niveau, default=None),
                "duree": self.parse("duree", values.duree, default=None),
                "adresse": self.texts["lieu_formation_adresse"],
                "code_postal": code_postal,
                "code_commune_insee": self.parse("code_commune_insee", values.code_commune_insee),
                "localite": self.texts["localite"],
                "departement": departement,
                "region": values.region(self.texts["region"], departement),
                "latitude": latitude,
                "longitude": longitude,
                "onisep_url": self.texts["onisep_url"],
            },
        )


def record_from_row(line, raw, *, line_label="ligne"):
    """(FormationRecord, []) for a valid row, (None, [RowError, …]) otherwise."""
    if not isinstance(raw, dict):
        reason = "Chaque formation doit être un objet JSON ({…})."
        return None, [RowError(line, "", "", reason, line_label)]
    row = RowReader(line, raw, line_label)
    row.check_required()
    cle = row.texts["cle_ministere_educatif"]
    if len(cle) > MAX_KEY_LENGTH:
        reason = f"Clé trop longue : {MAX_KEY_LENGTH} caractères au plus."
        row.refuse("cle_ministere_educatif", cle, reason)
    formateur, gestionnaire = (row.establishment(role) for role in ESTABLISHMENT_ROLES)
    formation = row.formation()
    if row.errors:
        return None, row.errors
    record = FormationRecord(line, cle, formation, formateur, gestionnaire, raw=raw)
    record.catalogue_hash = record_hash(record)
    return record, []


def record_hash(record):
    """A digest of everything stored for a formation, to skip rows that did not change."""
    content = {
        "formation": record.formation,
        "formateur": record.formateur.siret,
        "gestionnaire": record.gestionnaire.siret,
        "raw": record.raw,
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def truncated(model, data):
    """Text values cut to their column's length, so a long label never fails the whole import."""
    for name, value in data.items():
        max_length = model._meta.get_field(name).max_length
        if isinstance(value, str) and max_length and len(value) > max_length:
            data[name] = value[:max_length]
    return data
