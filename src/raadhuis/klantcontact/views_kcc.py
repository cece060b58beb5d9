"""The KCC console in the werkplek: find a resident, see their zaken and earlier contacts,
record a contact with an answer from the product catalogue, and follow up tasks.

Only employees with the role KCC-medewerker get in, and only to their own municipalities:
a partij, contact or task of another organisation is a 404. Every page runs in the tenant
scope of the KCC organisations (a resident's page in that of the resident's municipality).
A resident's BSN travels only in POST bodies, never in a URL. Forms are plain POST forms
that redirect after success; htmx (the werkplek's ``hx-boost``) only smooths the round trip
and keeps a half-typed contact when the catalogue is searched.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BooleanField
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from raadhuis.klantcontact import console, forms, services
from raadhuis.klantcontact.models import Partij
from raadhuis.klantcontact.views import kcc_organisations
from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation
from raadhuis.registers.query import InvalidQuery

KANAAL_SESSION = "klantcontact.kcc.kanaal"


def _organisations(user) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=kcc_organisations(user)).order_by("name"))


def _chosen(request, organisations: list[Organisation]) -> Organisation:
    """The municipality asked for (``org``), else the first; another one is a 404."""
    slug = request.POST.get("org") or request.GET.get("org")
    if not slug:
        return organisations[0]
    for organisation in organisations:
        if organisation.slug == slug:
            return organisation
    raise Http404


def _max_rank(user, organisation) -> int:
    from raadhuis.werkplek import services as werkplek

    return werkplek.visible_organisations(user).get(organisation.pk, -1)


# --- Home: find a resident, waiting chats ----------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def home(request):
    organisations = _organisations(request.user)
    organisation = _chosen(request, organisations)
    form, personen, error = forms.ZoekForm(request.POST if request.method == "POST" else None), None, ""
    with tenancy.scope_for([o.pk for o in organisations]):
        queue = services.handover_queue()
    if request.method == "POST" and form.is_valid():
        with tenancy.scope_for([organisation.pk]):
            try:
                personen = console.zoek_inwoners(form.zoekvraag())
            except InvalidQuery as invalid:
                _invalid_params(form, invalid)
            except console.BrpNotFound as down:
                error = str(down)
    if personen:  # the first "Kies" takes the focus; htmx focuses the first [autofocus] it swaps in
        form.fields["bsn"].widget.attrs.pop("autofocus", None)
    status = 400 if form.errors else 200
    return render(request, "klantcontact/kcc/home.html", {
        "form": form, "personen": personen, "error": error, "queue": queue,
        "organisations": organisations, "organisation": organisation,
    }, status=status)


def _invalid_params(form, invalid: InvalidQuery) -> None:
    """The register's own checks (the standard's patterns) as field errors."""
    for param in invalid.invalid_params:
        name = param["name"].split("[")[0]
        field = {"burgerservicenummer": "bsn"}.get(name, name)
        form.add_error(field if field in form.fields else None, param["reason"])


@require_POST
@login_required
def kies_inwoner(request):
    """The employee picks a person from the results: their partij (made on first contact)."""
    organisation = _chosen(request, _organisations(request.user))
    with tenancy.scope_for([organisation.pk]):
        try:
            partij = console.partij_voor(organisation, request.POST.get("bsn", ""))
        except ValidationError:
            messages.error(request, _("Dit is geen geldig burgerservicenummer."))
            return redirect("klantcontact:console")
    return redirect("klantcontact:kcc-partij", uuid=partij.uuid)


def _visible(request, find):
    """What ``find()`` returns within the employee's KCC organisations; a 404 when nothing."""
    with tenancy.scope_for(kcc_organisations(request.user)):
        found = find()
    if found is None:
        raise Http404
    return found


# --- A resident: BRP, zaken, contacts, new contact -------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def partij(request, uuid):
    found = _visible(request, Partij.objects.select_related("organisation").filter(uuid=uuid).first)
    with tenancy.scope_for([found.organisation_id]):
        try:
            persoon, brp_error = console.inwoner(found), ""
        except console.BrpNotFound as down:
            persoon, brp_error = None, str(down)
        zaken = console.zaken_van(found, _max_rank(request.user, found.organisation))
        return _contact_page(request, found.organisation, found, {
            "persoon": persoon, "brp_error": brp_error, "zaken": zaken,
            "contacten": console.contacten_van(found, request.user),
        })


@require_http_methods(["GET", "POST"])
@login_required
def contact_nieuw(request):
    """A contact with someone who is not (or need not be) identified."""
    organisation = _chosen(request, _organisations(request.user))
    with tenancy.scope_for([organisation.pk]):
        return _contact_page(request, organisation, None, {"zaken": []})


