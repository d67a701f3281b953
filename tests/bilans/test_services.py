import pytest
from django.core.exceptions import ValidationError

from bilans import selectors
from bilans.models import TEXT_MAX_LENGTH, Bilan
from bilans.services import bilan_publish, bilan_unpublish
from grid import services
from tests.fixtures import fill

pytestmark = pytest.mark.django_db


def test_the_board_publishes_a_validated_year(year, board):
    bilan = bilan_publish(assessment=year, by=board, text="  Un mot.\r\n")
    assert (bilan.published, bilan.text, bilan.published_by) == (True, "Un mot.", board)
    state = selectors.public_state("pole-alpha", 2025)
    assert state.shown and state.pk == bilan.pk


def test_a_year_not_validated_is_refused_and_nothing_stored(assessment, board):
    with pytest.raises(ValidationError, match="Seule une année validée"):
        bilan_publish(assessment=assessment, by=board)
    assert not Bilan.objects.exists()
    assert selectors.public_state("pole-alpha", 2025) is None


def test_a_text_too_long_is_refused_and_nothing_stored(year, board):
    with pytest.raises(ValidationError) as error:
        bilan_publish(assessment=year, by=board, text="a" * (TEXT_MAX_LENGTH + 1))
    assert "dépasse 3000 caractères" in error.value.message_dict["text"][0]
    assert not Bilan.objects.exists()


def test_a_control_character_is_refused(year, board):
    with pytest.raises(ValidationError, match="caractère invisible"):
        bilan_publish(assessment=year, by=board, text="a\x07b")


def test_withdrawn_then_republished_with_its_history(published, board, year):
    first = selectors.public_state("pole-alpha", 2025)
    bilan_unpublish(assessment=year, by=board)
    withdrawn = selectors.public_state("pole-alpha", 2025)
    assert not withdrawn.shown and withdrawn.key != first.key
    with pytest.raises(ValidationError, match="n'est pas publié"):
        bilan_unpublish(assessment=year, by=board)
    bilan_publish(assessment=year, by=board, text="De retour.")
    again = selectors.public_state("pole-alpha", 2025)
    assert again.shown and again.key not in (first.key, withdrawn.key)
    steps = selectors.history(Bilan.objects.get())
    assert [step.what for step in steps] == ["publié", "retiré de la publication", "publié"]
    assert {step.who for step in steps} == {"Bruno Durand"}


def test_editing_the_text_moves_the_key_and_says_so(published, board, year):
    before = selectors.public_state("pole-alpha", 2025).key
    bilan_publish(assessment=year, by=board, text="Autre texte.")
    assert selectors.public_state("pole-alpha", 2025).key != before
    assert selectors.history(Bilan.objects.get())[0].what == "texte modifié"


def test_a_reopened_year_is_no_longer_shown(published, board, year):
    services.assessment_reopen(assessment=year, by=board, comment="À revoir.")
    state = selectors.public_state("pole-alpha", 2025)
    assert state is not None and not state.shown


def test_the_list_filters_by_region_and_kind(published, cluster_b):
    assert [b.pk for b in selectors.published_bilans()] == [published.pk]
    assert [b.pk for b in selectors.published_bilans(region="BRE", kind="pole")] == [published.pk]
    assert selectors.published_bilans(region="IDF") == []
    assert selectors.published_bilans(kind="grappe") == []


def test_the_content_holds_notes_strategy_and_done_actions_only(published):
    content = selectors.bilan_content(selectors.public_bilan(published.pk))
    assert content["global"].endswith("%")
    assert [axis["title"] for axis in content["strategy_axes"]] == [
        "Gouvernance partagée", "Sobriété des événements"]
    assert len(content["objectives"]["lines"]) == 3 and content["objectives"]["pending"] is None
    assert [title for title, _day, _sheets in content["done"]] == [
        "Bilan carbone des rencontres annuelles"]
    assert not {"answers", "custom", "transitions", "evidence"} & set(content)


def test_the_objectives_trend_reads_validated_years_only(published, cluster_a, editor,
                                                         campaign_2024):
    """A draft year before the strategy is not the board's: its notes never reach the public
    bilan, not even as an objective's starting value."""
    draft = services.assessment_start(cluster=cluster_a, year=2024, by=editor, prefill=False)
    fill(draft, editor, value="-")
    lines = selectors.bilan_content(selectors.public_bilan(published.pk))["objectives"]["lines"]
    assert all(year != 2024 for line in lines for year, _value in line.trend)
    assert not any("2024" in line.starting for line in lines)
