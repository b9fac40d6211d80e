from django.db import models


class PersonalDataKind(models.TextChoices):
    EMAIL = "email", "Adresse e-mail"
    PHONE = "phone", "Numéro de téléphone"
    URL = "url", "Adresse web"
    ADDRESS = "address", "Adresse postale"
    NAME = "name", "Nom ou prénom"
    HANDLE = "handle", "Pseudonyme de réseau social"


# The placeholder that replaces each kind of personal data in the masked copy.
PLACEHOLDERS = {
    PersonalDataKind.EMAIL: "[e-mail]",
    PersonalDataKind.PHONE: "[téléphone]",
    PersonalDataKind.URL: "[lien]",
    PersonalDataKind.ADDRESS: "[adresse]",
    PersonalDataKind.NAME: "[prénom]",
    PersonalDataKind.HANDLE: "[pseudo]",
}


class AlertKind(models.TextChoices):
    HARASSMENT = "harassment", "Harcèlement"
    SEXUAL = "sexual", "Violences ou harcèlement sexuels"
    VIOLENCE = "violence", "Violence, menaces"
    DISCRIMINATION = "discrimination", "Discrimination, racisme"
    ACCIDENT = "accident", "Accident ou travail dangereux"
    WORKING_HOURS = "working_hours", "Heures non payées ou illégales"
    DISTRESS = "distress", "Détresse, idées suicidaires"


class Theme(models.TextChoices):
    AMBIANCE = "ambiance", "Ambiance et intégration"
    PEDAGOGIE = "pedagogie", "Formateurs et pédagogie"
    CONTENU = "contenu", "Contenu des cours"
    EQUIPEMENTS = "equipements", "Équipements"
    RYTHME = "rythme", "Rythme de l'alternance"
    HORAIRES = "horaires", "Horaires et charge de travail"
    ACCOMPAGNEMENT = "accompagnement", "Accompagnement par le centre de formation"
    RECHERCHE_ENTREPRISE = "recherche_entreprise", "Recherche d'entreprise"
    MAITRE_APPRENTISSAGE = "maitre_apprentissage", "Maître d'apprentissage"
    REMUNERATION = "remuneration", "Rémunération et aides"
    TRANSPORT_LOGEMENT = "transport_logement", "Transport et logement"
    EXAMENS = "examens", "Examens et diplôme"
    HANDICAP = "handicap", "Accessibilité et handicap"
    DEBOUCHES = "debouches", "Débouchés"


class Tone(models.TextChoices):
    POSITIVE = "positive", "Positif"
    NEGATIVE = "negative", "Négatif"
    MIXED = "mixed", "Mitigé"


class ModerationStatus(models.TextChoices):
    """Where a verbatim or a CFA reply stands. Only the two « published » statuses are public."""

    PENDING = "pending", "En attente de modération"
    PUBLISHED = "published", "Publié"
    PUBLISHED_MASKED = "published_masked", "Publié avec masquage"
    REJECTED = "rejected", "Refusé"
    ALERT = "alert", "Alerte"


PUBLIC_STATUSES = (ModerationStatus.PUBLISHED, ModerationStatus.PUBLISHED_MASKED)


class RejectionReason(models.TextChoices):
    """The fixed, published list. A negative opinion is never a reason."""

    PERSONAL_DATA = "personal_data", "Données personnelles impossibles à masquer"
    ABUSIVE = "abusive", "Propos injurieux ou diffamatoires"
    OFF_TOPIC = "off_topic", "Hors sujet"
    SPAM = "spam", "Publicité ou spam"
    UNINTELLIGIBLE = "unintelligible", "Texte incompréhensible"
    DUPLICATE = "duplicate", "Doublon"


class FlagKind(models.TextChoices):
    """The queue's « signal » filter."""

    PERSONAL_DATA = "personal_data", "Données personnelles"
    INSULT = "insult", "Propos injurieux"
    ALERT = "alert", "Alerte"
    NONE = "none", "Aucun signal"
    PEPITE = "pepite", "Pépite suggérée"


class ReportSource(models.TextChoices):
    ESTABLISHMENT = "establishment", "Centre de formation"
    PUBLIC = "public", "Public"


class ReportReason(models.TextChoices):
    AUTHENTICITY = "authenticity", "Doute sur l'authenticité"
    PERSONAL_DATA = "personal_data", "Données personnelles"
    DEFAMATION = "defamation", "Propos injurieux ou diffamatoires"
    OTHER = "other", "Autre"


class ReportStatus(models.TextChoices):
    OPEN = "open", "À traiter"
    UPHELD = "upheld", "Fondé"
    DISMISSED = "dismissed", "Non fondé"


class AlertStatus(models.TextChoices):
    OPEN = "open", "Nouvelle"
    IN_PROGRESS = "in_progress", "En cours"
    HANDLED = "handled", "Traitée"
