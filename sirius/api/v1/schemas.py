"""Response schemas of the public API: explicit field lists, nothing else leaves the server.

No internal primary key, token, hash, email, moderation status or analysis is ever a field here
(tests/api/test_privacy.py walks the OpenAPI document to prove it).

They are plain pydantic models, not ninja `Schema`s: the operations return dicts built by
`output.py`, so ninja's attribute getter for ORM objects (a validator wrapped around every nested
object, a third of the CPU of a formation read) has nothing to do.
"""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    detail: str


class BarOut(BaseModel):
    valeur: int = Field(description="Note de 1 à 5.")
    libelle: str
    nombre: int
    pourcentage: int = Field(description="Arrondi pour que la somme fasse 100.")


class CriterionOut(BaseModel):
    question: str
    critere: str
    libelle: str
    nombre: int
    moyenne: float


class ThemeCountOut(BaseModel):
    theme: str
    libelle: str
    positifs: int
    negatifs: int
    mitiges: int
    total: int


class SummaryOut(BaseModel):
    publie: bool = Field(
        description="Vrai à partir du seuil de réponses : en dessous, ni note, ni répartition, "
        "ni critère, ni thème, ni avis."
    )
    seuil: int
    reponses: int = Field(description="Réponses envoyées au questionnaire.")
    reponses_manquantes: int = Field(description="Réponses encore nécessaires avant publication.")
    score: float | None = Field(description="Moyenne de la satisfaction globale, sur 5.")
    score_affiche: str | None = Field(description="Par exemple « 4,2/5 ».")
    nombre_notes: int
    repartition: list[BarOut]
    criteres: list[CriterionOut]
    themes: list[ThemeCountOut]
    avis_publies: int


class EstablishmentRefOut(BaseModel):
    siret: str
    uai: str
    nom: str
    raison_sociale: str
    enseigne: str
    adresse: str
    code_postal: str
    commune: str
    departement: str
    region: str


class PlaceOut(BaseModel):
    adresse: str
    code_postal: str
    commune: str
    code_commune_insee: str
    departement: str
    region: str
    latitude: float | None
    longitude: float | None


class FormationOut(BaseModel):
    cle_ministere_educatif: str
    cfd: str
    rncp: str
    intitule: str
    diplome: str
    niveau: int | None
    niveau_libelle: str
    duree_annees: int | None
    lieu: PlaceOut
    formateur: EstablishmentRefOut
    gestionnaire: EstablishmentRefOut
    fiche_onisep: str
    page: str = Field(description="Page publique de la formation sur Sirius.")
    synthese: SummaryOut


class FormationPageOut(BaseModel):
    count: int
    next: str | None
    previous: str | None
    results: list[FormationOut]


class ReviewThemeOut(BaseModel):
    theme: str
    libelle: str
    tonalite: str
    tonalite_libelle: str


class ReplyOut(BaseModel):
    etablissement: str
    texte: str
    date_publication: datetime


class ReviewOut(BaseModel):
    reference: UUID = Field(description="Identifiant public de l'avis (lien « Signaler »).")
    texte: str = Field(description="Texte publié (copie masquée si des données ont été masquées).")
    avis_verifie: bool = Field(
        description="Vrai seulement pour une réponse par invitation personnelle."
    )
    libelle_verification: str = Field(
        description="« Avis vérifié » ou « Recueilli par le centre de formation »."
    )
    date_publication: datetime
    debut_formation: str | None = Field(
        description="Année de début de formation déclarée (« 2025 », « avant_2023 »)."
    )
    periode_formation: str
    themes: list[ReviewThemeOut]
    reponse_etablissement: ReplyOut | None
    signaler: str = Field(description="Page publique pour signaler cet avis.")


class ReviewPageOut(BaseModel):
    publie: bool
    count: int
    next: str | None
    previous: str | None
    results: list[ReviewOut]


class EstablishmentFormationOut(BaseModel):
    cle_ministere_educatif: str
    intitule: str
    diplome: str
    niveau: int | None
    code_postal: str
    commune: str
    role: str = Field(
        description="« formateur », « gestionnaire » ou « formateur et gestionnaire »."
    )
    synthese: SummaryOut


class EstablishmentOut(EstablishmentRefOut):
    page: str
    synthese: SummaryOut = Field(
        description="Toutes ses formations réunies (formateur ou gestionnaire)."
    )
    formations: list[EstablishmentFormationOut]
