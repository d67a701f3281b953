"""The 28 levers (guide-structure §2.7): canonical name (sommaire wording), aliases, sheets.

The 27 of the matrix, then the strategy section's « Démarche Agenda 21 », which only the grid
prints (the lever column of its four strategy rows, L442–L445 and L488–L489).

Shared by `content` (which adds each lever's description and lines from the synopsis pages) and
`grid` (which links questions to levers by slug).
"""

from typing import NamedTuple


class LeverSpec(NamedTuple):
    section: str
    slug: str
    name: str
    aliases: tuple[str, ...]
    sheets: tuple[str, ...]


STRATEGY_LEVER = "demarche-agenda-21"

LEVERS: tuple[LeverSpec, ...] = (
    LeverSpec("S", STRATEGY_LEVER, "Démarche Agenda 21", (), ("+",)),
    LeverSpec("1A", "concertation-parties-prenantes", "Concertation avec les parties prenantes",
              ("Implication des parties prenantes",), ("1",)),
    LeverSpec("1A", "evaluation-amelioration-continue", "Evaluation et amélioration continue",
              ("Évaluation et amélioration continue",), ("2",)),
    LeverSpec("1A", "responsabilite-rendre-compte", "Responsabilité de rendre compte",
              (), ("1",)),
    LeverSpec("2A", "promotion-rse-sphere-influence",
              "Promotion de la RSE dans la sphère d'influence",
              ("Promotion du développement durable dans la sphère d'influence",), ("3", "4")),
    LeverSpec("2A", "partage-reflexion-prospective", "Partage de la réflexion prospective",
              (), ("5", "6")),
    LeverSpec("2A", "demarches-territoriales-dd", "Démarches territoriales de DD",
              ("Démarches territoriales de développement durable",), ("7",)),
    LeverSpec("2A", "bonnes-pratiques-affaires", "Bonnes pratiques des affaires", (), ("8",)),
    LeverSpec("1B", "processus-projet", "Processus projet", (), ("9", "10")),
    LeverSpec("2B", "acv-eco-conception", "Analyse du cycle de vie (ACV) et éco-conception",
              (), ("11", "12")),
    LeverSpec("2B", "protection-biodiversite", "Protection de la biodiversité", (), ("13",)),
    LeverSpec("2B", "reduction-dechets-dangereux", "Réduction des déchets dangereux et polluants",
              ("Réduction des déchets dangereux et des rejets polluants",), ("14",)),
    LeverSpec("2B", "ecologie-industrielle", "Ecologie industrielle",
              ("Écologie industrielle",), ("15",)),
    LeverSpec("2B", "maitrise-demande-energie", "Maîtrise de la demande en énergie",
              (), ("16", "17")),
    LeverSpec("2B", "consommations-responsables", "Consommations responsables", (), ("18",)),
    LeverSpec("2B", "gestion-risques-naturels", "Gestion des risques naturels et environnementaux",
              (), ("19",)),
    LeverSpec("1C", "formation-employabilite-equipe", "Formation et employabilité de l'équipe",
              (), ("20",)),
    LeverSpec("1C", "montee-competences-dd", "Montée en compétences sur le DD", (), ("21",)),
    LeverSpec("2C", "formations", "Formations", (), ("22", "23")),
    LeverSpec("2C", "anticipation-competences-filiere",
              "Anticipation des compétences pour la filière", (),
              ("24", "25", "26", "27", "28")),
    LeverSpec("2C", "communication-metiers-filiere", "Communication sur les métiers de la filière",
              (), ("29",)),
    LeverSpec("2C", "mesures-emploi-salaries", "Mesures en faveur de l'emploi et des salariés",
              ("Mesures en faveur de l'emploi des salariés",), ("30", "31")),
    LeverSpec("2C", "prevention-risques-sanitaires", "Prévention des risques sanitaires au travail",
              ("Prévention sur les risques sanitaires au travail",), ("32",)),
    LeverSpec("1D", "durabilite-projets", "Durabilité des projets et amélioration continue",
              ("Durabilité des projets/amélioration continue",), ("33",)),
    LeverSpec("2D", "projets-rd-demonstrateurs",
              "Projets de R&D, projets structurants et démonstrateurs", (), ()),
    LeverSpec("2D", "ouverture-internationale-recherche",
              "Ouverture internationale de la recherche", (), ("34",)),
    LeverSpec("2D", "ouverture-recherche-societe-civile",
              "Ouverture de la recherche au public et à la société civile",
              ("Ouverture de la recherche à la société civile",), ("35",)),
    LeverSpec("2D", "marketing-management-innovation", "Marketing et management de l'innovation",
              (), ("36",)),
)
