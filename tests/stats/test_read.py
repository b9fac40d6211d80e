import pytest

from sirius.moderation.enums import Theme, Tone
from sirius.stats.enums import Scope
from sirius.stats.models import Aggregate
from sirius.stats.read import (
    formation_summaries,
    formation_summary,
    labels_definition,
    labels_forget,
    summary_of,
)
from tests.factories import FormationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_labels():
    labels_forget()
    yield
    labels_forget()


def scale(*ratings):
    dist = {}
    for rating in ratings:
        dist[str(rating)] = dist.get(str(rating), 0) + 1
    return {"n": len(ratings), "sum": sum(ratings), "dist": dist}


def aggregate(ratings, *, key="F1", responses=None, items=None, themes=None):
    answers = {"satisfaction_globale": scale(*ratings)} if ratings else {}
    if items:
        answers["cfa_criteres"] = {"items": {item: scale(*r) for item, r in items.items()}}
    return Aggregate.objects.create(
        scope=Scope.FORMATION,
        key=key,
        responses=len(ratings) if responses is None else responses,
        score_sum=sum(ratings),
        score_count=len(ratings),
        answers=answers,
        themes=themes or {},
        published_verbatims=3,
    )


def test_four_responses_publish_nothing_and_say_one_more_is_needed():
    summary = summary_of(
        aggregate(
            [5, 5, 4, 1],
            items={"accueil": [5, 5, 4, 1]},
            themes={Theme.values[0]: {Tone.POSITIVE: 4}},
        )
    )

    assert (summary.responses, summary.threshold) == (4, 5)
    assert summary.is_public is False
    assert summary.missing == 1
    assert summary.score is None and summary.score_rounded is None
    assert summary.score_display == ""
    assert summary.score_count == 0
    assert summary.distribution == []
    assert summary.criteria == []
    assert summary.themes == []
    assert summary.published_verbatims == 0


def test_no_aggregate_means_no_response_and_the_whole_threshold_missing():
    summary = summary_of(None)

    assert (summary.responses, summary.is_public, summary.missing) == (0, False, 5)


def test_five_responses_publish_the_score_with_a_french_comma_and_its_distribution():
    summary = summary_of(aggregate([5, 5, 4, 4, 3]))

    assert summary.is_public is True
    assert summary.missing == 0
    assert summary.score == pytest.approx(4.2)
    assert summary.score_display == "4,2/5"
    assert summary.score_count == 5
    assert [bar.value for bar in summary.distribution] == ["1", "2", "3", "4", "5"]
    assert [bar.count for bar in summary.distribution] == [0, 0, 1, 2, 2]
    assert [bar.percent for bar in summary.distribution] == [0, 0, 20, 40, 40]
    assert all(bar.label for bar in summary.distribution)
    assert summary.published_verbatims == 3


def test_score_display_rounds_to_one_decimal():
    summary = summary_of(aggregate([5, 5, 5, 4, 4, 4]))  # 27 / 6 = 4.5

    assert summary.score_display == "4,5/5"
    summary = summary_of(aggregate([5, 4, 4, 4, 4, 4], key="F2"))  # 25 / 6 = 4.1666…
    assert summary.score_display == "4,2/5"
    assert sum(bar.percent for bar in summary.distribution) == 100


def test_the_score_stays_hidden_when_fewer_than_the_threshold_answered_its_question():
    summary = summary_of(aggregate([5, 4, 3, 4], responses=6))

    assert summary.is_public is True
    assert summary.score is None
    assert summary.score_display == ""
    assert summary.distribution == []


def test_a_grid_item_answered_by_fewer_than_the_threshold_is_left_out():
    summary = summary_of(
        aggregate(
            [4, 4, 4, 4, 4],
            items={"accueil": [5, 5, 4, 4, 3], "cours": [2, 3, 4, 5]},
        )
    )

    assert [(c.item, c.count) for c in summary.criteria] == [("accueil", 5)]
    criterion = summary.criteria[0]
    assert criterion.mean == pytest.approx(4.2)
    assert criterion.label == dict(labels_definition().question("cfa_criteres").choices)["accueil"]


def test_themes_are_counted_by_tone_and_sorted_by_total():
    first, second = Theme.values[0], Theme.values[1]
    summary = summary_of(
        aggregate(
            [4, 4, 4, 4, 4],
            themes={
                first: {Tone.POSITIVE: 1},
                second: {Tone.POSITIVE: 2, Tone.NEGATIVE: 3, Tone.MIXED: 1},
            },
        )
    )

    assert [(t.theme, t.positive, t.negative, t.mixed, t.total) for t in summary.themes] == [
        (second, 2, 3, 1, 6),
        (first, 1, 0, 0, 1),
    ]


def test_the_threshold_setting_applies(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = 3
    row = aggregate([5, 4, 3])

    assert summary_of(row).score_display == "4,0/5"
    settings.SIRIUS_PUBLICATION_THRESHOLD = 10
    assert summary_of(row).missing == 7
    assert summary_of(row).score is None


def test_formation_summaries_read_many_formations_in_one_query(django_assert_num_queries):
    formations = FormationFactory.create_batch(4)
    aggregate([5, 5, 5, 5, 5], key=formations[0].cle_ministere_educatif)
    aggregate([3, 3], key=formations[1].cle_ministere_educatif)
    labels_definition()  # kept a minute in the process, as on a warm server

    with django_assert_num_queries(1):
        summaries = formation_summaries(formations)

    assert set(summaries) == {formation.pk for formation in formations}
    assert summaries[formations[0].pk].score_display == "5,0/5"
    assert (summaries[formations[1].pk].is_public, summaries[formations[1].pk].missing) == (
        False,
        3,
    )
    assert summaries[formations[2].pk].responses == 0
    assert formation_summary(formations[0]).score == 5
