"""Turns the hand-written source (fixtures/sources/experiences.json) into a loaddata fixture,
checked against the guide's fixture so that every link points at a sheet, lever or question that
exists. The output is byte-for-byte reproducible, so `--check` can compare it."""

import json
import re
from decimal import Decimal
from pathlib import Path

from .models import OrganisationType, Source, as_of_validator, lines_validator

# Personal contact data the sources print beside every item and we never store.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<!\d)0\d([ .]?\d\d){4}(?!\d)")
TEXT_FIELDS = ("title", "organisation", "region", "sector", "years", "context", "actions")
TEXT_FIELDS += ("results", "success_factors")


class SourceError(ValueError):
    pass


def guide_keys(guide: list[dict]) -> dict[str, set[str]]:
    keys = {"sheet": set(), "lever": set(), "question": set()}
    for record in guide:
        fields = record["fields"]
        if record["model"] == "initiatives.sheet":
            keys["sheet"].add(fields["number"])
        elif record["model"] == "initiatives.lever":
            keys["lever"].add(fields["slug"])
        elif record["model"] == "grid.question":
            keys["question"].add(fields["code"])
    return keys


def contact_data(text: str) -> list[str]:
    return EMAIL.findall(text) + [m.group(0) for m in PHONE.finditer(text)]


def problems_of(item: dict, themes: set[str], keys: dict[str, set[str]]) -> list[str]:
    slug = item["slug"]
    found = []
    if item["organisation_type"] not in OrganisationType.values:
        found.append(f"{slug}: type d'organisation inconnu {item['organisation_type']}")
    if item["source"] not in Source.values:
        found.append(f"{slug}: source inconnue {item['source']}")
    if not re.fullmatch(lines_validator.regex, item["source_lines"]):
        found.append(f"{slug}: lignes mal écrites {item['source_lines']}")
    found += [f"{slug}: thème inconnu {t}" for t in item["themes"] if t not in themes]
    # A sheet or a question is how a reader of the guide or the grid reaches the item; where
    # no sheet describes what it does, a question alone is better than a weak sheet link.
    if not item["sheets"] and not item["questions"]:
        found.append(f"{slug}: aucune fiche ni question liée")
    for kind, key in (("sheets", "sheet"), ("levers", "lever"), ("questions", "code")):
        for link in item[kind]:
            wanted = "question" if key == "code" else key
            if link[key] not in keys[wanted]:
                found.append(f"{slug}: {wanted} inconnu(e) {link[key]}")
            if not link["reason"].strip():
                found.append(f"{slug}: lien vers {link[key]} sans raison")
    for figure in item["key_figures"]:
        if not re.fullmatch(as_of_validator.regex, figure["as_of"]):
            found.append(f"{slug}: date de chiffre mal écrite {figure['as_of']}")
    for name in TEXT_FIELDS:
        found += [f"{slug}: coordonnée dans {name} : {hit}" for hit in contact_data(item[name])]
    return found


# After the guide's 46 terms, so that their order in the guide stays theirs.
GLOSSARY_ORDER = 100


def glossary_records(terms: list[dict], guide: list[dict], keys) -> tuple[list, list[str]]:
    """The companion documents' terms the experiences use, each with its source, and their links
    to sheets (`proposed`: the guide does not print them)."""
    taken = {r["fields"]["slug"] for r in guide if r["model"] == "glossary.glossaryterm"}
    records, found = [], []
    for order, term in enumerate(terms, start=GLOSSARY_ORDER + 1):
        slug = term["slug"]
        if slug in taken:
            found.append(f"glossaire : {slug} est déjà un terme du guide")
        if not term["source"].strip() or not term["links"]:
            found.append(f"glossaire : {slug} sans source ou sans fiche")
        fields = {"slug": slug, "term": term["term"], "order": order}
        fields |= {"definition": term["definition"], "source_lines": "", "source": term["source"]}
        records.append({"model": "glossary.glossaryterm", "fields": fields})
        for link in term["links"]:
            if link["sheet"] not in keys["sheet"]:
                found.append(f"glossaire : {slug} renvoie à une fiche inconnue {link['sheet']}")
            fields = {"term": [slug], "sheet": [link["sheet"]], "kind": "proposed"}
            fields["note"] = link["note"]
            records.append({"model": "glossary.glossarylink", "fields": fields})
    return records, found


def build_records(source: dict, guide: list[dict]) -> list[dict]:
    themes = {theme["slug"] for theme in source["themes"]}
    keys = guide_keys(guide)
    found = [p for item in source["experiences"] for p in problems_of(item, themes, keys)]
    glossary, glossary_found = glossary_records(source.get("glossary", []), guide, keys)
    found += glossary_found
    slugs = [item["slug"] for item in source["experiences"]]
    found += [f"{slug}: identifiant en double" for slug in set(slugs) if slugs.count(slug) > 1]
    if found:
        raise SourceError("\n".join(found))

    records = [
        {"model": "experiences.theme", "fields": {**theme, "order": order}}
        for order, theme in enumerate(source["themes"], start=1)
    ]
    parts = []
    for order, item in enumerate(source["experiences"], start=1):
        slug = item["slug"]
        fields = {name: item[name] for name in ("slug", *TEXT_FIELDS)}
        fields.update(
            order=order,
            organisation_type=item["organisation_type"],
            source=item["source"],
            source_lines=item["source_lines"],
            summary_only=item["summary_only"],
            published=True,
            themes=[[theme] for theme in item["themes"]],
        )
        records.append({"model": "experiences.experience", "fields": fields})
        for rank, figure in enumerate(item["key_figures"], start=1):
            value = str(Decimal(str(figure["value"])).quantize(Decimal("0.01")))
            parts.append(
                {
                    "model": "experiences.keyfigure",
                    "fields": {"experience": [slug], "order": rank, **figure, "value": value},
                }
            )
        for link in item["sheets"]:
            fields = {"experience": [slug], "sheet": [link["sheet"]], "reason": link["reason"]}
            parts.append({"model": "experiences.experiencesheet", "fields": fields})
        for link in item["levers"]:
            fields = {"experience": [slug], "lever": [link["lever"]], "reason": link["reason"]}
            parts.append({"model": "experiences.experiencelever", "fields": fields})
        for link in item["questions"]:
            fields = {"experience": [slug], "code": link["code"], "reason": link["reason"]}
            parts.append({"model": "experiences.experiencequestion", "fields": fields})
    return glossary + records + parts


def build(source_path: Path, guide_path: Path) -> str:
    source = json.loads(source_path.read_text(encoding="utf-8"))
    guide = json.loads(guide_path.read_text(encoding="utf-8"))
    records = build_records(source, guide)
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
