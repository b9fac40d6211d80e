"""The data of the public reads benchmark (bench/public_reads.py), built in a child process.

50,000 formations (the catalogue of bench/import_catalogue.py, imported with
`catalogue_import_file`), one open-link campaign each, 1,000,000 submitted responses whose
answers come from a pool of apprentices drawn by `sirius.demo.responses` (five satisfaction
levels), one published verbatim with a theme for one response in ten, then the aggregates.
Responses, verbatims and themes are written by PostgreSQL itself (`INSERT … SELECT` over
`generate_series`, random with a fixed seed): the distribution is uneven (a few formations have
hundreds of answers, one in ten has none, a handful are below the publication threshold).

Restartable: each step checks what the database already holds and skips what is done; a size
that does not match is rebuilt from that step on.
"""

import json
import random
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
FORMATIONS = 50_000
RESPONSES = 1_000_000
ANSWERING_FORMATIONS = 45_000  # the others have no answer at all
LEVELS = (2.4, 3.3, 3.8, 4.2, 4.6)
POOL_PER_LEVEL = 400
VERBATIM_EVERY = 10
BENCH_KEY_PARTNER = "Banc d'essai des lectures publiques"


def _log(message):
    print(message, file=sys.stderr, flush=True)


def _catalogue(Formation):
    if Formation.objects.count() == FORMATIONS:
        return 0.0
    import import_catalogue

    from sirius.referentiel.catalogue.services import catalogue_import_file

    path = BENCH_DIR / "data" / f"catalogue-{FORMATIONS}.csv"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        import_catalogue.generate(path, path.with_name(f"catalogue-{FORMATIONS}-modified.csv"))
    start = time.perf_counter()
    catalogue_import_file(path)
    return time.perf_counter() - start


def _answer_pool(definition):
    """[(level index, answers JSON)]: POOL_PER_LEVEL apprentices per satisfaction level."""
    from sirius.demo.responses import _Apprentice
    from sirius.questionnaires.enums import QuestionType

    rng = random.Random(2026)
    grid_items = [
        value
        for question in definition.questions
        if question.type == QuestionType.GRID
        for value, _label in question.choices
    ]
    pool = []
    for level_index, level in enumerate(LEVELS):
        bias = {item: rng.choice((-1, -0.5, 0, 0, 0.5)) for item in grid_items}
        for _ in range(POOL_PER_LEVEL):
            answers = _Apprentice(rng, definition, level, bias, 2025).answers()
            pool.append((level_index, json.dumps(answers)))
    return pool


def _review_texts():
    from sirius.demo.review_texts import SLOTS

    texts = [
        text for slot in SLOTS for *_meta, by_question in slot for text in by_question.values()
    ]
    return [text for text in texts if len(text) > 40]


def _responses(cursor, version, definition):
    """Write RESPONSES submitted responses (and their campaigns) with SQL."""
    from sirius.campaigns.models import Campaign
    from sirius.referentiel.models import Formation
    from sirius.responses.models import Response

    cursor.execute(f"TRUNCATE {Response._meta.db_table} CASCADE")
    Campaign.objects.all().delete()
    campaigns = Campaign.objects.bulk_create(
        Campaign(
            name="Campagne 2025 (banc d'essai)",
            formation_id=formation_id,
            questionnaire_version=version,
            opens_on="2025-03-01",
            closes_on="2025-06-30",
            invitations_enabled=False,
            open_link_enabled=True,
        )
        for formation_id in Formation.objects.order_by("pk").values_list("pk", flat=True)
    )
    cursor.execute(
        "CREATE TEMP TABLE bench_pool (level int, rank int, answers jsonb);"
        "CREATE TEMP TABLE bench_formation (rank int PRIMARY KEY, formation_id bigint, "
        "campaign_id bigint, level int)"
    )
    pool = _answer_pool(definition)
    cursor.executemany(
        "INSERT INTO bench_pool VALUES (%s, %s, %s)",
        [(level, index % POOL_PER_LEVEL, answers) for index, (level, answers) in enumerate(pool)],
    )
    rng = random.Random(6)
    cursor.executemany(
        "INSERT INTO bench_formation VALUES (%s, %s, %s, %s)",
        [
            (rank, campaign.formation_id, campaign.pk, rng.choices(range(5), (1, 2, 4, 5, 3))[0])
            for rank, campaign in enumerate(rng.sample(campaigns, len(campaigns)))
        ],
    )
    last_section = definition.sections[-1].id
    cursor.execute("SELECT setseed(0.2026)")
    cursor.execute(
        f"""
        INSERT INTO {Response._meta.db_table} (public_id, campaign_id, formation_id,
            questionnaire_version_id, channel, answers, last_section_id, started_at,
            last_saved_at, submitted_at, quality_flags, browser_key_hash, address_hash)
        SELECT gen_random_uuid(), f.campaign_id, f.formation_id, %s, 'open_link', p.answers,
            %s, d.at - interval '7 minutes', d.at, d.at, '[]', '', ''
        FROM (
            SELECT floor({ANSWERING_FORMATIONS} * power(random(), 1.6))::int AS rank,
                floor(random() * {POOL_PER_LEVEL})::int AS pick,
                timestamptz '2025-03-01 08:00+01' + random() * interval '120 days' AS at
            FROM generate_series(1, {RESPONSES})
        ) AS d
        JOIN bench_formation f ON f.rank = d.rank
        JOIN bench_pool p ON p.level = f.level AND p.rank = d.pick
        """,
        [version.pk, last_section],
    )