def _contact_page(request, organisation, partij: Partij | None, context: dict):
    documents = services.documents_of(organisation)
    keuzes = {"zaken": context["zaken"], "products": [d.key for d in documents],
              "toewijsbaar": console.toewijsbaar(organisation)}
    here = request.path + (f"?org={organisation.slug}" if partij is None else "")
    if request.method == "POST" and "invoegen" in request.POST:
        form = forms.ContactForm(initial=_with_answer(request.POST, documents), **keuzes)
    elif request.method == "POST":
        form = forms.ContactForm(request.POST, **keuzes)
        if form.is_valid():
            record = _register(request, organisation, partij, form)
            if record is not None:
                request.session[KANAAL_SESSION] = form.cleaned_data["kanaal"]
                messages.success(request, _("Het contact is vastgelegd."))
                return redirect(here)
    else:
        kanaal = request.session.get(KANAAL_SESSION, "telefoon")
        form = forms.ContactForm(initial={"kanaal": kanaal}, **keuzes)
    zoekterm = request.GET.get("pdc", "").strip()[:200]
    return render(request, "klantcontact/kcc/contact_nieuw.html", {
        **context, "organisation": organisation, "partij": partij, "form": form, "action": here,
        "pdc": zoekterm, "antwoorden": console.zoek_antwoorden(organisation, zoekterm) if zoekterm else None,
        "onderwerpen": [d.title for d in documents],
    }, status=400 if form.is_bound and form.errors else 200)


def _with_answer(post, documents) -> dict:
    """The half-typed contact again, with the chosen catalogue page added to the answer."""
    initial = {name: post.get(name, "") for name in forms.ContactForm.base_fields}
    for name, field in forms.ContactForm.base_fields.items():
        if isinstance(field, BooleanField):
            initial[name] = name in post
    document = next((d for d in documents if d.key == post.get("invoegen")), None)
    if document is not None:
        tekst = f"{document.text}\nBron: {document.title} ({document.url})"
        initial["antwoord"] = f"{initial['antwoord'].rstrip()}\n\n{tekst}".strip()
        initial["product"] = document.key
        initial["onderwerp"] = initial["onderwerp"] or document.title
    return initial


def _register(request, organisation, partij, form):
    taak = form.taakverzoek() if form.cleaned_data.get("terugbellen") else None
    try:
        return console.registreer_contact(organisation, request.user, form.contactgegevens(),
                                          partij=partij, taak=taak)
    except ValidationError as invalid:
        form.add_error("toegewezen_aan" if invalid.code == "toegewezen_aan" else None, invalid.messages)
        return None


# --- One recorded contact (read only) and its follow-up --------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def contact(request, uuid):
    record = _visible(request, lambda: console.contact(uuid))
    with tenancy.scope_for([record.organisation_id]):
        data = request.POST if request.method == "POST" else None
        form = forms.TaakForm(data, toewijsbaar=console.toewijsbaar(record.organisation))
        if request.method == "POST" and form.is_valid():
            try:
                console.maak_taak(record, request.user, form.taakverzoek(form.cleaned_data["handeling"]))
            except ValidationError as invalid:
                form.add_error(None, invalid.messages)
            else:
                messages.success(request, _("De taak is aangemaakt."))
                return redirect("klantcontact:kcc-contact", uuid=record.uuid)
        betrokkene = next(iter(record.betrokkenen.all()), None)
        return render(request, "klantcontact/kcc/contact.html", {
            "record": record, "row": console.contact_row(record, request.user), "form": form,
            "partij": betrokkene.was_partij if betrokkene else None,
            "onderwerpobjecten": list(record.onderwerpobjecten.all()),
        }, status=400 if form.errors else 200)


# --- Tasks -----------------------------------------------------------------------------------


@require_GET
@login_required
def taken(request):
    wie = "alle" if request.GET.get("wie") == "alle" else "mij"
    organisation_ids = kcc_organisations(request.user)
    with tenancy.scope_for(organisation_ids):
        rows = console.open_taken(request.user, alleen_mijn=wie == "mij")
        vandaag = timezone.localdate()
        return render(request, "klantcontact/kcc/taken.html", {
            "rows": [(taak, _termijn(taak, vandaag)) for taak in rows], "wie": wie,
            "organisations_many": len(organisation_ids) > 1,
        })


def _termijn(taak, vandaag) -> str:
    if taak.uiterlijk_op is None:
        return ""
    if taak.uiterlijk_op < vandaag:
        return "verlopen"
    return "vandaag" if taak.uiterlijk_op == vandaag else ""


@require_POST
@login_required
def taak_actie(request, uuid):
    taak = _visible(request, lambda: console.taak(uuid))
    actie = request.POST.get("actie")
    form = forms.AfrondenForm(request.POST)
    with tenancy.scope_for([taak.organisation_id]):
        try:
            if actie == "oppakken":
                console.oppakken(taak, request.user)
                messages.success(request, _("U hebt de taak opgepakt."))
            elif actie == "afronden" and form.is_valid():
                console.afronden(taak, request.user, form.cleaned_data["toelichting"])
                messages.success(request, _("De taak is afgerond."))
            else:
                messages.error(request, _("Onbekende actie of te lange toelichting (maximaal 1000 tekens)."))
        except ValidationError as invalid:
            messages.error(request, " ".join(invalid.messages))
    wie = request.POST.get("wie") if request.POST.get("wie") in {"mij", "alle"} else "mij"
    return redirect(reverse("klantcontact:kcc-taken") + f"?wie={wie}")
