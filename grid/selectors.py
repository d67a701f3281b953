"""Reads of assessments and grid versions. Those that start from a user are scoped through the
user's memberships (clusters.access, or its join on memberships within one query:
assessment_for_user); the others take a cluster, an assessment or ids the caller reached that
way."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Max, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.names import person_name
from clusters.models import Cluster, Membership

from . import rules
from .annotations import QuestionNote, notes_for
from .changes import BLANK, StoredRows, custom_key
from .evidence import link_host
from .filters import CHANGED, MINE, UNANSWERED
from .layout import CUSTOM_CHOICES, QuestionLayout, SectionLayout, fragments, grid_layout
from .maturity import Band, Scale, level_of
from .models import (
    Answer,
    Assessment,
    Assignment,
    Campaign,
    CustomAnswer,
    Evidence,
    GridDisplay,
    GridVersion,
    MaturityLevel,
    Transition,
)
from .scoring import (
    AnswerValue,
    CustomRow,
    GridSpec,
    Scores,
    score,
    scores_from_json,
)
from .specs import grid_spec, grid_spec_by_code

User = get_user_model()


def assessment_for_user(user, slug: str, year: int) -> tuple[Membership, Assessment]:
    """The cluster's assessment of `year` and the user's membership of the cluster, in one
    query; 404 for outsiders and unknown years alike."""
    if not user.is_authenticated:  # no pk: the join below would match clusters without members
        raise Http404
    found = (
        Assessment.objects.select_related("campaign__version", "cluster")
        .filter(cluster__slug=slug, campaign__year=year, cluster__memberships__user=user.pk)
        .annotate(membership_pk=F("cluster__memberships__pk"),
                  membership_role=F("cluster__memberships__role"))
        .first()
    )
    if found is None:
        raise Http404
    membership = Membership(pk=found.membership_pk, user=user, cluster=found.cluster,
                            role=found.membership_role)
    return membership, found


def answers_of(assessment_ids: Collection[int]) -> dict[int, StoredRows]:
    """The stored answers and « autres actions » of assessments, by id, in two queries: the one
    read of answers that scoring, pages, exports, comparisons and writes share."""
    answers: dict[int, dict] = {pk: {} for pk in assessment_ids}
    custom: dict[int, dict] = {pk: {} for pk in assessment_ids}
    revisions: dict[int, dict] = {pk: {} for pk in assessment_ids}
    if assessment_ids:
        for pk, code, value, comment, revision in (
            Answer.objects.filter(assessment_id__in=assessment_ids)
            .order_by("question__order")
            .values_list("assessment_id", "question__code", "value", "comment", "revision")
        ):
            answers[pk][code] = AnswerValue(value or None, comment)
            revisions[pk][code] = revision
        for pk, enjeu, label, level, bareme, value, revision in (
            CustomAnswer.objects.filter(assessment_id__in=assessment_ids)
            .order_by("enjeu__code")
            .values_list("assessment_id", "enjeu__code", "label", "level", "bareme", "value",
                         "revision")
        ):
            custom[pk][enjeu] = CustomRow(enjeu, label, level, bareme, value or None)
            revisions[pk][custom_key(enjeu)] = revision
    return {pk: StoredRows(answers[pk], custom[pk], revisions[pk]) for pk in assessment_ids}


def assessment_rows(assessment: Assessment) -> StoredRows:
    return answers_of([assessment.pk])[assessment.pk]


def assessment_inputs(assessment: Assessment) -> tuple[GridSpec, dict, list[CustomRow]]:
    """The assessment as the plain data scoring works on."""
    rows = assessment_rows(assessment)
    return grid_spec(assessment.campaign.version), rows.answers, rows.custom_rows


def cluster_assessments(cluster: Cluster, before: int | None = None) -> list[Assessment]:
    assessments = Assessment.objects.filter(cluster=cluster)
    if before is not None:
        assessments = assessments.filter(campaign__year__lt=before)
    return list(
        assessments
        .select_related("campaign__version")
        .order_by("-campaign__year")
    )


def previous_assessment(cluster: Cluster, year: int) -> Assessment | None:
    """The cluster's latest assessment before `year`: the one a new year carries answers from."""
    return (
        Assessment.objects.filter(cluster=cluster, campaign__year__lt=year)
        .select_related("campaign").order_by("-campaign__year").first()
    )


