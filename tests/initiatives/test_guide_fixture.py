"""The committed fixture holds the whole guide and is what the import makes of the seed."""

import pytest
from django.core.management import call_command

from glossary.models import GlossaryLink, GlossaryTerm
from grid.models import GridVersion, Question
from initiatives.guide_import.build import build
from initiatives.models import Enjeu, Level, Lever, Path, PathStep, Sheet
from initiatives.models import Section as GuideSection

from ..conftest import SEED_PATH

pytestmark = pytest.mark.django_db


def test_the_database_holds_the_whole_guide():
    assert Enjeu.objects.count() == 4
    assert Level.objects.count() == 2
    assert GuideSection.objects.count() == 9
    assert Lever.objects.count() == 28  # the matrix's 27 and the strategy's Agenda 21
    assert Sheet.objects.count() == 37
    assert Path.objects.count() == 5
    assert PathStep.objects.count() == 43
    assert GlossaryTerm.objects.filter(source="").count() == 46  # the others: experiences.json
    assert GridVersion.objects.filter(code="cgdd-2012").exists()


def test_every_sheet_has_its_nine_parts():
    for sheet in Sheet.objects.all():
        for part in Sheet.PARTS:
            assert getattr(sheet, part).strip(), (sheet.number, part)


def test_the_grid_has_41_questions_11_verbatim():
    questions = Question.objects.filter(version__code="cgdd-2012")
    assert questions.count() == 41
    assert questions.filter(origin="verbatim").count() == 11
    reconstructed = questions.filter(origin="reconstructed")
    assert reconstructed.count() == 30
    assert reconstructed.exclude(anchor_sheet=None).count() == 28


def test_glossary_links_are_explicit_or_proposed():
    assert set(GlossaryLink.objects.values_list("kind", flat=True)) == {"explicit", "proposed"}


def test_loading_the_fixture_again_changes_nothing():
    before = (Sheet.objects.count(), PathStep.objects.count(), GlossaryLink.objects.count(),
              Question.objects.count())
    call_command("loaddata", "guide", verbosity=0)
    after = (Sheet.objects.count(), PathStep.objects.count(), GlossaryLink.objects.count(),
             Question.objects.count())
    assert before == after


def test_running_the_import_twice_gives_identical_fixtures(tmp_path):
    first, second = build(SEED_PATH), build(SEED_PATH)
    assert first == second


def test_the_committed_fixture_is_what_the_import_makes_of_the_guide():
    call_command("import_guide", "--check", verbosity=0)
