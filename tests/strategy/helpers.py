"""A valid strategy's arguments, for the tests to spoil one thing at a time."""

from strategy.rules import AxisInput, ObjectiveInput


def two_axes(**first):
    return [
        AxisInput(**({"title": "Gouvernance partagée", "enjeux": ["A"], "levels": [1, 2],
                      "question_codes": ["1A-1"], "section_codes": ["1A"],
                      "rationale": "Le diagnostic 2025 montre une concertation faible.",
                      "objectives": [ObjectiveInput("enjeu:A", "60", "2027")]} | first)),
        AxisInput(title="Sobriété des événements", enjeux=["B"], levels=[2],
                  section_codes=["2B"],
                  objectives=[ObjectiveInput("section:2B", "45", "2026"),
                              ObjectiveInput("level:2", "40", "2027")]),
    ]


def arguments(cluster, by, **changes):
    """`by` is the responsible unless `changes` names another."""
    return {"cluster": cluster, "start_year": 2025, "end_year": 2027, "responsible": by,
            "process": "Un groupe de travail du CA, deux ateliers.",
            "stakeholders": ["company", "authority"],
            "organisations": "Région Bretagne\nADEME", "axes": two_axes()} | changes
