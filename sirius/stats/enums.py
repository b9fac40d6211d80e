from django.db import models


class Scope(models.TextChoices):
    FORMATION = "formation", "Formation"
    ESTABLISHMENT = "establishment", "Établissement"
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"
    NATION = "nation", "France entière"


NATION_KEY = "FR"
# The public score is the mean of this question (a 1–5 scale), shown with its count.
SCORE_QUESTION_ID = "satisfaction_globale"
