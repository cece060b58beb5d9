"""Werkplek screens: queue, search, intake, case page and its actions.

Every view needs a verified employee (the platform's two-factor middleware) and checks the
werkplek action against the user's roles in the zaak's organisation; a zaak outside the
user's organisations or above their confidentiality is a 404, as if it did not exist.
Actions are plain POST forms that redirect back (they work without JavaScript); htmx
(``hx-boost``) only makes the round trip smoother.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError

from raadhuis.platform import services as platform
from raadhuis.platform.models import Membership, Organisation
from raadhuis.werkplek import forms, letters, preview, search, services, zaakdata
from raadhuis.werkplek.models import Team
from raadhuis.werkplek.permissions import Actie, may, may_see, require, visible_organisations
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.zaken import services as zaken

logger = logging.getLogger(__name__)
BRP_FIELDS = ["naam", "geboorte", "adressering", "verblijfplaats"]
BRP_GRONDSLAG = "Awb art. 4:2 en de wet van het zaaktype (behandelen aanvraag)"


def employee_view(view):
    return login_required(view)


def _zaak_or_404(request, zaak_uuid):
    zaak = zaken.get_zaak(zaak_uuid)
    if zaak is None or not may_see(request.user, zaak.organisation_id, zaak.vertrouwelijkheidaanduiding):
        raise Http404
    if not may(request.user, Actie.BEKIJKEN, zaak.organisation_id):
        raise Http404
    return zaak


def _organisations(user, actie: str) -> list[Organisation]:
    ids = {m.organisation_id for m in Membership.objects.filter(user=user, organisation__is_active=True)}
    return [o for o in Organisation.objects.filter(pk__in=ids) if may(user, actie, o.pk)]


# --- Queue, search, intake ---------------------------------------------------------------------


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@require_GET
@employee_view
def queue(request):
    if not visible_organisations(request.user):
        raise PermissionDenied
    wie = request.GET.get("wie", "alle")
    spec = services.QueueFilter(
        wie=wie if wie in {"mij", "team", "alle", "niet_toegewezen"} else "alle",
        team=_int(request.GET.get("team")),
        zaaktype=request.GET.get("zaaktype", "")[:50],
        status=request.GET.get("status", "")[:80],
        termijn=request.GET.get("termijn", "")[:20],
        sort=request.GET.get("sort", "uiterste_datum"),
        page=_int(request.GET.get("pagina"), 1) or 1,
        open=request.GET.get("afgesloten") != "1",
    )
    rows, has_next = services.queue(request.user, spec)
    today = timezone.localdate()
    context = {
        "rows": [(row, services.termijnstatus(row, today)) for row in rows],
        "spec": spec,
        "has_next": has_next,
        "teams": Team.objects.filter(leden=request.user),
        "zaaktypen": sorted({(z.identificatie, z.omschrijving) for z in catalogi.published_zaaktypen()}),
        "query": request.GET.urlencode(),
    }
    template = (
        "werkplek/_queue_table.html"
        if request.headers.get("HX-Target") == "werkvoorraad"
        else "werkplek/queue.html"
    )
    return render(request, template, context)


@require_POST
@employee_view
def pick_up_next(request):
    team = Team.objects.filter(pk=_int(request.POST.get("team")), leden=request.user).first()
    zaak = services.pick_up_next(request.user, team)
    if zaak is None:
        messages.info(request, "Er is geen zaak meer om op te pakken.")
        return redirect("werkplek:queue")
    messages.success(request, f"Zaak {zaak.identificatie} is aan u toegewezen.")
    return redirect("werkplek:zaak", zaak_uuid=zaak.uuid)


@require_GET
@employee_view
def zoeken(request):
    q = request.GET.get("q", "").strip()[:200]
    results = search.search(request.user, q) if q else []
    return render(request, "werkplek/search.html", {"q": q, "results": results})


@employee_view
def intake(request):
    organisations = _organisations(request.user, Actie.BEHANDELEN)
    if not organisations:
        raise PermissionDenied
    organisation = organisations[0]
    zaaktypen = catalogi.published_zaaktypen(organisation=organisation)
    form = forms.IntakeForm(request.POST or None, zaaktypen=_latest(zaaktypen))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            zaak = services.intake(
                organisation=organisation,
                zaaktype=data["zaaktype"],
                omschrijving=data["omschrijving"],
                toelichting=data["toelichting"],
                bsn=data["bsn"],
                naam=data["naam"],
                startdatum=data["startdatum"],
            )
        except ApiValidationError as error:
            form.add_error(None, _api_message(error))
        else:
            messages.success(request, f"Zaak {zaak.identificatie} is geregistreerd.")
            return redirect("werkplek:zaak", zaak_uuid=zaak.uuid)
    return render(request, "werkplek/intake.html", {"form": form}, status=400 if form.errors else 200)


def _latest(zaaktypen):
    seen, result = set(), []
    for zaaktype in zaaktypen:
        if zaaktype.identificatie not in seen:
            seen.add(zaaktype.identificatie)
            result.append(zaaktype)
    return result


# --- The case page -------------------------------------------------------------------------------


@require_GET
@employee_view
def zaak_detail(request, zaak_uuid):
    zaak = _zaak_or_404(request, zaak_uuid)
    return render(request, "werkplek/zaak.html", _case_context(request, zaak))


def _case_context(request, zaak, **forms_given) -> dict:
    user, org = request.user, zaak.organisation_id
    item = services.work_item(zaak.uuid) or services.refresh(zaak)
    regel = services.termijnregel(zaak)
    documenten = _documenten(user, zaak)
    context = {
        "zaak": zaak,
        "item": item,
        "statussen": zaakdata.statussen(zaak),
        "rollen": zaakdata.rollen(zaak),
        "resultaat": zaakdata.resultaat(zaak),
        "besluiten": zaakdata.besluiten_of(zaak),
        "documenten": documenten,
        "notities": zaakdata.notities(zaak),
        "berichten": services.berichten_of(zaak.uuid),
        "gerelateerd": zaakdata.gerelateerde_zaken(zaak),
        "audit": _audit(zaak, hidden={str(r.uuid) for r, v, shown in documenten if v and not shown}),
        "deadline": services.deadline_for(zaak),
        "opschortingen": services.opschortingen(zaak),
        "termijn": services.termijnstatus(item, waarschuwen=regel.waarschuwen_dagen if regel else 5),
        "mag": {a.value: may(user, a, org) for a in Actie},
        "brp": request.session.pop(f"werkplek-brp-{zaak.uuid}", None),
        "proces": _proces(zaak),
    }
    open_ = not zaak.is_closed
    defaults = {
        "status_form": forms.StatusForm(zaak=zaak),
        "resultaat_form": forms.ResultaatForm(zaak=zaak),
        "besluit_form": forms.BesluitForm(zaak=zaak),
        "afsluiten_form": forms.AfsluitenForm(zaak=zaak),
        "opschorten_form": forms.RedenForm(),
        "verlengen_form": forms.VerlengenForm(),
        "heropenen_form": forms.RedenForm(),
        "notitie_form": forms.NotitieForm(),
        "bericht_form": forms.BerichtForm(),
        "document_form": forms.DocumentForm(zaak=zaak),
        "toewijzen_form": forms.ToewijzenForm(kandidaten=_kandidaten(zaak)),
        "brp_form": forms.BrpForm(),
    }
    context.update(defaults)
    context.update(forms_given)
    context["open"] = open_
    return context


def _documenten(user, zaak) -> list:
    """(relation, version, visible): a document above the user's confidentiality keeps its
    place in the list, but not its title, download or preview."""
    return [
        (relation, version, version is not None
         and may_see(user, zaak.organisation_id, version.vertrouwelijkheidaanduiding))
        for relation, version in zaakdata.documenten(zaak)
    ]


def _audit(zaak, hidden: set[str]) -> list:
    """The zaak's audit trail, without the titles of documents the user may not see."""
    entries = list(platform.audit_trail_of(zaken.zaak_url(zaak)))
    for entry in entries:
        relation_uuid = entry.resource_url.rstrip("/").rsplit("/", 1)[-1]
        if entry.resource == "zaakinformatieobject" and relation_uuid in hidden:
            entry.resource_weergave = ""
    return entries