def open_campaigns(membership: Membership) -> list[Campaign]:
    """Campaign years the cluster has not started yet."""
    return list(
        Campaign.objects.exclude(assessments__cluster=membership.cluster).select_related("version")
    )


@dataclass(frozen=True)
class EvidenceItem:
    """A file or link attached to an answer, as pages, the PDF and export.json show it."""

    pk: int
    kind: str
    label: str
    name: str = ""
    size: int | None = None
    sha256: str = ""
    content_type: str = ""
    url: str = ""

    @property
    def is_file(self) -> bool:
        return self.kind == Evidence.Kind.FILE

    @property
    def host(self) -> str:
        return link_host(self.url)

    def as_json(self) -> dict:
        if self.is_file:
            return {"kind": self.kind, "label": self.label, "name": self.name, "size": self.size,
                    "sha256": self.sha256, "content_type": self.content_type}
        return {"kind": self.kind, "label": self.label, "url": self.url}


def evidence_by_code(assessment: Assessment) -> dict[str, tuple[EvidenceItem, ...]]:
    """The assessment's evidence by question code, in the order it was added; one query."""
    found: dict[str, list[EvidenceItem]] = {}
    for code, *fields in (
        Evidence.objects.filter(answer__assessment=assessment).order_by("added_at", "pk")
        .values_list("answer__question__code", "pk", "kind", "label", "name", "size", "sha256",
                     "content_type", "url")
    ):
        found.setdefault(code, []).append(EvidenceItem(*fields))
    return {code: tuple(items) for code, items in found.items()}


def evidence_file(assessment: Assessment, pk: int) -> Evidence | None:
    """One file of the assessment's evidence (None for a link, or another year's)."""
    return Evidence.objects.filter(pk=pk, answer__assessment=assessment,
                                   kind=Evidence.Kind.FILE).first()


def evidence_code(assessment: Assessment, pk: int) -> str | None:
    """The question code a piece of the assessment's evidence belongs to (None if not its)."""
    return (Evidence.objects.filter(pk=pk, answer__assessment=assessment)
            .values_list("answer__question__code", flat=True).first())


@dataclass(frozen=True)
class PreviousAnswer:
    """A question's answer in the cluster's last validated year (`last_validated_answers`)."""

    year: int
    value: str


def last_validated_answers(assessment: Assessment) -> dict[str, PreviousAnswer]:
    """The answers of the cluster's latest validated year before `assessment`'s, by question
    code (the same code across grid versions), blank ones left out; one query."""
    latest = (
        Assessment.objects.filter(cluster_id=assessment.cluster_id,
                                  campaign__year__lt=assessment.campaign.year,
                                  status=Assessment.Status.VALIDATED)
        .order_by("-campaign__year").values("pk")[:1]
    )
    return {
        code: PreviousAnswer(year, value)
        for year, code, value in Answer.objects.filter(assessment_id=Subquery(latest))
        .exclude(value="").values_list("assessment__campaign__year", "question__code", "value")
    }


