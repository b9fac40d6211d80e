"""What one response or one published verbatim adds to an aggregate, and where it counts.

Pure functions over plain data, shared by the incremental services and by `recompute_stats`,
so both add up exactly the same way.
"""

from sirius.questionnaires.enums import QuestionType

from .enums import NATION_KEY, SCORE_QUESTION_ID, Scope


def targets(formation):
    """The (scope, key, niveau) rows a formation's responses count in, sorted (lock order)."""
    niveau = formation.niveau or 0
    rows = {(Scope.FORMATION.value, formation.cle_ministere_educatif, 0)}
    for siret in (formation.formateur.siret, formation.gestionnaire.siret):
        rows.add((Scope.ESTABLISHMENT.value, siret, 0))
    areas = [(Scope.NATION.value, NATION_KEY)]
    if formation.region:
        areas.append((Scope.REGION.value, formation.region))
    if formation.departement:
        areas.append((Scope.DEPARTEMENT.value, formation.departement))
    for scope, key in areas:
        rows.add((scope, key, 0))
        if niveau:
            rows.add((scope, key, niveau))
    return sorted(rows)


def _scale(bucket, value, sign):
    bucket["n"] = bucket.get("n", 0) + sign
    bucket["sum"] = bucket.get("sum", 0) + sign * value
    dist = bucket.setdefault("dist", {})
    _bump(dist, str(value), sign)


def _bump(counts, key, sign):
    counts[key] = counts.get(key, 0) + sign
    if counts[key] == 0:
        del counts[key]


def answers_apply(answers_aggregate, definition, answers, sign):
    """Add (sign=1) or remove (sign=-1) one response's answers, in place. Free texts and blank
    answers count nowhere; a bucket that falls back to zero disappears."""
    for question in definition.questions:
        value = answers.get(question.id)
        if value in (None, "", [], {}) or question.type == QuestionType.FREE_TEXT:
            continue
        bucket = answers_aggregate.setdefault(question.id, {})
        if question.type == QuestionType.SCALE:
            _scale(bucket, int(value), sign)
        elif question.type == QuestionType.GRID:
            items = bucket.setdefault("items", {})
            for item, rating in value.items():
                if rating is None:
                    continue
                _scale(items.setdefault(item, {}), int(rating), sign)
                if items[item]["n"] == 0:
                    del items[item]
            if not items:
                del bucket["items"]
        elif question.type == QuestionType.SINGLE_CHOICE:
            bucket["n"] = bucket.get("n", 0) + sign
            _bump(bucket.setdefault("choices", {}), str(value), sign)
        elif question.type == QuestionType.MULTIPLE_CHOICE:
            bucket["n"] = bucket.get("n", 0) + sign
            choices = bucket.setdefault("choices", {})
            for choice in value.get("choices", []):
                _bump(choices, str(choice), sign)
            if value.get("other"):
                _bump(bucket, "other", sign)
        _prune(answers_aggregate, question.id)


def _prune(answers_aggregate, question_id):
    bucket = answers_aggregate[question_id]
    for name in ("dist", "choices"):
        if name in bucket and not bucket[name]:
            del bucket[name]
    if not bucket.get("n") and not bucket.get("items"):
        del answers_aggregate[question_id]


def score_answer(answers):
    """The response's answer to the score question (1–5), or None."""
    value = answers.get(SCORE_QUESTION_ID)
    return int(value) if value not in (None, "") else None


def themes_apply(themes_aggregate, verbatim_themes, sign):
    """Add or remove one published verbatim's (theme, tone) pairs, in place."""
    for theme, tone in verbatim_themes:
        tones = themes_aggregate.setdefault(theme, {})
        _bump(tones, tone, sign)
        if not tones:
            del themes_aggregate[theme]