def _proces(zaak):
    from raadhuis.processen import services as processen

    return processen.overview(zaak)


def _kandidaten(zaak):
    from raadhuis.platform.models import User

    return list(
        User.objects.filter(
            memberships__organisation_id=zaak.organisation_id,
            memberships__role__in=["behandelaar", "woo_jurist", "wegbeheerder"],
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "username")[:200]
    )


# --- Actions ---------------------------------------------------------------------------------------


def action(actie: Actie, form_name: str | None = None):
    """A POST action on a zaak: 404 when unseen, 403 without the right, then the form;
    an invalid form re-renders the case page with Dutch field errors (400)."""

    def decorator(func):
        @wraps(func)
        @require_POST
        @employee_view
        def wrapper(request, zaak_uuid):
            zaak = _zaak_or_404(request, zaak_uuid)
            require(request.user, actie, zaak.organisation_id)
            form = None
            if form_name is not None:
                form = FORMS[form_name](request, zaak)
                if not form.is_valid():
                    return render(
                        request,
                        "werkplek/zaak.html",
                        _case_context(request, zaak, **{form_name: form}),
                        status=400,
                    )
            try:
                with transaction.atomic():
                    message = func(request, zaak, form.cleaned_data if form is not None else None)
            except (ValueError, ApiValidationError, ApiPermissionDenied) as error:
                messages.error(request, _api_message(error))
                return redirect("werkplek:zaak", zaak_uuid=zaak.uuid)
            if message:
                messages.success(request, message)
            return redirect(reverse("werkplek:zaak", kwargs={"zaak_uuid": zaak.uuid}))

        return wrapper

    return decorator


