"""The strategy's objectives against this year's notes (issue 24), as the results, evolution and
report show them: strategy reads and words them, this only hands them to the pages."""

from collections.abc import Mapping

from clusters.models import Cluster
from grid.scoring import Scores
from strategy.presenters import progress_lines
from strategy.selectors import objectives_progress


def objectives_block(cluster: Cluster, year: int, enjeux: Mapping[str, str],
                     notes: Mapping[int, Scores] | None = None, *,
                     scores: Scores | None = None) -> dict:
    found = objectives_progress(cluster, year, notes, scores=scores)
    return {"year": year, "strategy": found.strategy, "pending": found.pending,
            "lines": progress_lines(found, dict(enjeux))}