@dataclass(frozen=True)
class FormRow:
    """A question of the grid page with the answer it shows (stored, or as posted and refused)."""

    layout: QuestionLayout
    value: str
    comment: str
    revision: int
    errors: tuple[str, ...] = ()
    notes: tuple[QuestionNote, ...] = ()  # what other apps say of the question (plans)
    assignment: "AssignmentView | None" = None  # who answers it (its own, or its section's)
    mine: bool = False  # the person reading the page answers it
    assign_kept: "AssignKept | None" = None  # a refused assignment of it, as typed
    evidence: tuple[EvidenceItem, ...] = ()
    evidence_page: str = ""  # where the answer's evidence is added and removed
    previous: PreviousAnswer | None = None  # its answer in the last validated year

    @property
    def changed(self) -> bool:
        """Answered otherwise than in the last validated year (marked on the row)."""
        return bool(self.value and self.previous and self.value != self.previous.value)

    @property
    def filters(self) -> list[str]:
        """The keys of the grid's filters (grid.filters) that keep this row, which the row
        carries as `data-filter-<key>` (the page's script keeps the first two up to date)."""
        keys = set()
        if not self.value:
            keys.add(UNANSWERED)
        if self.changed:
            keys.add(CHANGED)
        if self.mine:
            keys.add(MINE)
        return sorted(keys)

    @property
    def code(self) -> str:
        return self.layout.code

    @property
    def links(self) -> list[QuestionNote]:
        return [note for note in self.notes if not note.offer]

    @property
    def offers(self) -> list[QuestionNote]:
        return [note for note in self.notes if note.offer]

    @property
    def state(self) -> tuple:
        """Everything the row prints that is not the version's (see FormSection.state)."""
        return (self.code, self.value, self.comment, self.revision, self.errors, self.notes,
                self.assignment, self.mine, self.assign_kept, self.evidence, self.evidence_page,
                self.previous)


@dataclass(frozen=True)
class CustomRowState:
    """An « autre action » row of the grid page, as stored or as posted and refused."""

    enjeu: str
    label: str
    level: int | None
    bareme: int | None
    value: str
    revision: int
    errors: tuple[str, ...] = ()
    choices = CUSTOM_CHOICES

    @property
    def prefix(self) -> str:
        return custom_key(self.enjeu)

    @property
    def selected_level(self) -> str:
        """The level and barème as their options' values (a refused post carries them typed)."""
        return str(self.level or "")

    @property
    def selected_bareme(self) -> str:
        return str(self.bareme or "")

    @property
    def state(self) -> tuple:
        return (self.enjeu, self.label, self.selected_level, self.selected_bareme, self.value,
                self.revision, self.errors)


@dataclass(frozen=True)
class AssignKept:
    """An assignment the server refused, shown again as the person typed it, with why."""

    target: str  # « section:1A », « question:1A-1 »
    assignee: str
    due_on: str
    errors: tuple[str, ...]


@dataclass
class FormSection:
    layout: SectionLayout
    questions: list[FormRow]
    custom: CustomRowState | None  # closes each enjeu's level-2 section
    assignment: "AssignmentView | None" = None
    assign_kept: AssignKept | None = None

    @property
    def answered(self) -> int:
        return sum(1 for row in self.questions if row.value)

    @property
    def state(self) -> tuple:
        """What the section's rows print of the assessment: with the version's fragments, the
        display and the person's right to edit, the key of the section's HTML in the cache
        (templates/grid/grid.html), which a change of any of its rows changes."""
        return (self.layout.code, *(row.state for row in self.questions),
                self.custom.state if self.custom else None, self.assignment, self.assign_kept)


