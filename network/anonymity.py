"""The rule that keeps every aggregate anonymous (DESIGN §8), in one place; pure.

1. A group of clusters is shown only when it counts at least MIN_GROUP clusters.
2. No difference of two groups may single out fewer than MIN_GROUP clusters: a group cut from a
   larger one by the filters (every group obtained by dropping some of the filters, the whole
   network included) must differ from it by 0 or by at least MIN_GROUP clusters. Otherwise
   comparing the two pages would describe the few clusters in between.
3. A cell that counts clusters (the share of an answer to a question) is shown only when it counts
   0 or at least MIN_GROUP clusters. When a question's row has a single hidden cell, the smallest
   other non-zero cell is hidden too, so that the row's total does not give the hidden one back.

Whatever is hidden reads « moins de 5 pôles : non affiché », on the page, in the CSV, the XLSX,
the PDF and in a cluster's position among its peers.
"""

from collections.abc import Iterable, Mapping

MIN_GROUP = 5


def group_is_shown(size: int, larger_sizes: Iterable[int] = ()) -> bool:
    """Rules 1 and 2: `size` is the group's, `larger_sizes` those of the groups it was cut from."""
    return size >= MIN_GROUP and all(
        larger - size == 0 or larger - size >= MIN_GROUP for larger in larger_sizes
    )


def hidden_cells(counts: Mapping[str, int]) -> set[str]:
    """Rule 3: the keys of a row's cells that must not be shown."""
    hidden = {key for key, count in counts.items() if 0 < count < MIN_GROUP}
    if len(hidden) == 1:
        others = [(count, key) for key, count in counts.items() if count and key not in hidden]
        if others:
            hidden.add(min(others)[1])
    return hidden
