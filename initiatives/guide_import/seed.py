"""Line-numbered access to the seed text, so every record can cite its lines."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Seed:
    lines: tuple[str, ...]

    @classmethod
    def read(cls, path: Path) -> "Seed":
        return cls(tuple(path.read_text(encoding="utf-8").splitlines()))

    def line(self, number: int) -> str:
        """Line `number`, counted from 1 as in the guide-structure map (`L123`)."""
        return self.lines[number - 1]

    def span(self, first: int, last: int) -> list[str]:
        """Lines `first` to `last`, both included."""
        return list(self.lines[first - 1 : last])


def cite(first: int, last: int | None = None) -> str:
    """Provenance as printed on pages: `L123` or `L123–L130`."""
    return f"L{first}" if last is None or last == first else f"L{first}–L{last}"


def record(model: str, **fields) -> dict:
    """One fixture record without a primary key: rows are matched by natural key on load."""
    return {"model": model, "fields": fields}
