"""Writes of evidence: add a file or a link to an answer, remove one, carry a year's evidence
into the next (`assessment_start`), and the links of an imported file.

Each write locks the assessment's row and refuses a year that is no longer draft or returned:
evidence is frozen with its year. A refused file leaves nothing in the storage.
"""

from collections.abc import Callable, Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import evidence as rules
from ..models import Answer, Assessment, Evidence
from .locking import assessment_lock_editable


def _answer(assessment: Assessment, code: str) -> Answer:
    answer = Answer.objects.filter(assessment=assessment, question__code=code).first()
    if answer is None:
        raise ValidationError(_("La question %(code)s n'est pas dans cette grille.")
                              % {"code": code[:20]})
    return answer


def _checked(checks: Mapping[str, Callable]) -> dict:
    """Each check's result by name, or one ValidationError with every field's problem."""
    results, problems = {}, {}
    for name, check in checks.items():
        try:
            results[name] = check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                problems.setdefault(field, []).extend(messages)
    if problems:
        raise ValidationError(problems)
    return results


@transaction.atomic
def evidence_add_file(*, assessment: Assessment, code: str, label: str, upload, by) -> Evidence:
    """Keep `upload` (a Django UploadedFile) as evidence of the answer to `code`; ValidationError
    by field (« label », « file ») for what the rules refuse, with nothing stored."""
    locked = assessment_lock_editable(assessment)
    answer = _answer(locked, code)
    ok = _checked({"label": lambda: rules.clean_label(label),
                   "name": lambda: rules.clean_name(upload.name),
                   "type": lambda: rules.detect(upload)})
    evidence = Evidence(
        answer=answer, kind=Evidence.Kind.FILE, label=ok["label"], name=ok["name"],
        size=upload.size, sha256=rules.sha256_of(upload), content_type=ok["type"].content_type,
        added_by=by,
    )
    _store(evidence, upload, ok["type"].extension)
    return evidence


def _store(evidence: Evidence, content, extension: str) -> None:
    """Write the file, then its row; the file goes again if the row cannot be written."""
    evidence.file.save(f"evidence.{extension}", content, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise


@transaction.atomic
def evidence_add_link(*, assessment: Assessment, code: str, label: str, url: str,
                      by) -> Evidence:
    locked = assessment_lock_editable(assessment)
    answer = _answer(locked, code)
    ok = _checked({"label": lambda: rules.clean_label(label),
                   "url": lambda: rules.clean_url(url)})
    return Evidence.objects.create(answer=answer, kind=Evidence.Kind.LINK, label=ok["label"],
                                   url=ok["url"], added_by=by)


@transaction.atomic
def evidence_remove(*, assessment: Assessment, evidence_id: int, by) -> Evidence:
    """Remove one piece of evidence of the assessment (its file once the removal commits)."""
    locked = assessment_lock_editable(assessment)
    evidence = Evidence.objects.filter(pk=evidence_id, answer__assessment=locked).first()
    if evidence is None:
        raise ValidationError(_("Cette pièce n'existe plus : elle a sans doute déjà été retirée."))
    evidence.delete()
    if evidence.file:
        name, storage = evidence.file.name, evidence.file.storage
        transaction.on_commit(lambda: storage.delete(name))
    return evidence


def evidence_carry(*, source: Assessment, target: Assessment, answers: Iterable[Answer],
                   files: bool, by) -> int:
    """Copy `source`'s evidence onto `target`'s answers of the same question codes (`answers`,
    just created): the links always, the files only with `files` (each copied to a path of its
    own, so that removing one year's copy leaves the other's). Returns how many were carried.
    Called by assessment_start within its transaction."""
    by_code = {answer.question.code: answer for answer in answers}
    kinds = [Evidence.Kind.LINK, Evidence.Kind.FILE] if files else [Evidence.Kind.LINK]
    carried = 0
    for old in (Evidence.objects.filter(answer__assessment=source, kind__in=kinds)
                .select_related("answer__question").order_by("pk")):
        answer = by_code.get(old.answer.question.code)
        if answer is None:
            continue
        new = Evidence(answer=answer, kind=old.kind, label=old.label, url=old.url,
                       name=old.name, size=old.size, sha256=old.sha256,
                       content_type=old.content_type, added_by=by)
        if old.kind == Evidence.Kind.FILE:
            with old.file.open("rb") as content:
                _store(new, content, old.file.name.rpartition(".")[2])
        else:
            new.save()
        carried += 1
    return carried


def evidence_import_links(*, assessment: Assessment, links: Mapping[str, list[tuple[str, str]]],
                          by) -> int:
    """Add an imported file's links (label, url by question code) that the answer does not have
    yet; within the import's transaction. Returns how many were added."""
    answers = {a.question.code: a for a in
               Answer.objects.filter(assessment=assessment, question__code__in=list(links))
               .select_related("question")}
    have = set(Evidence.objects.filter(answer__in=answers.values(), kind=Evidence.Kind.LINK)
               .values_list("answer__question__code", "label", "url"))
    new = [Evidence(answer=answers[code], kind=Evidence.Kind.LINK, label=label, url=url,
                    added_by=by)
           for code, pairs in links.items() if code in answers
           for label, url in pairs if (code, label, url) not in have]
    Evidence.objects.bulk_create(new)
    return len(new)