def grid_form(assessment: Assessment, *, can_edit: bool,
              kept: Mapping[str, dict] | None = None, reader=None, today: date | None = None,
              assign_kept: AssignKept | None = None) -> dict:
    """The grid page's rows: the version's layout (read once, grid.layout) filled with the
    stored answers, each beside its answer of the last validated year, who answers each
    section and question (`reader`'s own marked), and the live notes of those answers.

    `kept` maps row keys to what a refused post carried (fields, and `errors`): those rows show
    what the person typed, with why it was not saved, instead of the stored answer;
    `assign_kept` does so for a refused assignment.
    """
    kept = kept or {}
    assignments = assignments_of(assessment, today or timezone.localdate())
    reader_pk = getattr(reader, "pk", None)
    previous = last_validated_answers(assessment)

    def kept_for(target):
        return assign_kept if assign_kept and assign_kept.target == target else None

    version = assessment.campaign.version
    layout = grid_layout(version)
    notes = notes_for(assessment, [question.code for question in layout.questions],
                      can_edit=can_edit)
    rows = assessment_rows(assessment)
    evidence = evidence_by_code(assessment)
    page_args = [assessment.cluster.slug, assessment.campaign.year]
    sections = []
    for section in layout.sections:
        questions = []
        for question in section.questions:
            answer = rows.answers.get(question.code, BLANK)
            who = question_assignee(assignments, question.code, section.code)
            if who and who.late and answer.answer:  # late is work left undone past its date
                who = replace(who, late=False)
            row = FormRow(question, answer.answer or "", answer.comment,
                          rows.revisions.get(question.code, 0),
                          notes=tuple(notes.get(question.code, ())), assignment=who,
                          mine=bool(who and who.assignee_pk == reader_pk),
                          assign_kept=kept_for(f"question:{question.code}"),
                          evidence=evidence.get(question.code, ()),
                          evidence_page=reverse("grid:evidence",
                                                args=[*page_args, question.code]),
                          previous=previous.get(question.code))
            if question.code in kept:
                row = replace(row, **kept[question.code])
            questions.append(row)
        custom = None
        if section.has_custom:
            key = custom_key(section.enjeu_code)
            stored = rows.custom.get(section.enjeu_code, CustomRow(section.enjeu_code))
            custom = replace(CustomRowState(
                section.enjeu_code, stored.label, stored.level, stored.bareme,
                stored.answer or "", rows.revisions.get(key, 0),
            ), **kept.get(key, {}))
        assigned = assignments.get(f"section:{section.code}")
        if assigned and assigned.late and all(
                rows.answers.get(q.code, BLANK).answer for q in section.questions):
            assigned = replace(assigned, late=False)
        sections.append(FormSection(section, questions, custom, assigned,
                                    kept_for(f"section:{section.code}")))
    return {
        "assignees": assignable_members(assessment.cluster_id) if can_edit else (),
        "mine_count": sum(row.mine for group in sections for row in group.questions),
        "sections": sections,
        "answered": rows.answered,
        "total": len(rows.answers),
        "missing": rules.missing_answers(rows.answers),  # what keeps it from being submitted
        "scores": score(layout.spec, rows.answers, rows.custom_rows),
        "spec": layout.spec,
        "fragments": fragments(version),
        "previous_year": next(iter(previous.values())).year if previous else None,
    }


def transitions(assessment: Assessment) -> list[Transition]:
    return list(assessment.transitions.select_related("by"))


def last_returns(assessments: Collection[Assessment]) -> dict[int, Transition]:
    """For each returned year among `assessments`, by id, the board's step that returned it
    (its comment, who, when): what the team reads before submitting again. One query."""
    returned = [a.pk for a in assessments if a.status == Assessment.Status.RETURNED]
    latest = _latest_steps(returned, [Assessment.Status.RETURNED])
    return {assessment_id: step for (assessment_id, _status), step in latest.items()}


def _latest_steps(assessment_ids: Collection[int],
                  statuses: Collection[str]) -> dict[tuple[int, str], Transition]:
    """The latest step of these assessments to each of `statuses`, by (assessment id, status),
    with who took it: one query (none without assessments)."""
    steps = {}
    if assessment_ids:
        for step in (Transition.objects.filter(assessment_id__in=assessment_ids,
                                               to_status__in=statuses)
                     .select_related("by").order_by("at", "pk")):
            steps[step.assessment_id, step.to_status] = step  # the latest wins
    return steps


def latest_transitions(assessment: Assessment, count: int) -> tuple[list[Transition], int]:
    """The assessment's latest `count` workflow steps, oldest first, and how many it has in
    all: one query, whatever their number."""
    latest = list(
        assessment.transitions.select_related("by")
        .annotate(steps=Window(Count("pk")))
        .order_by("-at", "-pk")[:count]
    )
    return latest[::-1], latest[0].steps if latest else 0


@dataclass
class OverviewRow:
    assessment: Assessment
    scores: Scores
    stored: bool

    @property
    def global_value(self) -> float | None:
        if self.scores.global_note is None or self.scores.unanswered:
            return None  # no note to draw
        return float(self.scores.global_note)


def cluster_overview(membership: Membership) -> list[OverviewRow]:
    return cluster_years(membership.cluster)


