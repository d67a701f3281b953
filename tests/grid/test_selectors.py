"""grid.selectors.assessment_for_user: the membership and the assessment in one query."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from grid.selectors import assessment_for_user

pytestmark = pytest.mark.django_db


def test_each_member_gets_their_own_role(assessment, editor, board, django_assert_num_queries):
    with django_assert_num_queries(1):
        membership, found = assessment_for_user(editor, "pole-alpha", 2025)
    assert (found, membership.role, membership.user, membership.cluster) == (
        assessment, "editor", editor, assessment.cluster)
    assert membership.pk == editor.memberships.get().pk
    membership, _ = assessment_for_user(board, "pole-alpha", 2025)
    assert membership.role == "board" and membership.pk == board.memberships.get().pk


@pytest.mark.parametrize(("who", "slug", "year"), [
    ("outsider", "pole-alpha", 2025),  # a stranger to the cluster
    ("editor", "pole-alpha", 2024),  # a year the cluster has not started
    ("editor", "pole-beta", 2025),  # another cluster
    ("anonymous", "pole-alpha", 2025),
])
def test_anyone_else_gets_404(request, assessment, outsider, cluster_b, who, slug, year):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(Http404):
        assessment_for_user(user, slug, year)
