"""iNzicht screens: the dashboard in the werkplek, CSV of every chart, the zaken behind a
number, the monthly report, and the public open-data pages per municipality."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from raadhuis.inzicht import forms, services
from raadhuis.inzicht.lijst import MATEN
from raadhuis.inzicht.models import Gebied
from raadhuis.inzicht.opendata import DATASETS
from raadhuis.inzicht.permissions import visible_organisations
from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation
from raadhuis.werkplek import services as werkplek
from raadhuis.zgw.catalogi import services as catalogi

FILTER_FIELDS = ("organisatie", "van", "tot", "zaaktype", "team", "kanaal", "wijk", "categorie")


def _filter_form(request) -> forms.FilterForm:
    organisations = visible_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    orgs = list(Organisation.objects.filter(pk__in=list(organisations)).order_by("name"))
    choices = {
        "organisatie": [(o.pk, o.name) for o in orgs] if len(orgs) > 1 else [],
        "zaaktype": sorted(
            {
                (z.identificatie, f"{z.omschrijving} ({z.identificatie})")
                for z in catalogi.published_zaaktypen()
            }
        ),
        "team": sorted({(t.code, t.naam) for o in orgs for t in werkplek.teams(o)}),
        "wijk": [
            (g.code, g.naam)
            for g in Gebied.objects.filter(
                organisation_id__in=list(organisations), soort=Gebied.Soort.WIJK
            ).order_by("naam")
        ],
    }
    data = {name: request.GET[name] for name in FILTER_FIELDS if name in request.GET}
    form = forms.FilterForm(
        data or None, organisations=organisations, choices=choices, today=timezone.localdate()
    )
    form.is_valid()
    return form


def _query(spec, **changes) -> str:
    """The query string of a filter with ``changes``: the drill-down and CSV links."""
    values = {"van": f"{spec.van:%Y-%m}", "tot": f"{spec.tot:%Y-%m}", **spec.dimensions()}
    for name, value in spec.dimensions().items():
        values[name] = getattr(spec, name) or value
    for name, value in changes.items():
        values[name] = f"{value:%Y-%m}" if hasattr(value, "strftime") else value
    if len(spec.organisations) == 1:
        values["organisatie"] = next(iter(spec.organisations))
    return urlencode({k: v for k, v in values.items() if v not in ("", None)})


@require_GET
@login_required
def dashboard(request):
    form = _filter_form(request)
    spec = form.filter()
    board = services.build_dashboard(spec)
    grafieken = [
        {
            "grafiek": g,
            "csv": _query(spec),
            "rijen": [(row, _query(spec, **link) if link else "") for row, link in g.tabel()],
        }
        for g in board.grafieken.values()
    ]
    tegels = [(t, _query(spec, maat=t.maat) if t.maat else "") for t in board.tegels]
    return render(
        request,
        "inzicht/dashboard.html",
        {
            "form": form,
            "spec": spec,
            "tegels": tegels,
            "grafieken": grafieken,
            "query": _query(spec),
        },
    )


@require_GET
@login_required
def export_csv(request, code: str):
    spec = _filter_form(request).filter()
    grafiek = services.build_dashboard(spec).grafieken.get(code)
    if grafiek is None:
        raise Http404
    response = HttpResponse(grafiek.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="inzicht-{code}-{spec.van:%Y%m}-{spec.tot:%Y%m}.csv"'
    )
    return response


@require_GET
@login_required
def zaken(request):
    form = _filter_form(request)
    spec = form.filter()
    maat = request.GET.get("maat", "gesloten")
    if maat not in MATEN:
        maat = "gesloten"
    try:
        page = max(1, int(request.GET.get("pagina", 1)))
    except ValueError:
        page = 1
    rows, has_next = services.zaken_achter(spec, maat, page)
    return render(
        request,
        "inzicht/zaken.html",
        {
            "form": form,
            "spec": spec,
            "maat": maat,
            "maat_label": MAAT_LABELS.get(maat, maat),
            "rows": rows,
            "page": page,
            "has_next": has_next,
            "query": _query(spec, maat=maat),
        },
    )


MAAT_LABELS = {
    "geopend": _("geopend in de periode"),
    "gesloten": _("afgehandeld in de periode"),
    "open": _("nu open"),
    "te_laat": _("na de uiterste datum afgehandeld"),
    "binnen_termijn": _("binnen de termijn afgehandeld"),
    "opgeschort": _("afgehandeld en ooit opgeschort"),
    "verlengd": _("afgehandeld en verlengd"),
    "heropend": _("afgehandeld en ooit heropend"),
    "geautomatiseerd": _("automatisch afgehandeld"),
}


@require_GET
@login_required
def rapport(request):
    organisations = visible_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    month = forms.parse_month(request.GET.get("maand", ""))
    if month is None:
        month = timezone.localdate().replace(day=1)
    organisation = Organisation.objects.filter(pk__in=list(organisations)).order_by("name").first()
    pdf = services.monthly_report(organisation, month, organisations)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="maandrapportage-{month:%Y-%m}.pdf"'
    return response


# --- Open data (public) ------------------------------------------------------------------------


def _public_organisation(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug, is_active=True).first()
    if organisation is None:
        raise Http404
    return organisation


def _dictionary(slug: str) -> tuple[Organisation, dict]:
    organisation = _public_organisation(slug)
    with tenancy.scope_for([organisation.pk]):
        return organisation, services.data_dictionary(organisation)


@require_GET
def open_data(request, org: str):
    organisation, woordenboek = _dictionary(org)
    return render(
        request,
        "inzicht/open_data.html",
        {
            "organisation": organisation,
            "woordenboek": woordenboek,
            "datasets": DATASETS,
        },
    )


@require_GET
def open_data_file(request, org: str, dataset: str, formaat: str):
    organisation = _public_organisation(org)
    if dataset not in DATASETS or formaat not in ("csv", "json"):
        raise Http404
    with tenancy.scope_for([organisation.pk]):
        rows = services.open_data(organisation, dataset)
    if formaat == "json":
        return JsonResponse(
            {"dataset": dataset, "uitgever": organisation.name, "rijen": rows},
            json_dumps_params={"ensure_ascii": False},
        )
    columns = [k.naam for k in DATASETS[dataset]["kolommen"]]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in columns])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}-{dataset}.csv"'
    return response


@require_GET
def woordenboek(request, org: str):
    _organisation, data = _dictionary(org)
    return HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