def cluster_years(cluster: Cluster, before: int | None = None) -> list[OverviewRow]:
    """Every year of the cluster (or those `before` a year), newest first, with stored scores or,
    for open years, live ones."""
    assessments = cluster_assessments(cluster, before)
    inputs = answers_of([a.pk for a in assessments if a.scores is None])
    specs: dict[int, GridSpec] = {}
    rows = []
    for assessment in assessments:
        if assessment.scores is not None:
            rows.append(OverviewRow(assessment, scores_from_json(assessment.scores), True))
            continue
        version = assessment.campaign.version
        spec = specs.setdefault(version.pk, grid_spec(version))
        stored = inputs[assessment.pk]
        rows.append(OverviewRow(assessment, score(spec, stored.answers, stored.custom_rows), False))
    return rows


def assessment_scores(assessment: Assessment, spec: GridSpec, answers: dict,
                      custom: list[CustomRow]) -> Scores:
    """Submitted years keep the scores stored with them (history does not move, DESIGN §5);
    open years are scored live."""
    if assessment.scores:
        return scores_from_json(assessment.scores)
    return score(spec, answers, custom)


def grid_version_is_frozen(version: GridVersion) -> bool:
    """A version any assessment uses keeps its questions and barèmes for good (DESIGN §3)."""
    return Assessment.objects.filter(campaign__version=version).exists()


def grid_is_compact(user) -> bool:
    return GridDisplay.objects.filter(user=user, compact=True).exists()


def maturity_scales(version_ids: Collection[int]) -> dict[int, Scale]:
    """The maturity levels of grid versions, by version id, in one query (lowest first)."""
    scales: dict[int, list[Band]] = {pk: [] for pk in version_ids}
    if version_ids:
        for version_id, rank, letter, name, bound in (
            MaturityLevel.objects.filter(version_id__in=version_ids)
            .order_by("version_id", "rank")
            .values_list("version_id", "rank", "letter", "name", "lower_bound")
        ):
            scales[version_id].append(Band(rank, letter, name, bound))
    return {pk: tuple(bands) for pk, bands in scales.items()}


def maturity_scale(version_id: int) -> Scale:
    return maturity_scales([version_id])[version_id]


def latest_maturity_scale() -> tuple[GridVersion | None, Scale]:
    """The levels of the grid version in use (the latest campaign's, else the latest version),
    with the version, in one query: what the « La démarche » page explains."""
    latest_campaign = Campaign.objects.order_by("-year").values("version_id")[:1]
    latest_version = GridVersion.objects.order_by("-created_at", "-pk").values("pk")[:1]
    levels = list(
        MaturityLevel.objects.select_related("version")
        .filter(version_id=Coalesce(Subquery(latest_campaign), Subquery(latest_version)))
        .order_by("rank")
    )
    version = levels[0].version if levels else None
    return version, tuple(
        Band(level.rank, level.letter, level.name, level.lower_bound) for level in levels
    )


@dataclass(frozen=True)
class YearState:
    """Where one cluster's year stands, as a person's home and « Mes pôles » show it: its notes
    (stored, or live for an open year), its maturity level, the first question still blank, and
    the workflow step that explains its status (the submission awaiting the board, the board's
    return)."""

    assessment: Assessment
    scores: Scores
    maturity: Band | None
    next_question: str | None  # the first blank question's code, for an open year
    remaining: int  # questions still blank
    step: Transition | None  # the last submission (submitted) or return (returned)

    @property
    def year(self) -> int:
        return self.assessment.campaign.year

    @property
    def status(self) -> str:
        return self.assessment.status


# Statuses the step that led to them explains: who submitted, who returned the year and why.
EXPLAINED = (Assessment.Status.SUBMITTED, Assessment.Status.RETURNED)


def current_years(cluster_ids: Collection[int]) -> dict[int, YearState]:
    """Each cluster's latest year (its current one), by cluster id: five queries, whatever the
    number of clusters, years and questions."""
    latest = (
        Assessment.objects.filter(cluster_id__in=cluster_ids)
        .annotate(rank=Window(RowNumber(), partition_by=F("cluster_id"),
                              order_by=F("campaign__year").desc()))
        .filter(rank=1)
    )
    return {state.assessment.cluster_id: state for state in year_states(latest)}


