from django.db import models


class QuestionType(models.TextChoices):
    SCALE = "scale", "Échelle de 1 à 5"
    SINGLE_CHOICE = "single_choice", "Choix unique"
    MULTIPLE_CHOICE = "multiple_choice", "Choix multiple"
    GRID = "grid", "Grille (plusieurs éléments notés sur la même échelle)"
    FREE_TEXT = "free_text", "Texte libre"