def _api_message(error) -> str:
    detail = getattr(error, "detail", None)
    if isinstance(detail, dict):
        return " ".join(
            str(m)
            for messages_ in detail.values()
            for m in (messages_ if isinstance(messages_, list) else [messages_])
        )
    if isinstance(detail, list):
        return " ".join(str(m) for m in detail)
    return str(detail or error)


FORMS = {
    "status_form": lambda r, z: forms.StatusForm(r.POST, zaak=z),
    "resultaat_form": lambda r, z: forms.ResultaatForm(r.POST, zaak=z),
    "besluit_form": lambda r, z: forms.BesluitForm(r.POST, zaak=z),
    "afsluiten_form": lambda r, z: forms.AfsluitenForm(r.POST, zaak=z),
    "opschorten_form": lambda r, z: forms.RedenForm(r.POST),
    "verlengen_form": lambda r, z: forms.VerlengenForm(r.POST),
    "heropenen_form": lambda r, z: forms.RedenForm(r.POST),
    "notitie_form": lambda r, z: forms.NotitieForm(r.POST),
    "bericht_form": lambda r, z: forms.BerichtForm(r.POST),
    "document_form": lambda r, z: forms.DocumentForm(r.POST, r.FILES, zaak=z),
    "toewijzen_form": lambda r, z: forms.ToewijzenForm(r.POST, kandidaten=_kandidaten(z)),
    "brp_form": lambda r, z: forms.BrpForm(r.POST),
}


@action(Actie.BEHANDELEN)
def oppakken(request, zaak, data):
    services.assign(zaak, request.user)
    return "De zaak is aan u toegewezen."


@action(Actie.TOEWIJZEN, "toewijzen_form")
def toewijzen(request, zaak, data):
    services.assign(zaak, data["gebruiker"])
    return "De behandelaar is gewijzigd."


@action(Actie.BEHANDELEN, "status_form")
def status(request, zaak, data):
    services.set_status(zaak, data["statustype"], data["toelichting"])
    return f"De status is nu: {data['statustype'].omschrijving}."


@action(Actie.BESLUITEN, "resultaat_form")
def resultaat(request, zaak, data):
    services.set_resultaat(zaak, data["resultaattype"], data["toelichting"])
    return "Het resultaat is vastgelegd."


@action(Actie.BESLUITEN, "besluit_form")
def besluit(request, zaak, data):
    besluit = services.record_besluit(
        zaak,
        data["besluittype"],
        toelichting=data["toelichting"],
        datum=data["datum"],
        ingangsdatum=data["ingangsdatum"],
        vervaldatum=data["vervaldatum"],
    )
    if data["brief"]:
        letters.besluitbrief(zaak, besluit)
        return "Het besluit is vastgelegd en de besluitbrief is bij de documenten gezet."
    return "Het besluit is vastgelegd."


@action(Actie.BESLUITEN, "afsluiten_form")
def afsluiten(request, zaak, data):
    services.close(zaak, data["resultaattype"], data["toelichting"])
    return "De zaak is afgesloten."


@action(Actie.HEROPENEN, "heropenen_form")
def heropenen(request, zaak, data):
    services.reopen(zaak, data["reden"])
    return "De zaak is heropend."


@action(Actie.BEHANDELEN, "opschorten_form")
def opschorten(request, zaak, data):
    services.suspend(zaak, data["reden"])
    return "De termijn is opgeschort."


@action(Actie.BEHANDELEN)
def hervatten(request, zaak, data):
    services.resume(zaak)
    return "De opschorting is beëindigd; de uiterste datum is bijgewerkt."


@action(Actie.BEHANDELEN, "verlengen_form")
def verlengen(request, zaak, data):
    services.extend(zaak, data["reden"], data["duur"])
    return "De termijn is verlengd."


@action(Actie.BEHANDELEN, "notitie_form")
def notitie(request, zaak, data):
    services.add_note(zaak, data["onderwerp"], data["tekst"])
    return "De notitie is opgeslagen."


@action(Actie.BEHANDELEN, "bericht_form")
def bericht(request, zaak, data):
    document_url = ""
    if data["brief"]:
        version = letters.berichtbrief(zaak, data["onderwerp"], data["tekst"])
        document_url = letters.document_url(version)
    services.send_message(zaak, onderwerp=data["onderwerp"], tekst=data["tekst"], document_url=document_url)
    return "Het bericht is verstuurd."