def years_awaiting_board(cluster_ids: Collection[int]) -> list[YearState]:
    """The submitted years of these clusters, oldest submission first: what their board has to
    validate or return."""
    states = year_states(Assessment.objects.filter(cluster_id__in=cluster_ids,
                                                   status=Assessment.Status.SUBMITTED))
    return sorted(states, key=lambda state: state.step.at if state.step
                  else state.assessment.updated_at)


def year_states(assessments) -> list[YearState]:
    """The YearState of each assessment of a queryset the caller scoped, in four more queries:
    the answers of open years (two), the maturity levels, the explaining steps."""
    found = list(assessments.select_related("campaign__version", "cluster")
                 .order_by("cluster__name", "-campaign__year"))
    live = answers_of([a.pk for a in found if a.scores is None or a.is_editable])
    scales = maturity_scales({a.campaign.version_id for a in found})
    steps = _latest_steps([a.pk for a in found], EXPLAINED)
    states = []
    for assessment in found:
        stored = live.get(assessment.pk)
        blank = [code for code, value in stored.answers.items()
                 if value.answer is None] if stored else []
        if assessment.scores is not None:
            scores = scores_from_json(assessment.scores)
        else:
            spec = grid_spec_by_code(assessment.campaign.version.code)
            scores = score(spec, stored.answers, stored.custom_rows)
        scale = scales[assessment.campaign.version_id]
        states.append(YearState(
            assessment, scores, level_of(scores.global_note, scale),
            blank[0] if blank and assessment.is_editable else None, len(blank),
            steps.get((assessment.pk, assessment.status)),
        ))
    return states


def latest_steps(cluster_ids: Collection[int], count: int) -> list[Transition]:
    """The latest `count` workflow steps of these clusters' years, newest first: one query."""
    return list(
        Transition.objects.filter(assessment__cluster_id__in=cluster_ids)
        .select_related("by", "assessment__cluster", "assessment__campaign")
        .order_by("-at", "-pk")[:count]
    )


@dataclass(frozen=True)
class AnswerEdits:
    """Answers of one year someone changed: how many, and when last."""

    cluster: Cluster
    year: int
    author: str
    count: int
    at: datetime  # of the last change


def latest_answer_edits(cluster_ids: Collection[int], count: int) -> list[AnswerEdits]:
    """The latest `count` groups of changed answers (one per year and person), newest first:
    one query. An answer never changed since the year opened (revision 0) is not one."""
    rows = (
        Answer.objects.filter(assessment__cluster_id__in=cluster_ids, revision__gt=0)
        .values("assessment__cluster__pk", "assessment__cluster__name",
                "assessment__cluster__slug", "assessment__campaign__year", "updated_by__pk",
                "updated_by__username", "updated_by__first_name", "updated_by__last_name")
        .annotate(count=Count("pk"), at=Max("updated_at")).order_by("-at")[:count]
    )
    return [AnswerEdits(
        Cluster(pk=row["assessment__cluster__pk"], name=row["assessment__cluster__name"],
                slug=row["assessment__cluster__slug"]),
        row["assessment__campaign__year"],
        person_name(User(username=row["updated_by__username"],
                         first_name=row["updated_by__first_name"],
                         last_name=row["updated_by__last_name"])
                    if row["updated_by__pk"] else None),
        row["count"], row["at"],
    ) for row in rows]


@dataclass(frozen=True)
class AssignmentView:
    """Who answers a section or a question, as pages show it; `direct` is False on a question
    that follows its section's assignee. `late`: past its due date (pages then keep it for work
    still unanswered)."""

    assignee_pk: int
    name: str
    due_on: date | None
    late: bool
    direct: bool = True


def _editors_assignments(cluster_id: int):
    """Assignments whose assignee is still on the cluster's team: one who left or became a
    board member answers nothing any more, and their assignments are shown nowhere."""
    return Assignment.objects.filter(
        assignee__memberships__cluster_id=cluster_id,
        assignee__memberships__role=Membership.Role.EDITOR,
    )


