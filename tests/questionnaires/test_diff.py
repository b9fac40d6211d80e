from sirius.questionnaires.definition import Definition
from sirius.questionnaires.diff import definition_diff

from .definitions import question, small_definition


def test_same_definition_has_no_changes():
    assert not definition_diff(Definition(small_definition()), Definition(small_definition()))


def test_added_removed_relabelled_retyped():
    new = small_definition()
    question(new, "note")["label"] = "Ta note"
    question(new, "raisons").update(type="single_choice", other=False)
    del question(new, "raisons")["other"]
    new["sections"][1]["questions"].remove(question(new, "bravo"))
    new["sections"][1]["questions"].append(
        {"id": "mot", "type": "free_text", "label": "Un mot ?", "max_length": 10}
    )

    diff = definition_diff(Definition(small_definition()), Definition(new))

    assert diff
    assert [q.id for q in diff.added] == ["mot"]
    assert [q.id for q in diff.removed] == ["bravo"]
    assert [(a.label, b.label) for a, b in diff.relabelled] == [("Ta note globale", "Ta note")]
    assert [(a.type, b.type) for a, b in diff.retyped] == [("multiple_choice", "single_choice")]