@action(Actie.BEHANDELEN, "document_form")
def document(request, zaak, data):
    upload = data["bestand"]
    inhoud = upload.read()
    services.add_document(
        zaak,
        titel=data["titel"],
        inhoud=inhoud,
        bestandsnaam=upload.name,
        formaat=preview.mime_of(inhoud),  # by content: the browser's type is the file name's
        informatieobjecttype=data["informatieobjecttype"],
        beschrijving=data["beschrijving"],
    )
    return "Het document is toegevoegd."


@action(Actie.PERSOONSGEGEVENS, "brp_form")
def brp(request, zaak, data):
    """Show the initiator's BRP data once, on request; the read is logged by the register."""
    initiator = zaakdata.initiator(zaak)
    bsn = (initiator.betrokkene_identificatie or {}).get("inp_bsn", "") if initiator else ""
    if not bsn:
        raise ValueError("Deze zaak heeft geen aanvrager met een BSN.")
    from raadhuis.registers import services as registers

    persoon = registers.get_persoon(
        bsn,
        fields=BRP_FIELDS,
        doel=data["doel"],
        grondslag=BRP_GRONDSLAG,
        verwerking=f"Werkplek: raadplegen aanvrager zaak {zaak.identificatie}",
    )
    request.session[f"werkplek-brp-{zaak.uuid}"] = persoon or {"onbekend": True}
    return ""


@action(Actie.BEHANDELEN)
def overnemen(request, zaak, data):
    """A person takes over from the machine: the process stops, the zaak stays open."""
    from raadhuis.processen import services as processen

    if not processen.take_over(zaak, request.user):
        raise ValueError("Er loopt geen proces dat overgenomen kan worden.")
    services.assign(zaak, request.user)
    return "U hebt de zaak overgenomen van het automatische proces."


@action(Actie.PROCESSEN)
def proces_opnieuw(request, zaak, data):
    from raadhuis.processen import services as processen

    count = processen.retry_parked(zaak)
    return f"{count} geparkeerde stap(pen) worden opnieuw geprobeerd."


@require_POST
@employee_view
def procestaak(request, zaak_uuid, task_id):
    """Complete a process user task (e.g. "Aanvraag beoordelen") with the employee's choice."""
    from raadhuis.processen import services as processen

    zaak = _zaak_or_404(request, zaak_uuid)
    require(request.user, Actie.BEHANDELEN, zaak.organisation_id)
    try:
        processen.complete_user_task(zaak, task_id, request.POST, user=request.user)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "De taak is afgerond; het proces gaat verder.")
    return redirect("werkplek:zaak", zaak_uuid=zaak.uuid)


def _document_or_404(request, zaak_uuid, document_uuid):
    """The latest version of a document of the zaak that the user may see, else 404."""
    zaak = _zaak_or_404(request, zaak_uuid)
    for _relation, version in zaakdata.documenten(zaak):
        if version is not None and str(version.document.uuid) == str(document_uuid):
            if not may_see(request.user, zaak.organisation_id, version.vertrouwelijkheidaanduiding):
                raise Http404
            return zaak, version
    raise Http404


@require_GET
@employee_view
def document_download(request, zaak_uuid, document_uuid):
    _zaak, version = _document_or_404(request, zaak_uuid, document_uuid)
    response = StreamingHttpResponse(
        letters.read_content(version), content_type=version.formaat or "application/octet-stream"
    )
    response["Content-Disposition"] = f'attachment; filename="{_safe(version.bestandsnaam)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@employee_view
def document_voorbeeld(request, zaak_uuid, document_uuid):
    """The preview page of a document; inside the case page (htmx) only the preview itself."""
    zaak, version = _document_or_404(request, zaak_uuid, document_uuid)
    try:
        shown, reden = preview.describe(version), ""
    except preview.NoPreview as error:
        shown, reden = None, str(error)
    inline = request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")
    context = {"zaak": zaak, "version": version, "voorbeeld": shown, "reden": reden, "inline": inline}
    if shown is not None:
        context["paginas"] = range(1, (1 if inline else shown.pages) + 1)
    return render(request, "werkplek/_voorbeeld.html" if inline else "werkplek/document.html", context)


@require_GET
@employee_view
def document_pagina(request, zaak_uuid, document_uuid, pagina):
    _zaak, version = _document_or_404(request, zaak_uuid, document_uuid)
    try:
        png = preview.page_png(version, pagina)
    except preview.NoPreview as error:
        raise Http404 from error
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _safe(name: str) -> str:
    return "".join(c for c in (name or "document") if c.isalnum() or c in "._- ")[:100] or "document"