def assignments_of(assessment: Assessment, today: date) -> dict[str, AssignmentView]:
    """The year's assignments by target (« section:1A », « question:1A-1 »): one query."""
    found = {}
    for section, question, pk, username, first, last, due_on in (
        _editors_assignments(assessment.cluster_id).filter(assessment=assessment)
        .values_list("section__code", "question__code", "assignee_id", "assignee__username",
                     "assignee__first_name", "assignee__last_name", "due_on")
    ):
        name = person_name(User(username=username, first_name=first, last_name=last))
        key = f"question:{question}" if question else f"section:{section}"
        found[key] = AssignmentView(pk, name, due_on, bool(due_on and due_on < today))
    return found


def question_assignee(assignments: Mapping[str, AssignmentView], code: str,
                      section: str) -> AssignmentView | None:
    """Who answers a question: its own assignee, else its section's."""
    if direct := assignments.get(f"question:{code}"):
        return direct
    if inherited := assignments.get(f"section:{section}"):
        return replace(inherited, direct=False)
    return None


def assignable_members(cluster_id: int) -> tuple[tuple[int, str], ...]:
    """The team members a section or a question may be assigned to, by name: one query."""
    people = User.objects.filter(is_active=True, memberships__cluster_id=cluster_id,
                                 memberships__role=Membership.Role.EDITOR)
    return tuple(sorted(((person.pk, person_name(person)) for person in people),
                        key=lambda pair: pair[1].casefold()))


@dataclass(frozen=True)
class AssignedQuestion:
    """A question someone answers, on their home page: late when its due date passed with no
    answer given."""

    cluster: Cluster
    year: int
    code: str
    text: str
    due_on: date | None
    late: bool
    answered: bool


def assigned_questions(user, cluster_ids: Collection[int], today: date) -> list[AssignedQuestion]:
    """The questions of open years of these clusters that `user` answers (assigned on their own
    or with their section), late first, then by due date, cluster, year and grid order: three
    queries, whatever the number of clusters, years and questions (the versions' layouts are
    read once per process, grid.layout)."""
    open_years = Assessment.objects.filter(cluster_id__in=cluster_ids,
                                           status__in=Assessment.EDITABLE)
    rows = list(
        Assignment.objects.filter(assessment__in=open_years, assignee__memberships__role=(
            Membership.Role.EDITOR), assignee__memberships__cluster=F("assessment__cluster"))
        .select_related("assessment__cluster", "assessment__campaign__version", "section",
                        "question")
    )
    mine = {row.assessment_id for row in rows if row.assignee_id == user.pk}
    by_year: dict[int, dict[str, AssignmentView]] = {}
    years: dict[int, Assessment] = {}
    for row in rows:
        if row.assessment_id not in mine:
            continue
        years[row.assessment_id] = row.assessment
        key = f"question:{row.question.code}" if row.question_id else f"section:{row.section.code}"
        by_year.setdefault(row.assessment_id, {})[key] = AssignmentView(
            row.assignee_id, "", row.due_on, bool(row.due_on and row.due_on < today))
    answered = {
        (pk, code) for pk, code in Answer.objects.filter(assessment_id__in=mine)
        .exclude(value="").values_list("assessment_id", "question__code")
    } if mine else set()
    found = []
    for pk, assignments in by_year.items():
        assessment = years[pk]
        for order, question in enumerate(grid_layout(assessment.campaign.version).questions):
            who = question_assignee(assignments, question.code, question.section_code)
            if who is None or who.assignee_pk != user.pk:
                continue
            done = (pk, question.code) in answered
            found.append((order, AssignedQuestion(
                assessment.cluster, assessment.campaign.year, question.code, question.text,
                who.due_on, who.late and not done, done)))
    found.sort(key=lambda pair: (not pair[1].late, pair[1].due_on or date.max,
                                 pair[1].cluster.name, pair[1].year, pair[0]))
    return [question for _order, question in found]
