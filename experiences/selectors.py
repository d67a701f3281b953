from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from initiatives.models import Enjeu, Lever, Sheet
from initiatives.search import matches

from .models import Experience, ExperienceLever, ExperienceQuestion, ExperienceSheet, Theme

SEARCHED = ("title", "organisation", "region", "sector", "context", "actions", "results")


def _sheet_links():
    links = ExperienceSheet.objects.select_related("sheet").order_by("sheet__order")
    return Prefetch("sheet_links", queryset=links)


def published():
    return Experience.objects.filter(published=True)


def filter_choices() -> dict:
    return {
        "themes": list(Theme.objects.all()),
        "enjeux": list(Enjeu.objects.order_by("code")),
        "levers": list(Lever.objects.select_related("section").order_by("section__order", "order")),
        "regions": sorted(set(published().values_list("region", flat=True))),
    }


def experience_list(
    *, theme="", enjeu="", lever="", organisation_type="", region="", source="", words=()
) -> list[Experience]:
    """The published experiences that pass every filter and contain every word of the query
    (accents and case ignored, as the sheets' search)."""
    experiences = published()
    if theme:
        experiences = experiences.filter(themes__slug=theme)
    if enjeu:
        # A question code names its enjeu after its level (2C-12): items with no sheet count too.
        experiences = experiences.filter(
            Q(sheet_links__sheet__section__enjeu__code=enjeu)
            | Q(question_links__code__startswith=f"1{enjeu}-")
            | Q(question_links__code__startswith=f"2{enjeu}-")
        )
    if lever:
        experiences = experiences.filter(lever_links__lever__slug=lever)
    if organisation_type:
        experiences = experiences.filter(organisation_type=organisation_type)
    if region:
        experiences = experiences.filter(region=region)
    if source:
        experiences = experiences.filter(source=source)
    experiences = experiences.distinct().prefetch_related("themes", _sheet_links())
    return [e for e in experiences if not words or matches(list(words), *experience_text(e))]


def experience_text(experience: Experience) -> list[str]:
    return [getattr(experience, name) for name in SEARCHED]


def experience_search(words: list[str]) -> list[Experience]:
    """For the site search, in one query: nothing without words."""
    if not words:
        return []
    return [e for e in published() if matches(words, *experience_text(e))]


def experience_detail(slug: str) -> Experience:
    levers = ExperienceLever.objects.select_related("lever__section").order_by("lever__order")
    return get_object_or_404(
        published().prefetch_related(
            "themes",
            "key_figures",
            "question_links",
            _sheet_links(),
            Prefetch("lever_links", queryset=levers),
        ),
        slug=slug,
    )


def experiences_of_sheet(sheet: Sheet) -> list[ExperienceSheet]:
    """The published experiences that illustrate a sheet, with the reason of each link."""
    return list(
        ExperienceSheet.objects.filter(sheet=sheet, experience__published=True)
        .select_related("experience")
        .order_by("experience__order")
    )


def examples_of_questions(questions: dict[str, list[int]]) -> dict[str, Experience]:
    """One experience per grid question, given by code with the ids of its sheets: the first,
    in the catalogue's order, linked to the question itself, else to one of its sheets. The
    recommendations name it (« Ils l'ont fait »). Two queries, whatever the number of questions.
    """
    by_code, by_sheet = {}, {}
    coded = (
        ExperienceQuestion.objects.filter(code__in=list(questions), experience__published=True)
        .select_related("experience")
        .order_by("experience__order")
    )
    for link in coded:
        by_code.setdefault(link.code, link.experience)
    sheet_ids = {pk for pks in questions.values() for pk in pks}
    illustrated = (
        ExperienceSheet.objects.filter(sheet_id__in=sheet_ids, experience__published=True)
        .select_related("experience")
        .order_by("experience__order")
    )
    for link in illustrated:
        by_sheet.setdefault(link.sheet_id, link.experience)
    examples = {}
    for code, pks in questions.items():
        example = by_code.get(code) or next((by_sheet[pk] for pk in pks if pk in by_sheet), None)
        if example:
            examples[code] = example
    return examples
