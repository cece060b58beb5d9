"""Werkplek pages for the wegbeheerder: the network map coloured by condition with potholes,
the priority list with exports, drill-down to a segment's passes, and the uploads (road
network, traces, ground motion). Only employees with the role Wegbeheerder in the
organisation get in; another organisation's segment is a 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from raadhuis.platform.models import Membership, Organisation, Role
from raadhuis.wegen import mapview, services
from raadhuis.wegen.models import Defect, RoadSegment, Trace, Vehicle

MAX_FILE = 200 * 1024 * 1024


class NetworkForm(forms.Form):
    bestand = forms.FileField(label=gettext_lazy("Wegvakken (GeoJSON of gezipt shapefile)"))


class TraceForm(forms.Form):
    voertuig = forms.CharField(label=gettext_lazy("Voertuig"), max_length=64)
    voertuigtype = forms.ChoiceField(label=gettext_lazy("Voertuigtype"), choices=Vehicle.Type.choices)
    bestand = forms.FileField(label=gettext_lazy("Rit (CSV of Parquet)"))


class GroundMotionForm(forms.Form):
    bestand = forms.FileField(label=gettext_lazy("Bodembeweging (EGMS CSV)"))


def _organisation(request) -> Organisation:
    """The organisation the wegbeheerder works for (``?org=slug`` when several)."""
    memberships = Membership.objects.filter(
        user=request.user, role=Role.WEGBEHEERDER, organisation__is_active=True
    ).select_related("organisation")
    organisations = {m.organisation.slug: m.organisation for m in memberships}
    if not organisations:
        raise PermissionDenied
    slug = request.GET.get("org") or request.POST.get("org")
    if slug:
        if slug not in organisations:
            raise PermissionDenied
        return organisations[slug]
    return organisations[sorted(organisations)[0]]


@require_GET
@login_required
def index(request):
    organisation = _organisation(request)
    ranking = services.priority_list(organisation)
    segments = RoadSegment.objects.filter(organisation=organisation)
    defects = Defect.objects.filter(organisation=organisation, kind=Defect.Kind.GAT)
    context = {
        "organisation": organisation,
        "ranking": ranking[:50],
        "map_svg": mapview.svg(list(segments), list(defects)),
        "traces": Trace.objects.filter(organisation=organisation)
        .select_related("vehicle")
        .order_by("-received_at")[:10],
        "network_form": NetworkForm(),
        "trace_form": TraceForm(),
        "ground_form": GroundMotionForm(),
        "legend": mapview.LEGEND,
    }
    return render(request, "wegen/index.html", context)


@require_GET
@login_required
def segment_detail(request, uuid):
    organisation = _organisation(request)
    segment = RoadSegment.objects.filter(organisation=organisation, uuid=uuid).first()
    if segment is None:
        raise Http404
    passes = list(
        segment.passes.select_related("trace__vehicle").defer("signal").order_by("-measured_at")[:200]
    )
    defects = list(segment.defects.order_by("measure"))
    shown = _shown_pass(segment, passes, request.GET.get("passage"))
    return render(
        request,
        "wegen/segment.html",
        {
            "organisation": organisation,
            "segment": segment,
            "passes": passes,
            "defects": defects,
            "shown": shown,
            "signal_svg": mapview.signal_svg(shown.signal, segment.length, defects) if shown else "",
        },
    )


def _shown_pass(segment, passes, wanted):
    """The pass whose signal is drawn: the one asked for (``?passage=<id>``), else the latest."""
    if not passes:
        return None
    chosen = next((p for p in passes if str(p.pk) == wanted), passes[0])
    return segment.passes.only("pk", "signal", "measured_at").get(pk=chosen.pk)


@require_GET
@login_required
def export(request, fmt: str):
    organisation = _organisation(request)
    if fmt == "csv":
        response = HttpResponse(
            services.export_priority_csv(organisation), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            services.export_priority_geojson(organisation), content_type="application/geo+json"
        )
    response["Content-Disposition"] = f'attachment; filename="onderhoudsprioriteit-{organisation.slug}.{fmt}"'
    return response


def _upload(request, form_class, handle):
    organisation = _organisation(request)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(f"/wegen/?org={organisation.slug}")
    upload = form.cleaned_data["bestand"]
    if upload.size > MAX_FILE:
        messages.error(request, _("Het bestand is groter dan 200 MB."))
        return redirect(f"/wegen/?org={organisation.slug}")
    try:
        messages.success(request, handle(organisation, form.cleaned_data, upload.read()))
    except services.WegenError as error:
        messages.error(request, str(error))
    return redirect(f"/wegen/?org={organisation.slug}")


@require_POST
@login_required
def upload_network(request):
    def handle(organisation, data, content):
        counts = services.import_network(organisation, content)
        return _("Wegennet ingelezen: %(aangemaakt)s nieuw, %(bijgewerkt)s bijgewerkt.") % counts

    return _upload(request, NetworkForm, handle)


@require_POST
@login_required
def upload_trace(request):
    def handle(organisation, data, content):
        vehicle = services.register_vehicle(organisation, data["voertuig"], data["voertuigtype"])
        trace = services.ingest_trace(vehicle, content)
        if trace.status == Trace.Status.AFGEKEURD:
            raise services.WegenError(_("Rit afgekeurd: %(reden)s") % {"reden": trace.reason})
        return _("Rit verwerkt: %(passages)s passages, %(deel).0f%% bruikbaar.") % {
            "passages": trace.passes.count(),
            "deel": trace.good_share * 100,
        }

    return _upload(request, TraceForm, handle)


@require_POST
@login_required
def upload_ground_motion(request):
    def handle(organisation, data, content):
        counts = services.import_ground_motion(organisation, content)
        return (
            _("Bodembeweging ingelezen: %(punten)s punten, %(wegvakken_met_daling)s wegvakken met daling.")
            % counts
        )

    return _upload(request, GroundMotionForm, handle)
