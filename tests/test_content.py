"""tests/content.py writes back, after a transactional test's flush, what `loaddata` writes."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests import content


def dump() -> list[str]:
    """The content apps' rows, less what differs from one load to the next (ids, times)."""
    out = StringIO()
    call_command("dumpdata", "initiatives", "glossary", "experiences", "grid",
                 "--natural-foreign", "--natural-primary", stdout=out)
    rows = json.loads(out.getvalue())
    for row in rows:
        row.pop("pk", None)
        for name in ("history_id", "history_date", "created_at"):
            row["fields"].pop(name, None)
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fixtures", [("guide",), ("guide", "experiences")])
def test_the_rows_written_back_are_what_loaddata_writes(fixtures):
    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", *fixtures, verbosity=0)
    loaded = dump()
    assert len(loaded) > 300
    call_command("flush", interactive=False, verbosity=0)
    content.write_back(*fixtures)
    assert dump() == loaded
