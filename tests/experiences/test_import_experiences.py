"""The committed fixture is what the importer makes of its source, and the content keeps its
promises: every item sourced and linked, no contact data, nothing copied from the Apec study."""

import hashlib
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from experiences.apec import DIGITS, WINDOW, window_hashes, words
from experiences.importer import SourceError, build_records, contact_data
from experiences.models import Experience, KeyFigure, Source
from grid.models import Question

# The sources' « Contact : » / « Pour en savoir plus » blocks name a person.
CONTACT_HEADING = re.compile(r"\bcontacts?\s*:|\bt[ée]l\s*[.:]|pour en savoir plus", re.I)
SOURCES = settings.BASE_DIR / "fixtures" / "sources"
HASHES = SOURCES / "apec-12-word-hashes.txt"
APEC_SEED = settings.BASE_DIR.parent / "shared" / "seeds" / "apec-clusters-emploi-2016.txt"


def source() -> dict:
    return json.loads((SOURCES / "experiences.json").read_text(encoding="utf-8"))


def guide() -> list[dict]:
    return json.loads((settings.BASE_DIR / "fixtures" / "guide.json").read_text(encoding="utf-8"))


def test_the_committed_fixture_is_what_the_source_gives():
    call_command("import_experiences", "--check")


def test_the_check_fails_when_the_fixture_is_stale(tmp_path):
    stale = tmp_path / "experiences.json"
    stale.write_text("[]\n", encoding="utf-8")
    with pytest.raises(CommandError, match="diffère"):
        call_command("import_experiences", "--check", "--output", str(stale))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sheets": [], "questions": []}, "aucune fiche ni question"),
        ({"sheets": [{"sheet": "99", "reason": "x"}]}, "sheet inconnu"),
        ({"levers": [{"lever": "nope", "reason": "x"}]}, "lever inconnu"),
        ({"questions": [{"code": "9Z-1", "reason": "x"}]}, "question inconnu"),
        ({"sheets": [{"sheet": "5", "reason": " "}]}, "sans raison"),
        ({"context": "Écrire à jean.dupont@example.org"}, "coordonnée"),
        ({"results": "Appeler le 02 22 06 41 10"}, "coordonnée"),
        ({"source_lines": "lignes 3 à 5"}, "lignes mal écrites"),
        ({"themes": ["inconnu"]}, "thème inconnu"),
    ],
)
def test_a_wrong_source_is_refused_with_its_reason(change, message):
    data = source()
    data["experiences"][0].update(change)
    with pytest.raises(SourceError, match=message):
        build_records(data, guide())


def test_every_item_has_a_source_a_sheet_or_question_and_reasons():
    items = source()["experiences"]
    assert len(items) >= 50  # issue 21: at least fifty items
    for item in items:
        assert item["source"] in Source.values and item["source_lines"], item["slug"]
        assert item["sheets"] or item["questions"], item["slug"]
    apec = [item for item in items if item["source"] == Source.APEC]
    assert len(apec) == 23 and all(item["summary_only"] for item in apec)


@pytest.mark.django_db
def test_the_database_holds_the_experiences_with_valid_links():
    published = Experience.objects.filter(published=True)
    assert published.count() >= 50
    codes = set(Question.objects.values_list("code", flat=True))
    for experience in published.prefetch_related("sheet_links", "question_links"):
        assert experience.sheet_links.all() or experience.question_links.all(), experience.slug
        assert experience.source and experience.source_lines
        assert {link.code for link in experience.question_links.all()} <= codes


@pytest.mark.django_db
def test_no_contact_person_email_or_phone_is_stored():
    for model in (Experience, KeyFigure):
        for row in model.objects.all():
            for field in model._meta.concrete_fields:
                value = str(getattr(row, field.attname) or "")
                assert not contact_data(value), (row, field.name, value)
                assert not CONTACT_HEADING.search(value), (row, field.name)


def test_no_apec_summary_copies_twelve_words_of_the_study():
    hashes = set(HASHES.read_text(encoding="ascii").split())
    assert len(hashes) > 20_000  # the whole study, not an empty file
    for item in source()["experiences"]:
        if item["source"] != Source.APEC:
            continue
        for name in ("title", "context", "actions", "results", "success_factors"):
            tokens = words(item[name])
            for start in range(len(tokens) - WINDOW + 1):
                window = " ".join(tokens[start : start + WINDOW])
                digest = hashlib.sha256(window.encode()).hexdigest()[:DIGITS]
                assert digest not in hashes, (item["slug"], name, window)


@pytest.mark.skipif(not APEC_SEED.is_file(), reason="the Apec study is not kept in the repository")
def test_the_hashes_are_those_of_the_study_and_catch_a_copy():
    text = APEC_SEED.read_text(encoding="utf-8")
    assert window_hashes(text) == set(HASHES.read_text(encoding="ascii").split())
    copied = " ".join(words(text)[5000:5012]).upper()
    assert window_hashes(copied) <= window_hashes(text)


def test_the_hash_command_writes_one_line_per_window_and_the_lines_numbers(tmp_path):
    seed = tmp_path / "seed.txt"
    seed.write_text(" ".join(f"mot{i}" for i in range(20)), encoding="utf-8")
    output, numbers = tmp_path / "hashes.txt", tmp_path / "numbers.txt"
    call_command("apec_hashes", str(seed), "--output", output, "--line-numbers-output", numbers)
    assert len(Path(output).read_text().split()) == 20 - WINDOW + 1
    # One line, « L1 » followed by the hashes of the twenty numbers it prints.
    assert len(Path(numbers).read_text().split()) == 1 + 20


@pytest.mark.django_db
def test_loading_the_fixture_again_duplicates_nothing():
    counts = [model.objects.count() for model in (Experience, KeyFigure)]
    call_command("loaddata", "experiences", verbosity=0)
    assert [model.objects.count() for model in (Experience, KeyFigure)] == counts
