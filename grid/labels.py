"""What the interface calls answers, statuses and workflow steps, in one place (translatable).

Models, forms, pages, the PDF report and the exports take their words from here; levels are named
by `initiatives.labels`.
"""

from django.utils.translation import gettext_lazy as _

from .scoring import NOT_APPLICABLE

# The scale of the guide (L427–L430), as the grid prints it beside each choice.
ANSWER_LABELS = {
    "++": _("Tout à fait d'accord, le pôle a formellement effectué une action de ce type"),
    "+": _("Plutôt d'accord, le pôle effectue cette action de manière informelle"),
    "-": _("Plutôt pas d'accord, le pôle s'est préoccupé de cette action sans lui donner suite"),
    "--": _("Pas du tout d'accord, le pôle a laissé de côté ce type d'action"),
    NOT_APPLICABLE: _("Non applicable (justification obligatoire)"),
}

# The same answers in a few words, for tables of changes.
ANSWER_SHORT_LABELS = {
    "++": _("tout à fait d'accord"),
    "+": _("plutôt d'accord"),
    "-": _("plutôt pas d'accord"),
    "--": _("pas du tout d'accord"),
    NOT_APPLICABLE: _("non applicable"),
}
BLANK_ANSWER = _("sans réponse")


def answer_short_label(answer: str | None) -> str:
    return ANSWER_SHORT_LABELS.get(answer or "", BLANK_ANSWER)


STATUS_LABELS = {
    "draft": _("brouillon"),
    "submitted": _("soumise"),
    "validated": _("validée"),
    "returned": _("renvoyée"),
}

# A recorded step of the workflow, by (from, to) status.
STEP_LABELS = {
    ("draft", "draft"): _("Ouverte"),
    ("draft", "submitted"): _("Soumise"),
    ("returned", "submitted"): _("Soumise de nouveau"),
    ("submitted", "validated"): _("Validée"),
    ("submitted", "returned"): _("Renvoyée à l'équipe"),
    ("validated", "returned"): _("Rouverte"),
}


def step_label(from_status: str, to_status: str) -> str:
    return STEP_LABELS.get((from_status, to_status), STATUS_LABELS.get(to_status, to_status))


# The workflow's actions: the button a person presses, and what the page says once it is done.
ACTION_LABELS = {
    "submit": (_("Soumettre la grille"), _("Autoévaluation soumise.")),
    "validate": (_("Valider"), _("Autoévaluation validée.")),
    "return": (_("Renvoyer à l'équipe"), _("Renvoyée à l'équipe.")),
    "reopen": (_("Rouvrir"), _("Autoévaluation rouverte.")),
}
BOARD_ACTIONS = ("validate", "return", "reopen")  # the board's; « submit » is the team's

