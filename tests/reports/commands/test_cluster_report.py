"""`manage.py cluster_report`: the web's PDF for one cluster, or one per cluster for a year."""

import re
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from clusters.models import Cluster
from grid import services
from grid.models import Campaign, GridVersion
from tests import content
from tests.fixtures import fill
from tests.reports import pdf

pytestmark = pytest.mark.django_db


def cluster_report(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("cluster_report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_writes_one_cluster_report(filled, tmp_path):
    target = tmp_path / "rapport.pdf"
    out, _err = cluster_report("--cluster", "pole-alpha", "--year", "2025", "-o", str(target))
    assert str(target) in out
    first = pdf.page_texts(target.read_bytes())[0]
    assert "Pôle Alpha Maritime" in first and "100,0 %" in first


def test_it_writes_the_report_in_english_with_lang_en(filled, tmp_path):
    target = tmp_path / "report.pdf"
    cluster_report("--cluster", "pole-alpha", "--year", "2025", "-o", str(target), "--lang", "en")
    first = pdf.page_texts(target.read_bytes())[0]
    assert "Pôle Alpha Maritime" in first and "100.0%" in first and "OVERALL SCORE" in first
    assert "NOTE GLOBALE" not in first and "100,0 %" not in first
    french = tmp_path / "rapport.pdf"
    cluster_report("--cluster", "pole-alpha", "--year", "2025", "-o", str(french), "--lang", "fr")
    assert "NOTE GLOBALE" in pdf.page_texts(french.read_bytes())[0]


def test_an_unknown_lang_is_refused(filled, tmp_path):
    with pytest.raises(CommandError, match="invalid choice: 'de'"):
        cluster_report("--cluster", "pole-alpha", "--year", "2025", "-o", str(tmp_path / "x.pdf"),
                       "--lang", "de")
    assert list(tmp_path.iterdir()) == []


def test_it_writes_one_report_per_cluster_of_the_year(filled, cluster_b, outsider, tmp_path):
    other = services.assessment_start(cluster=cluster_b, year=2025, by=outsider, prefill=False)
    fill(other, outsider, "-")
    Cluster.objects.create(name="Pôle sans grille", slug="pole-vide")
    out, _err = cluster_report("--all", "--year", "2025", "-o", str(tmp_path / "2025"))
    written = sorted(path.name for path in (tmp_path / "2025").iterdir())
    assert written == ["pole-alpha-2025.pdf", "pole-beta-2025.pdf"]
    assert "2 rapport(s)" in out
    beta = pdf.page_texts((tmp_path / "2025" / "pole-beta-2025.pdf").read_bytes())[0]
    assert "Pôle Bêta Forestier" in beta


def test_it_shows_a_progress_bar_on_a_terminal(filled, tmp_path, monkeypatch):
    # tqdm draws only on a terminal (disable=None); pretend stderr is one.
    err = StringIO()
    monkeypatch.setattr(err, "isatty", lambda: True, raising=False)
    call_command("cluster_report", "--all", "--year", "2025", "-o", str(tmp_path),
                 stdout=StringIO(), stderr=err)
    assert "Rapports 2025" in err.getvalue() and "1/1" in err.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cluster", "pole-inconnu", "--year", "2025", "-o", "x.pdf"],
         "Aucune autoévaluation 2025 pour le pôle « pole-inconnu »"),
        (["--cluster", "pole-alpha", "--year", "1999", "-o", "x.pdf"],
         "Aucune autoévaluation 1999"),
        (["--all", "--year", "1999", "-o", "dossier"], "Aucune autoévaluation pour l'année 1999"),
    ],
)
def test_it_explains_what_is_missing(filled, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match=message):
        cluster_report(*args)
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_a_directory_as_the_file_and_a_file_as_the_directory(filled, tmp_path):
    with pytest.raises(CommandError, match="est un dossier"):
        cluster_report("--cluster", "pole-alpha", "--year", "2025", "-o", str(tmp_path))
    file = tmp_path / "rapport.pdf"
    file.write_bytes(b"")
    with pytest.raises(CommandError, match="n'est pas un dossier"):
        cluster_report("--all", "--year", "2025", "-o", str(file))


def test_the_report_has_the_same_content_as_the_web(editor_client, filled, tmp_path):
    """Same template, same data: the command and the page differ only by the edition time."""
    target = tmp_path / "rapport.pdf"
    cluster_report("--cluster", "pole-alpha", "--year", "2025", "-o", str(target))
    web = editor_client.get("/poles/pole-alpha/2025/rapport.pdf").content

    def without_edition_time(text):
        return [line for line in text.splitlines() if "édité le" not in line]

    assert without_edition_time("\f".join(pdf.page_texts(web))) == without_edition_time(
        "\f".join(pdf.page_texts(target.read_bytes()))
    )


def test_it_needs_a_cluster_or_all():
    result = subprocess.run(
        [sys.executable, "manage.py", "cluster_report", "--year", "2025", "-o", "x"],
        capture_output=True, text=True, env={"DEBUG": "True", "PATH": ""},
    )
    assert result.returncode != 0
    assert "--cluster" in result.stderr and "--all" in result.stderr


def test_it_refuses_fewer_than_one_job(filled, tmp_path):
    with pytest.raises(CommandError, match="--jobs vaut au moins 1"):
        cluster_report("--all", "--year", "2025", "-o", str(tmp_path), "--jobs", "0")


EDITED = re.compile(r"édité le .*")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="worker processes share no in-memory SQLite database")
def test_jobs_render_the_same_reports_in_parallel(tmp_path, cluster_b, outsider):
    content.write_back("guide")  # a transactional test starts empty
    Campaign.objects.create(year=2025, version=GridVersion.objects.get(code="cgdd-2012"))
    for number in range(4):
        cluster = Cluster.objects.create(name=f"Pôle parallèle {number}", slug=f"pole-p{number}")
        assessment = services.assessment_start(cluster=cluster, year=2025, by=outsider,
                                               prefill=False)
        fill(assessment, outsider, "+-"[number % 2])
    out, _err = cluster_report("--all", "--year", "2025", "-o", str(tmp_path / "a"), "--jobs", "3")
    assert "4 rapport(s)" in out
    cluster_report("--all", "--year", "2025", "-o", str(tmp_path / "b"))
    names = sorted(path.name for path in (tmp_path / "a").iterdir())
    assert names == [f"pole-p{number}-2025.pdf" for number in range(4)]
    for name in names:
        parallel, serial = ((tmp_path / run / name).read_bytes() for run in "ab")
        # Every page's footer says when it was made: the two runs may straddle a minute.
        assert ([EDITED.sub("", text) for text in pdf.page_texts(parallel)[1:]]
                == [EDITED.sub("", text) for text in pdf.page_texts(serial)[1:]])
