"""The answering flow: landing, one page per section, review, thank-you.

The same views serve both doors (see doors.py). Every POST saves on the server and redirects
(Post/Redirect/Get), so a refresh or a double click never sends twice.
"""

import logging

from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from sirius.moderation.analysis.alerts import find_alerts
from sirius.responses.answers import AnswerErrors, first_unanswered_section, missing_required
from sirius.responses.services import (
    CampaignNotOpen,
    RateLimited,
    ResponseAlreadySubmitted,
    ResponseIncomplete,
    response_save_section,
    response_start,
    response_submit,
)

from .display import review_sections
from .doors import (
    browser_key,
    remember_open_response,
    request_address_hash,
    request_browser_key_hash,
)
from .forms import HoneypotForm, SectionForm

logger = logging.getLogger(__name__)

REVIEW_PARAMETER = "relecture"


def _closed(request, door):
    today = timezone.localdate()
    not_yet = today < door.campaign.opens_on
    return render(
        request,
        "answer/closed.html",
        {
            "title": "Ce questionnaire n’est pas encore ouvert"
            if not_yet
            else "Ce questionnaire est fermé",
            "door": door,
            "not_yet": not_yet,
        },
        status=200 if not_yet else 410,
    )


def _rate_limited(request):
    return render(
        request, "answer/rate_limited.html", {"title": "Trop de réponses en même temps"}, status=429
    )


def _definition(door):
    version = door.response.questionnaire_version if door.response else None
    return (version or door.campaign.questionnaire_version).parsed


def _resume_url(door):
    definition = _definition(door)
    section = first_unanswered_section(definition, door.response.answers)
    return door.url("section", section_id=section.id) if section else door.url("review")


def _in_progress(door):
    return door.response is not None and not door.response.is_submitted


def landing(request, door):
    if door.is_invitation and door.response and door.response.is_submitted:
        if request.method == "POST":
            return redirect(door.url())
        return render(
            request,
            "answer/already_answered.html",
            {"title": "Tu as déjà répondu", "door": door},
        )
    if not door.campaign.is_open():
        return _closed(request, door)
    if request.method == "POST":
        return _start(request, door)
    return render(
        request,
        "answer/landing.html",
        {
            "title": f"Ton avis sur ta formation {door.formation.intitule}",
            "door": door,
            "definition": door.campaign.questionnaire_version.parsed,
            "resume_url": _resume_url(door) if _in_progress(door) else "",
        },
    )


def _start(request, door):
    honeypot = HoneypotForm(request.POST).is_filled()
    if _in_progress(door):
        return redirect(_resume_url(door))
    key = browser_key(request)
    try:
        door.response = response_start(
            campaign=door.campaign,
            invitation=door.invitation,
            browser_key_hash="" if door.is_invitation else request_browser_key_hash(key),
            address_hash="" if door.is_invitation else request_address_hash(request),
            honeypot=honeypot,
        )
    except CampaignNotOpen:
        return _closed(request, door)
    except RateLimited:
        return _rate_limited(request)
    if door.response.is_submitted:  # an invitation answered in another tab meanwhile
        return redirect(door.url())
    http_response = redirect(_resume_url(door))
    if not door.is_invitation:
        remember_open_response(http_response, door, key)
    return http_response


def section(request, door, section_id):
    if not _in_progress(door):
        return redirect(door.url())
    if not door.campaign.is_open():
        return _closed(request, door)
    definition = _definition(door)
    try:
        current = definition.section(section_id)
    except KeyError as error:
        raise Http404 from error
    answers = door.response.answers
    visible = definition.visible_sections(answers)
    if current not in visible:
        return redirect(_resume_url(door))
    from_review = request.GET.get(REVIEW_PARAMETER) == "1"
    status = 200
    database_error = False
    if request.method == "POST":
        form = SectionForm(request.POST, section=current, answers=answers)
        going_back = request.POST.get("action") == "previous"
        if form.is_valid():
            try:
                response_save_section(
                    response=door.response,
                    section=current,
                    submitted=form.submitted_answers(),
                    require=not going_back,
                    honeypot=HoneypotForm(request.POST).is_filled(),
                )
            except AnswerErrors as error:
                form.add_answer_errors(error)
            except ResponseAlreadySubmitted:
                return redirect(door.url())
            except DatabaseError:
                logger.exception("saving section %s failed", current.id)
                database_error, status = True, 503
            else:
                return redirect(_after_save(door, definition, current, going_back, from_review))
    else:
        form = SectionForm(section=current, answers=answers)
    index = visible.index(current)
    return render(
        request,
        "answer/section.html",
        {
            "title": f"{current.title} — étape {index + 1} sur {len(visible)}",
            "door": door,
            "form": form,
            "section": current,
            "step": index + 1,
            "steps": len(visible),
            "next_title": visible[index + 1].title if index + 1 < len(visible) else "",
            "database_error": database_error,
            "from_review": from_review,
        },
        status=status,
    )


def _after_save(door, definition, current, going_back, from_review):
    answers = door.response.answers
    visible = definition.visible_sections(answers)
    index = visible.index(current)
    if going_back:
        return door.url("section", section_id=visible[index - 1].id) if index else door.url()
    if from_review:
        return _resume_url(door)
    if index + 1 < len(visible):
        return door.url("section", section_id=visible[index + 1].id)
    return door.url("review")


def review(request, door):
    if door.response is not None and door.response.is_submitted:
        return redirect(door.url("thanks"))
    if door.response is None:
        return redirect(door.url())
    if not door.campaign.is_open():
        return _closed(request, door)
    status = 200
    database_error = False
    if request.method == "POST":
        try:
            response_submit(response=door.response)
        except ResponseIncomplete as incomplete:
            return redirect(door.url("section", section_id=incomplete.section.id))
        except CampaignNotOpen:
            return _closed(request, door)
        except DatabaseError:
            logger.exception("submitting a response failed")
            database_error, status = True, 503
        else:
            return redirect(door.url("thanks"))
    definition = _definition(door)
    answers = door.response.answers
    incomplete = missing_required(definition, answers)
    return render(
        request,
        "answer/review.html",
        {
            "title": "Vérifie tes réponses",
            "door": door,
            "sections": review_sections(
                definition,
                answers,
                lambda s: door.url("section", section_id=s.id) + f"?{REVIEW_PARAMETER}=1",
            ),
            "incomplete": incomplete,
            "incomplete_url": door.url("section", section_id=incomplete.id) if incomplete else "",
            "database_error": database_error,
        },
        status=status,
    )


def thanks(request, door):
    if door.response is None or not door.response.is_submitted:
        return redirect(door.url())
    texts = door.response.verbatims.values_list("text", flat=True)
    return render(
        request,
        "answer/thanks.html",
        {
            "title": "Merci pour ta réponse",
            "door": door,
            # The alert lexicon alone (no spaCy): fast enough for a page view.
            "needs_help": any(find_alerts(text).kinds for text in texts),
        },
    )
