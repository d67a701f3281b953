"""What a consultation's results may show, by the network's disclosure rules (network.anonymity,
README « Rules » 3 and 4) with the stakeholders as the counted units; pure.

- Nothing before MIN_RESPONDENTS answers, and no figure (a question's, a section's, an enjeu's)
  that fewer than MIN_RESPONDENTS answers make: a mean of fewer would be close to one person's.
- A category is shown (its count, its notes, its comments under its name) with MIN_RESPONDENTS
  answers or more, and only if the whole and the categories shown still differ by none or by at
  least MIN_RESPONDENTS answers: « all » minus « companies » must describe no small group.
- Never one respondent's answers: only means, counts of categories shown, and comments, which
  are listed in an order that says nothing of when they came.
"""

from collections.abc import Mapping

from network.anonymity import MIN_COUNT, WHOLE, left_out, shown_groups

MIN_RESPONDENTS = MIN_COUNT  # the one threshold, the network's


class _Said:
    """A respondent's record for the network's rules: an answer never changes once given."""

    digest = ""


SAID = _Said()


def enough(count: int) -> bool:
    return count >= MIN_RESPONDENTS


def shown_categories(members: Mapping[str, list]) -> set[str]:
    """The categories (category → its respondents' ids) whose figures may be shown."""
    groups = {WHOLE: {pk: SAID for pks in members.values() for pk in pks}}
    groups |= {("category", code): {pk: SAID for pk in pks} for code, pks in members.items()}
    parts = sorted(key for key in shown_groups(groups) if key != WHOLE)
    # The whole minus the categories shown describes none or enough respondents.
    while parts and 0 < left_out(groups[WHOLE], [groups[key] for key in parts]) < MIN_COUNT:
        parts.remove(min(parts, key=lambda key: (len(groups[key]), key)))
    return {code for _, code in parts}
