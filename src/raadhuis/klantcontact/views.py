"""The chat endpoint for residents, the chat page, the public FAQ page and the KCC console.

Chat: ``POST /klantcontact/<org>/chat/`` with JSON ``{"bericht": "..."}`` (or a multipart
form with ``bericht`` and ``foto``); the conversation's id lives in the session, so a resident
only ever reaches their own conversation. ``GET`` with ``?na=<n>`` returns the messages after
number n (polling, also for the employee's answers after a handover).

Chat page: ``/klantcontact/<org>/gesprek/`` is the same conversation as a plain page of Mijn
gemeente with a form, for residents without JavaScript (the portal's chat widget links to it
and, with JavaScript, talks to the endpoint above instead).

KCC console: employees with the kcc role see the conversations waiting for a person, read the
transcript and answer in the same conversation (the page polls for new messages).
"""

from __future__ import annotations

import json
import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.klantcontact import services
from raadhuis.klantcontact.models import Faq, Gesprek
from raadhuis.platform import context, tenancy
from raadhuis.platform import services as platform
from raadhuis.platform.models import Membership, Role
from raadhuis.portal import services as portal

logger = logging.getLogger(__name__)
SESSION_KEY = "klantcontact.gesprek.{org}"
MAX_BODY = 16 * 1024
CHAT_ACTOR = context.Actor(
    gebruikers_id="inwoner",
    gebruikers_weergave="Inwoner (chat)",
    applicatie_id="raadhuis-chatbot",
    applicatie_weergave="Raadhuis chatbot",
)


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"fout": message}, status=status)


def _organisation(slug: str):
    try:
        organisation = platform.get_organisation(slug=slug)
    except Exception as error:  # DoesNotExist of the platform's model
        raise Http404 from error
    if not organisation.is_active:
        raise Http404
    return organisation


def _message_of(request) -> tuple[str, object]:
    """The resident's text and optional photo from a JSON or multipart request."""
    content_type = request.content_type or ""
    if content_type == "application/json":
        if len(request.body) > MAX_BODY:
            raise ValidationError(_("Het bericht is te lang."))
        try:
            payload = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as error:
            raise ValidationError(_("Het bericht is geen geldige JSON.")) from error
        if not isinstance(payload, dict) or not isinstance(payload.get("bericht"), str):
            raise ValidationError(_("Stuur een JSON-object met het veld 'bericht' (tekst)."))
        return payload["bericht"], None
    if content_type in {"multipart/form-data", "application/x-www-form-urlencoded"}:
        return request.POST.get("bericht", ""), request.FILES.get("foto")
    raise ValidationError(_("Gebruik application/json of multipart/form-data."))


def _session_gesprek(request, organisation):
    """The conversation of this browser session with the municipality, if any."""
    uuid = request.session.get(SESSION_KEY.format(org=organisation.slug))
    return services.get_gesprek(organisation, uuid) if uuid else None


def _converse(request, organisation, gesprek, text: str, photo):
    """The resident says ``text`` (and maybe sends a photo): the conversation (started when
    there is none, or restarted after login) and the bot's reply (None with a person)."""
    resident = portal.resident_of(request)
    bsn = resident.bsn if resident else ""
    if gesprek is None or (bsn and gesprek.partij_id is None):
        gesprek = services.start_gesprek(organisation, bsn=bsn)
        request.session[SESSION_KEY.format(org=organisation.slug)] = str(gesprek.uuid)
    reply = services.post_message(
        gesprek,
        text,
        resident_bsn=bsn,
        photo=photo,
        login_url=reverse("portal:login", kwargs={"org": organisation.slug}),
        melding_url=reverse("portal:melding", kwargs={"org": organisation.slug}),
    )
    return gesprek, reply


