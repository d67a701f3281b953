"""The answers that changed between two years (reports.evolution.changed_answers, pure)."""

from grid.scoring import AnswerValue
from reports.evolution import ChangedAnswer, changed_answers

# --- changed answers ---


def test_changed_answers_include_new_blank_and_new_answers_not_comment_only_edits():
    questions = [("S-1", "Stratégie"), ("1A-1", "Un"), ("1A-2", "Deux"), ("1A-3", "Trois"),
                 ("2A-1", "Quatre")]
    before = {
        "S-1": AnswerValue("+", "informel"), "1A-1": AnswerValue("++", "avant"),
        "1A-2": AnswerValue("-"), "2A-1": AnswerValue("--", "ancien"),
    }
    after = {
        "S-1": AnswerValue("++", "formalisé"), "1A-1": AnswerValue("++", "après"),
        "1A-2": AnswerValue(None), "1A-3": AnswerValue("+"), "2A-1": AnswerValue("--", "ancien"),
    }
    assert changed_answers(questions, before, after) == [
        ChangedAnswer("S-1", "Stratégie", AnswerValue("+", "informel"),
                      AnswerValue("++", "formalisé")),
        ChangedAnswer("1A-2", "Deux", AnswerValue("-"), AnswerValue(None)),  # became blank
        ChangedAnswer("1A-3", "Trois", AnswerValue(None), AnswerValue("+")),  # newly answered
    ]


def test_a_changed_answer_names_both_answers():
    change = ChangedAnswer("1A-1", "Un", AnswerValue(None), AnswerValue("na", "motif"))
    assert (change.before_label, change.after_label) == ("sans réponse", "non applicable")


def test_no_change_gives_an_empty_list():
    same = {"S-1": AnswerValue("++")}
    assert changed_answers([("S-1", "Stratégie")], same, dict(same)) == []