def _verbatims(cursor, definition):
    """One published verbatim, with one theme, for one response in VERBATIM_EVERY."""
    from sirius.moderation.enums import Theme, Tone
    from sirius.moderation.models import VerbatimTheme
    from sirius.questionnaires.enums import QuestionType
    from sirius.responses.models import Response, Verbatim

    question = next(q for q in definition.questions if q.type == QuestionType.FREE_TEXT)
    texts = _review_texts()
    themes, tones = list(Theme.values), list(Tone.values)
    cursor.execute(
        f"""
        INSERT INTO {Verbatim._meta.db_table} (public_id, response_id, question_id, text,
            created_at, status, analysis, analysed_at, flag_personal_data, flag_insult,
            flag_alert, pepite, masked_text, rejection_reason, decided_at, published_at)
        SELECT gen_random_uuid(), r.id, %s, (%s::text[])[1 + r.id %% %s], r.submitted_at,
            'published', '{{}}', r.submitted_at, false, false, false, false, '', '',
            r.submitted_at + interval '1 day', r.submitted_at + interval '1 day'
        FROM {Response._meta.db_table} r WHERE r.id %% {VERBATIM_EVERY} = 0
        """,
        [question.id, texts, len(texts)],
    )
    cursor.execute(
        f"""
        INSERT INTO {VerbatimTheme._meta.db_table} (verbatim_id, theme, tone)
        SELECT v.id, (%s::text[])[1 + v.id %% %s], (%s::text[])[1 + (v.id / 7) %% %s]
        FROM {Verbatim._meta.db_table} v
        """,
        [themes, len(themes), tones, len(tones)],
    )


def build():
    """Build what is missing; print a JSON line of sizes and timings."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from sirius.api.keys import api_key_create
    from sirius.api.models import ApiKey
    from sirius.questionnaires.models import QuestionnaireVersion
    from sirius.referentiel.models import Formation
    from sirius.responses.models import Response, Verbatim
    from sirius.stats.models import Aggregate
    from sirius.stats.recompute import aggregates_recompute

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    timings = {"catalogue_s": round(_catalogue(Formation), 1)}
    version = QuestionnaireVersion.objects.latest_published()
    definition = version.parsed
    if Response.objects.submitted().count() != RESPONSES:
        _log("Écriture de 1 000 000 réponses…")
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            _responses(cursor, version, definition)
            _verbatims(cursor, definition)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # visibility map: index-only scans
        Aggregate.objects.all().delete()
        timings["responses_s"] = round(time.perf_counter() - start, 1)
    if not Aggregate.objects.exists():
        _log("Calcul des agrégats (aggregates_recompute)…")
        start = time.perf_counter()
        rows = aggregates_recompute()
        timings["recompute_s"] = round(time.perf_counter() - start, 1)
        timings["aggregate_rows"] = rows
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {Aggregate._meta.db_table}")
    ApiKey.objects.filter(partner=BENCH_KEY_PARTNER).delete()
    _api_key, raw_key = api_key_create(partner=BENCH_KEY_PARTNER)
    public = Aggregate.objects.filter(scope="formation", niveau=0, responses__gte=5).count()
    print(
        json.dumps(
            {
                "formations": Formation.objects.count(),
                "responses": Response.objects.submitted().count(),
                "published_verbatims": Verbatim.objects.published().count(),
                "aggregates": Aggregate.objects.count(),
                "formations_public": public,
                "keys": list(Formation.objects.values_list("cle_ministere_educatif", flat=True)),
                "api_key": raw_key,
                "timings": timings,
            }
        )
    )


if __name__ == "__main__":
    build()
