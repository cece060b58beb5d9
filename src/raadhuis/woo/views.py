"""Screens of the Woo module: employees' screens under /woo/ (login with a second factor and
the Woo-jurist role), and the municipality's public Woo page under /woo/openbaar/."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation
from raadhuis.woo import forms, search, services
from raadhuis.woo.models import (
    VERTROUWELIJKHEID_RANK,
    ArchiveDocument,
    Beoordeling,
    DossierItem,
    Lakking,
    WooVerzoek,
)
from raadhuis.woo.redaction import PdfError

PERMISSION = "woo.behandelen"
# Employees with the Woo role review up to confidentieel; geheim and above stay out of Woo work.
MAX_VERTROUWELIJKHEID = "confidentieel"
SEARCH_LIMIT = 50


def woo_employee(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_superuser or request.user.has_perm(PERMISSION)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _max_level(request) -> str:
    return "zeer_geheim" if request.user.is_superuser else MAX_VERTROUWELIJKHEID


def _visible(request, document: ArchiveDocument) -> bool:
    return (
        VERTROUWELIJKHEID_RANK[document.vertrouwelijkheidaanduiding]
        <= VERTROUWELIJKHEID_RANK[_max_level(request)]
    )


def _verzoek(uuid) -> WooVerzoek:
    return get_object_or_404(WooVerzoek.objects.select_related("organisation"), uuid=uuid)


def _item(request, uuid) -> DossierItem:
    item = get_object_or_404(
        DossierItem.objects.select_related("document", "verzoek__organisation"), uuid=uuid
    )
    if not _visible(request, item.document):
        raise Http404
    return item


@woo_employee
def overview(request):
    form = forms.VerzoekForm(request.POST or None)
    organisations = _organisations(request)
    if request.method == "POST" and form.is_valid():
        organisation = (
            organisations[0]
            if len(organisations) == 1
            else get_object_or_404(
                Organisation, pk=request.POST.get("organisation"), pk__in=[o.pk for o in organisations]
            )
        )
        try:
            verzoek = services.create_verzoek(organisation, request=request, **form.cleaned_data)
        except services.WooError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Woo-verzoek {verzoek.zaak_identificatie} geregistreerd.")
            return redirect("woo:verzoek", uuid=verzoek.uuid)
    verzoeken = [
        (v, services.termijnen(v)) for v in WooVerzoek.objects.order_by("-ontvangen_op", "-pk")[:200]
    ]
    return render(
        request, "woo/overview.html", {"form": form, "verzoeken": verzoeken, "organisations": organisations}
    )


def _organisations(request) -> list[Organisation]:
    scope = tenancy.current_scope()
    organisations = Organisation.objects.filter(is_active=True).order_by("name")
    if scope is not None and not scope.all_organisations:
        organisations = organisations.filter(pk__in=scope.organisation_ids)
    return list(organisations)


@woo_employee
def verzoek_detail(request, uuid):
    verzoek = _verzoek(uuid)
    zoek = forms.ZoekForm(request.GET or None)
    results = []
    if zoek.is_valid() and any(zoek.cleaned_data.values()):
        data = zoek.cleaned_data
        filters = search.Filters(
            van=data["van"],
            tot=data["tot"],
            auteur=data["auteur"],
            zaaktype=data["zaaktype"],
            max_vertrouwelijkheid=_max_level(request),
            organisation_id=verzoek.organisation_id,
        )
        results = services.search_archive(data["q"], filters, limit=SEARCH_LIMIT)
    items = list(verzoek.items.select_related("document", "document__duplicaat_van"))
    return render(
        request,
        "woo/verzoek.html",
        {
            "verzoek": verzoek,
            "termijnen": services.termijnen(verzoek),
            "zoek": zoek,
            "results": results,
            "zoek_limiet": SEARCH_LIMIT,
            "items": items,
            "verdaging": forms.VerdagingForm(),
            "opschorting": forms.OpschortingForm(),
            "opschortingen": verzoek.opschortingen.order_by("van"),
        },
    )


@require_POST
@woo_employee
def add_documents(request, uuid):
    verzoek = _verzoek(uuid)
    ids = [value for value in request.POST.getlist("document") if value.isdigit()]
    documents = [
        d
        for d in ArchiveDocument.objects.filter(pk__in=ids, organisation=verzoek.organisation)
        if _visible(request, d)
    ]
    created = services.add_to_dossier(verzoek, documents)
    messages.success(request, f"{len(created)} document(en) aan het dossier toegevoegd.")
    return redirect("woo:verzoek", uuid=uuid)


@require_POST
@woo_employee
def verdaag(request, uuid):
    verzoek = _verzoek(uuid)
    form = forms.VerdagingForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Verdaging: " + " ".join(e for errors in form.errors.values() for e in errors)
        )
    else:
        try:
            services.verdaag(verzoek, **form.cleaned_data)
        except services.WooError as error:
            messages.error(request, str(error))
    return redirect("woo:verzoek", uuid=uuid)


@require_POST
@woo_employee
def schort_op(request, uuid):
    verzoek = _verzoek(uuid)
    form = forms.OpschortingForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Opschorting: " + " ".join(e for errors in form.errors.values() for e in errors)
        )
    else:
        try:
            services.schort_op(verzoek, **form.cleaned_data)
        except services.WooError as error:
            messages.error(request, str(error))
    return redirect("woo:verzoek", uuid=uuid)


@woo_employee
def review(request, uuid):
    item = _item(request, uuid)
    if not item.gedetecteerd:
        services.detect_item(item)
    else:
        services.log_review(item)
    lakking_form = forms.LakkingForm()
    beoordeling_form = forms.BeoordelingForm(
        initial={"beoordeling": item.beoordeling, "motivering": item.motivering}
    )
    if request.method == "POST":
        action = request.POST.get("actie")
        if action == "lakking":
            lakking_form = forms.LakkingForm(request.POST)
            if lakking_form.is_valid() and _add_lakking(item, lakking_form):
                return redirect("woo:review", uuid=uuid)
        elif action == "beoordeling":
            beoordeling_form = forms.BeoordelingForm(request.POST)
            if beoordeling_form.is_valid():
                try:
                    services.assess(item, **beoordeling_form.cleaned_data)
                    messages.success(request, "Beoordeling opgeslagen.")
                    return redirect("woo:review", uuid=uuid)
                except services.WooError as error:
                    beoordeling_form.add_error("motivering", str(error))
    pages = range(item.document.pagina_s)
    return render(
        request,
        "woo/review.html",
        {
            "item": item,
            "pages": pages,
            "lakkingen": item.lakkingen.all(),
            "lakking_form": lakking_form,
            "beoordeling_form": beoordeling_form,
            "Status": Lakking.Status,
        },
    )


def _add_lakking(item, form) -> bool:
    data = form.cleaned_data
    box = None
    if data.get("pagina") and None not in (data["x0"], data["y0"], data["x1"], data["y1"]):
        box = (data["pagina"] - 1, data["x0"], data["y0"], data["x1"], data["y1"])
    try:
        services.add_lakking(
            item,
            tekst=data.get("tekst", ""),
            grond=data["grond"],
            alle_voorkomens=data["alle_voorkomens"],
            box=box if not data.get("tekst") else None,
        )
    except services.WooError as error:
        form.add_error(None, str(error))
        return False
    return True


@require_POST
@woo_employee
def decide_lakking(request, uuid, pk):
    item = _item(request, uuid)
    lakking = get_object_or_404(item.lakkingen, pk=pk)
    services.decide(lakking, request.POST.get("besluit") == "accepteren")
    return redirect(reverse("woo:review", kwargs={"uuid": uuid}) + f"#lakking-{pk}")


@require_POST
@woo_employee
def accept_all(request, uuid):
    item = _item(request, uuid)
    count = services.accept_all(item, include_suggestions=request.POST.get("suggesties") == "1")
    messages.success(request, f"{count} voorstel(len) geaccepteerd.")
    return redirect("woo:review", uuid=uuid)


@woo_employee
def page_image(request, uuid, page):
    item = _item(request, uuid)
    try:
        png = services.render_page(item, page - 1)
    except services.WooError as error:
        raise Http404 from error
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@woo_employee
def inventory(request, uuid, fmt):
    verzoek = _verzoek(uuid)
    base = request.build_absolute_uri("/").rstrip("/")
    if fmt == "xlsx":
        data, content_type = (
            services.inventory_xlsx(verzoek, base),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    else:
        data, content_type = services.inventory_csv(verzoek, base), "text/csv; charset=utf-8"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="inventarislijst-{verzoek.zaak_identificatie}.{fmt}"'
    )
    return response


@woo_employee
def decision_preview(request, uuid):
    verzoek = _verzoek(uuid)
    return HttpResponse(services.decision_letter(verzoek), content_type="text/plain; charset=utf-8")


@require_POST
@woo_employee
def publish(request, uuid):
    verzoek = _verzoek(uuid)
    try:
        services.publish(verzoek)
    except (services.WooError, PdfError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Besluit genomen en publicatie klaargezet.")
    return redirect("woo:verzoek", uuid=uuid)


@woo_employee
def import_document(request):
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    organisations = _organisations(request)
    if request.method == "POST" and form.is_valid():
        organisation = organisations[0] if organisations else None
        if organisation is None:
            raise PermissionDenied
        upload = form.cleaned_data["bestand"]
        if upload.size > services.MAX_IMPORT_BYTES:
            form.add_error("bestand", "Het bestand is groter dan 200 MB.")
        else:
            try:
                count = _import(organisation, upload, form.cleaned_data)
            except (services.WooError, PdfError) as error:
                form.add_error("bestand", str(error))
            else:
                messages.success(request, f"{count} document(en) geïmporteerd.")
                return redirect("woo:import")
    return render(request, "woo/import.html", {"form": form})


def _import(organisation, upload, data) -> int:
    documents = services.import_file(
        organisation,
        upload.read(),
        titel=data["titel"],
        bestandsnaam=upload.name[:255],
        auteur=data["auteur"],
        datum=data["datum"],
        zaaktype=data["zaaktype"],
        vertrouwelijkheid=data["vertrouwelijkheid"],
    )
    return len(documents)


# --- The public Woo page ------------------------------------------------------------------------------

ART_3_3_CATEGORIES = [
    ("wetten", "Wetten en algemeen verbindende voorschriften"),
    ("overige-besluiten", "Overige besluiten van algemene strekking"),
    ("ontwerpen", "Ontwerpen van regelgeving met adviesaanvragen"),
    ("organisatie", "Organisatie en werkwijze"),
    ("bereikbaarheid", "Bereikbaarheidsgegevens"),
    ("vergaderstukken-raad", "Bij vertegenwoordigende organen ingekomen stukken"),
    ("vergaderstukken", "Vergaderstukken van de raad en commissies"),
    ("agenda-besluitenlijsten", "Agenda's en besluitenlijsten van het college"),
    ("adviezen", "Adviezen"),
    ("convenanten", "Convenanten"),
    ("jaarplannen", "Jaarplannen en jaarverslagen"),
    ("subsidies", "Subsidieverplichtingen anders dan met beschikking"),
    ("woo-verzoeken", "Woo-verzoeken en -besluiten"),
    ("onderzoeksrapporten", "Onderzoeksrapporten"),
    ("beschikkingen", "Beschikkingen"),
    ("klachtoordelen", "Klachtoordelen"),
]


def _public_org(slug) -> Organisation:
    return get_object_or_404(Organisation, slug=slug, is_active=True)


def _released(organisation):
    today = timezone.localdate()
    with tenancy.scope_for([organisation.pk]):
        published = WooVerzoek.objects.filter(organisation=organisation, gepubliceerd_op__isnull=False)
        return [v for v in published.order_by("-besluit_bekendgemaakt") if services.is_released(v, today)]


def public_index(request, slug):
    organisation = _public_org(slug)
    return render(
        request,
        "woo/public_index.html",
        {
            "organisation": organisation,
            "verzoeken": _released(organisation),
            "categorieen": ART_3_3_CATEGORIES,
        },
    )


def public_verzoek(request, slug, uuid):
    organisation = _public_org(slug)
    verzoek = next((v for v in _released(organisation) if str(v.uuid) == str(uuid)), None)
    if verzoek is None:
        raise Http404
    with tenancy.scope_for([organisation.pk]):
        items = [
            i for i in verzoek.items.select_related("document") if i.beoordeling != Beoordeling.NIET_OPENBAAR
        ]
        letter = services.decision_letter(verzoek)
    return render(
        request,
        "woo/public_verzoek.html",
        {"organisation": organisation, "verzoek": verzoek, "items": items, "letter": letter},
    )


def public_document(request, uuid):
    with tenancy.system_scope():
        item = DossierItem.objects.select_related("verzoek", "document").filter(uuid=uuid).first()
        if (
            item is None
            or not item.gelakt_pdf
            or not services.is_released(item.verzoek)
            or item.beoordeling not in (Beoordeling.OPENBAAR, Beoordeling.DEELS_OPENBAAR)
        ):
            raise Http404
        with item.gelakt_pdf.open("rb") as handle:
            data = handle.read()
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{item.verzoek.zaak_identificatie}-{item.volgnummer}.pdf"'
    )
    return response


def public_inventory(request, slug, uuid):
    organisation = _public_org(slug)
    verzoek = next((v for v in _released(organisation) if str(v.uuid) == str(uuid)), None)
    if verzoek is None:
        raise Http404
    with tenancy.scope_for([organisation.pk]):
        data = services.inventory_csv(verzoek, request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="inventarislijst-{verzoek.zaak_identificatie}.csv"'
    )
    return response


def public_diwoo(request, slug, uuid):
    """DiWoo metadata (diwoo-metadata.xsd, version 0.9.x) of every published document."""
    organisation = _public_org(slug)
    verzoek = next((v for v in _released(organisation) if str(v.uuid) == str(uuid)), None)
    if verzoek is None:
        raise Http404
    with tenancy.scope_for([organisation.pk]):
        items = [i for i in verzoek.items.select_related("document") if i.gelakt_pdf]
    base = request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "woo/diwoo.xml",
        {"organisation": organisation, "verzoek": verzoek, "items": items, "base": base},
        content_type="application/xml; charset=utf-8",
    )


def sitemap(request):
    base = request.build_absolute_uri("/").rstrip("/")
    urls = []
    for organisation in Organisation.objects.filter(is_active=True).order_by("slug"):
        urls.append(f"{base}{reverse('woo:public', kwargs={'slug': organisation.slug})}")
        for verzoek in _released(organisation):
            urls.append(
                base + reverse("woo:public-verzoek", kwargs={"slug": organisation.slug, "uuid": verzoek.uuid})
            )
            with tenancy.scope_for([organisation.pk]):
                urls.extend(
                    f"{base}{reverse('woo:public-document', kwargs={'uuid': i.uuid})}"
                    for i in verzoek.items.all()
                    if i.gelakt_pdf
                )
    return render(request, "woo/sitemap.xml", {"urls": urls}, content_type="application/xml; charset=utf-8")