@require_http_methods(["GET", "POST"])
def chat(request, org: str):
    organisation = _organisation(org)
    with tenancy.scope_for([organisation.pk]), context.acting_as(CHAT_ACTOR):
        gesprek = _session_gesprek(request, organisation)
        if request.method == "GET":
            if gesprek is None:
                return JsonResponse({"gesprek": None, "berichten": []})
            after = _int(request.GET.get("na"), 0)
            return JsonResponse(
                {
                    "gesprek": str(gesprek.uuid),
                    "overdracht": gesprek.overdracht,
                    "berichten": services.transcript(gesprek, after=after),
                }
            )
        try:
            text, photo = _message_of(request)
            gesprek, reply = _converse(request, organisation, gesprek, text, photo)
        except ValidationError as error:
            return _error(" ".join(error.messages))
    if reply is None:
        return JsonResponse({"gesprek": str(gesprek.uuid), "antwoord": None, "overdracht": True})
    return JsonResponse(
        {
            "gesprek": str(gesprek.uuid),
            "antwoord": reply.text,
            "bronnen": reply.sources,
            "opties": reply.options,
            "intentie": reply.intent,
            "zekerheid": round(reply.confidence, 3),
            "zaak": reply.zaak.identificatie if reply.zaak is not None else None,
            "overdracht": reply.handover,
            "inloggen": reply.login_required,
        }
    )


@require_http_methods(["GET", "POST"])
@portal.portal_page
def gesprek_page(request, org: str):
    """The conversation as a page with a plain form: works without JavaScript."""
    gesprek, reply, error = _session_gesprek(request, request.organisation), None, ""
    if request.method == "POST":
        with context.acting_as(CHAT_ACTOR):
            try:
                gesprek, reply = _converse(request, request.organisation, gesprek,
                                           request.POST.get("bericht", ""), request.FILES.get("foto"))
            except ValidationError as invalid:
                error = " ".join(invalid.messages)
    if gesprek is not None:
        gesprek.refresh_from_db(fields=["overdracht"])  # the turn may have asked for a person
    return portal.render_page(
        request,
        "klantcontact/gesprek.html",
        {
            "berichten": services.transcript(gesprek) if gesprek else [],
            "reply": reply,
            "error": error,
            "overdracht": gesprek is not None and gesprek.overdracht in _WITH_PERSON,
            "hide_chat_widget": True,
        },
        status=400 if error else 200,
    )


_WITH_PERSON = {Gesprek.Overdracht.GEVRAAGD, Gesprek.Overdracht.OVERGENOMEN}


def _int(value, default: int) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


@require_GET
def faq_page(request, org: str):
    organisation = _organisation(org)
    with tenancy.scope_for([organisation.pk]):
        entries = list(Faq.objects.filter(organisation=organisation, published=True).order_by("question"))
        return render(request, "klantcontact/faq.html", {"organisation": organisation, "entries": entries})


# --- KCC console -------------------------------------------------------------------------------


def kcc_organisations(user) -> list[int]:
    """The organisations where the user is a KCC-medewerker (403 when none)."""
    ids = list(
        Membership.objects.filter(user=user, role=Role.KCC, organisation__is_active=True).values_list(
            "organisation_id", flat=True
        )
    )
    if not ids:
        raise PermissionDenied
    return ids


def _gesprek_or_404(uuid) -> Gesprek:
    gesprek = Gesprek.objects.filter(uuid=uuid).select_related("organisation").first()
    if gesprek is None:
        raise Http404
    return gesprek


@require_http_methods(["GET", "POST"])
@login_required
def console_gesprek(request, uuid):
    with tenancy.scope_for(kcc_organisations(request.user)):
        gesprek = _gesprek_or_404(uuid)
        error = ""
        if request.method == "POST":
            actor = context.Actor(
                gebruikers_id=str(request.user.pk), gebruikers_weergave=request.user.username
            )
            with context.acting_as(actor):
                try:
                    if request.POST.get("actie") == "afsluiten":
                        services.close_gesprek(gesprek)
                        return redirect("klantcontact:console")
                    services.employee_reply(gesprek, request.user, request.POST.get("tekst", ""))
                except ValidationError as invalid:
                    error = " ".join(invalid.messages)
                else:
                    return redirect("klantcontact:console-gesprek", uuid=gesprek.uuid)
        return render(
            request,
            "klantcontact/console_gesprek.html",
            {"gesprek": gesprek, "berichten": services.transcript(gesprek), "error": error},
            status=400 if error else 200,
        )


@require_GET
@login_required
def console_berichten(request, uuid):
    with tenancy.scope_for(kcc_organisations(request.user)):
        gesprek = _gesprek_or_404(uuid)
        return JsonResponse({"berichten": services.transcript(gesprek, after=_int(request.GET.get("na"), 0))})
