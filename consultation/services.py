"""Writes of a consultation: open it, close it, send personal links, take an answer.

Refusals are ValidationError (or LinkUnusable for a link) with a message for the page, and leave
everything as it was. Tokens are random, kept as their SHA-256 only (as invitations), and a link
is found by its hash then compared in constant time."""

import hashlib
import hmac
import secrets
from datetime import date

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import mail_address
from clusters.invitations import address_clean
from grid.models import Assessment
from grid.scoring import ANSWERS, SECTION_ORDER
from strategy.models import Stakeholder

from .models import COMMENT_MAX_LENGTH, Consultation, Link, Response

# A flood of answers from one address: past this many in an hour, answers are refused (429).
ANSWERS_PER_HOUR = 30
THROTTLE_SECONDS = 3600
MAX_ADDRESSES = 200  # one sending
RELATED = ("assessment__cluster", "assessment__campaign")


class LinkUnusable(Exception):
    """The link leads nowhere: unknown, already used or the consultation closed."""

    def __init__(self, message: str, status: int = 410):
        super().__init__(message)
        self.message, self.status = message, status


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, _hash(token)


def answer_url(token: str) -> str:
    return reverse("consultation:answer", args=[token])


def _sections(section_codes) -> list[str]:
    chosen = [code for code in SECTION_ORDER if code in set(section_codes or ())]
    if not chosen:
        raise ValidationError(_("Choisissez au moins une section à proposer."))
    if len(chosen) != len(set(section_codes)):
        raise ValidationError(_("Section inconnue."))
    return chosen


@transaction.atomic
def consultation_open(*, assessment: Assessment, section_codes, closes_on: date, shared: bool,
                      by) -> tuple[Consultation, str]:
    """Open the year's consultation; with `shared`, return the shared link's token (shown once:
    only its hash is kept), else an empty token (links are sent per address)."""
    sections = _sections(section_codes)
    if closes_on < timezone.localdate():
        raise ValidationError(_("La date de clôture est passée : choisissez aujourd'hui ou "
                                "une date à venir."))
    if Consultation.objects.filter(assessment=assessment).exists():
        raise ValidationError(_("Une consultation existe déjà pour cette année."))
    token, token_hash = _new_token() if shared else ("", "")
    consultation = Consultation.objects.create(
        assessment=assessment, section_codes=sections, closes_on=closes_on,
        token_hash=token_hash, opened_by=by)
    return consultation, token


@transaction.atomic
def consultation_close(*, consultation: Consultation) -> Consultation:
    if consultation.closed_at is not None:
        raise ValidationError(_("Cette consultation est déjà close."))
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["closed_at"])
    return consultation


@transaction.atomic
def links_send(*, consultation: Consultation, addresses: str, language: str) -> int:
    """Mail one single-use link to each address (one a line, or separated by commas). The
    addresses are not kept: once mailed, a link needs none, and a stakeholder's answer stays
    apart from who they are."""
    if not consultation.is_open:
        raise ValidationError(_("Cette consultation est close : plus aucun lien ne peut être "
                                "envoyé."))
    parts = [part for part in addresses.replace(",", "\n").replace(";", "\n").split() if part]
    if not parts:
        raise ValidationError(_("Indiquez au moins une adresse électronique."))
    if len(parts) > MAX_ADDRESSES:
        raise ValidationError(_("%(max)d adresses au plus par envoi.") % {"max": MAX_ADDRESSES})
    cleaned = list(dict.fromkeys(address_clean(part) for part in parts))
    cluster = consultation.assessment.cluster
    for address in cleaned:
        token, token_hash = _new_token()
        Link.objects.create(consultation=consultation, token_hash=token_hash)
        mail_address(address, language=language, template="consultation/mail/link",
                     context={"cluster": cluster, "closes_on": consultation.closes_on,
                              "year": consultation.assessment.campaign.year},
                     url=answer_url(token))
    return len(cleaned)


def _found(stored: str, token: str) -> bool:
    return bool(stored) and hmac.compare_digest(stored, _hash(token))


def link_open(token: str) -> tuple[Consultation, Link | None]:
    """The consultation a token opens (and its personal link, if it is one), if it still takes
    an answer; LinkUnusable otherwise."""
    token_hash = _hash(token or "")
    link = (Link.objects.select_related(*("consultation__" + r for r in RELATED))
            .filter(token_hash=token_hash).first())
    if link is not None and _found(link.token_hash, token):
        consultation = link.consultation
    else:
        link = None
        consultation = (Consultation.objects.select_related(*RELATED)
                        .filter(token_hash=token_hash).first())
        if consultation is None or not _found(consultation.token_hash, token):
            raise LinkUnusable(_("Ce lien de consultation n'est pas valable. Vérifiez qu'il est "
                                 "complet, tel que vous l'avez reçu."), status=404)
    if link is not None and link.used_at is not None:
        raise LinkUnusable(_("Ce lien a déjà servi : une seule réponse par lien personnel. "
                             "Merci de votre participation."))
    if not consultation.is_open:
        raise LinkUnusable(_("Cette consultation est close : elle ne reçoit plus de réponse."))
    return consultation, link


def throttle_key(address: str | None) -> str:
    return f"consultation:answers:{address or 'unknown'}"


def throttled(address: str | None) -> bool:
    return cache.get(throttle_key(address), 0) >= ANSWERS_PER_HOUR


def _count_answer(address: str | None) -> None:
    key = throttle_key(address)
    if not cache.add(key, 1, THROTTLE_SECONDS):  # the first sets the hour's window
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, THROTTLE_SECONDS)


def asked_codes(consultation: Consultation, question_sections) -> list[str]:
    return [code for code, section in question_sections if section in consultation.section_codes]


@transaction.atomic
def response_submit(*, token: str, answers: dict, category: str, comment: str,
                    asked: list[str], address: str | None) -> Response:
    """Store one stakeholder's answer. `asked` the question codes the consultation asks;
    `answers` code → answer (blank or missing: « sans avis »)."""
    consultation, link = link_open(token)
    if category not in Stakeholder.values:
        raise ValidationError({"category": _("Catégorie inconnue : choisissez-en une de la "
                                             "liste.")})
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError({"comment": _("Commentaire trop long (%(max)d caractères au "
                                            "plus).") % {"max": COMMENT_MAX_LENGTH}})
    unknown = sorted(code for code, value in answers.items()
                     if code not in asked or (value and value not in ANSWERS))
    if unknown:
        raise ValidationError(_("Réponse inconnue pour %(codes)s.")
                              % {"codes": ", ".join(unknown)})
    given = {code: value for code, value in answers.items() if value}
    if not given:
        raise ValidationError(_("Répondez au moins à une question."))
    if link is not None:
        # The conditional update makes a link serve once, even posted from two tabs together.
        if not Link.objects.filter(pk=link.pk, used_at__isnull=True).update(
                used_at=timezone.now()):
            raise LinkUnusable(_("Ce lien a déjà servi : une seule réponse par lien personnel. "
                                 "Merci de votre participation."))
    response = Response.objects.create(consultation=consultation, link=link, category=category,
                                       answers=given, comment=comment.strip())
    _count_answer(address)
    return response
