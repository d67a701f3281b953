"""Demo data for `make run`: two clusters, three years for one of them, the four demo accounts."""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from clusters.models import Cluster, Membership
from clusters.services import membership_add

from . import rules, services
from .models import Campaign, GridVersion
from .scoring import ANSWERS, AnswerValue

PASSWORD = "demo"  # noqa: S105 - demo accounts, never loaded with production settings
YEARS = (2023, 2024, 2025)
CONTENT_APPS = ("initiatives", "glossary", "experiences", "grid", "clusters")


def _user(username: str, first_name: str, **flags):
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.first_name = first_name
    # An address, so that the demo's mails (written to var/mails/ under `make run`) are sent.
    user.email = f"{username}@demo.example.org"
    user.set_password(PASSWORD)
    for flag, value in flags.items():
        setattr(user, flag, value)
    user.save()
    return user


def _answer(rng: random.Random, progress: float) -> str:
    """An answer that improves with `progress` (0 → mostly « -- », 1 → mostly « ++ »)."""
    weights = [progress**2, progress, 1 - progress / 2, (1 - progress) ** 2]
    return rng.choices(ANSWERS, weights=weights)[0]


# What staff write beside a formal answer: evidence a board can check.
EVIDENCE = (
    "Formalisé dans le plan d'actions annuel, validé en conseil d'administration.",
    "Charte signée par les membres ; suivi une fois par an en comité de pilotage.",
    "Indicateurs publiés dans le rapport d'activité (p. 12 à 15).",
    "Démarche menée avec la région et l'agence de l'eau ; compte rendu disponible.",
)


def _fill(assessment, by, rng, progress: float, share: float = 1.0) -> None:
    # A separate generator for comments keeps the answers the same as before they existed.
    comments = random.Random(assessment.campaign.year)
    answers, revisions = {}, {}
    for answer in assessment.answers.select_related("question__section").order_by(
        "question__order"
    ):
        if rng.random() > share:
            continue
        value = _answer(rng, progress)
        comment = ""
        if answer.question.section.code != "S" and rng.random() < 0.05:
            value, comment = "na", "Sans objet pour notre filière cette année."
        elif value == "++" and comments.random() < 0.5:
            comment = comments.choice(EVIDENCE)
        code = answer.question.code
        answers[code] = AnswerValue(value, rules.normalise_text(comment))
        revisions[code] = answer.revision
    # One save for the year, as the grid's whole-form post (a tenth of the time of one each).
    services.answers_update(assessment=assessment, answers=answers, custom={},
                            revisions=revisions, by=by, all_or_nothing=True)


@transaction.atomic
def load_demo() -> bool:
    """Create the demo once; returns False when it is already there."""
    if Cluster.objects.filter(slug="pole-littoral-durable").exists():
        return False
    editor = _user("equipe", "Équipe du pôle")
    board = _user("conseil", "Conseil d'administration")
    network = _user("reseau", "Coordination nationale")
    admin = _user("admin", "Administration des contenus", is_staff=True)
    network.groups.add(Group.objects.get_or_create(name="network")[0])
    content = Group.objects.get_or_create(name="content-admin")[0]
    content.permissions.set(Permission.objects.filter(content_type__app_label__in=CONTENT_APPS))
    admin.groups.add(content)

    littoral = Cluster.objects.create(name="Pôle Littoral Durable", slug="pole-littoral-durable")
    energie = Cluster.objects.create(name="Pôle Énergies Nouvelles", slug="pole-energies-nouvelles")
    for cluster in (littoral, energie):
        membership_add(cluster=cluster, user=editor, role=Membership.Role.EDITOR)
        membership_add(cluster=cluster, user=board, role=Membership.Role.BOARD)

    version = GridVersion.objects.get(code="cgdd-2012")
    for year in YEARS:
        Campaign.objects.get_or_create(year=year, defaults={"version": version})

    rng = random.Random(2012)
    for year, progress in zip(YEARS[:2], (0.35, 0.6), strict=True):
        assessment = services.assessment_start(
            cluster=littoral, year=year, by=editor, prefill=year != YEARS[0]
        )
        _fill(assessment, editor, rng, progress)
        services.custom_answer_save(
            assessment=assessment, enjeu="B", level=2, bareme=3, value="+", by=editor,
            revision=assessment.custom_answers.get(enjeu__code="B").revision,
            label="Mutualisation des déchets de chantier naval entre adhérents du port",
        )
        services.assessment_submit(assessment=assessment, by=editor)
        services.assessment_validate(
            assessment=assessment, by=board, comment=f"Validée en conseil d'administration {year}."
        )
    draft = services.assessment_start(cluster=littoral, year=YEARS[2], by=editor, prefill=True)
    _fill(draft, editor, rng, 0.75, share=0.3)
    return True
