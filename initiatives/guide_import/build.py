"""Assembles the fixture from the parts and writes it byte-for-byte reproducibly."""

import json
from pathlib import Path

from . import about, content, glossary, grid, lint
from .seed import Seed


def build_records(seed: Seed) -> list[dict]:
    # Order matters: a record may only point at records loaded before it.
    return content.records(seed) + about.records(seed) + glossary.records(seed) + grid.records(seed)


def render(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def build(seed_path: Path) -> tuple[str, list[lint.Fault]]:
    """The fixture's text, and the faults `lint` finds in its records."""
    seed = Seed.read(seed_path)
    records = build_records(seed)
    return render(records), lint.faults(records, seed)
