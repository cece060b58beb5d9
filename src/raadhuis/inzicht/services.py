"""The door of inzicht: KPIs and dashboards from pre-aggregated tables, the zaken behind a
number, open data and the monthly council report. Other modules and the views call these.

The figures follow the zaken through their events (``sync``): each event queues its zaak and
the background task ``raadhuis.inzicht.verversen`` refreshes the facts and cells of the
queued zaken in batches (ADR 0023).
"""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone

from raadhuis.inzicht import bronnen, dashboard, gebieden, kpi, kubus, lijst, opendata
from raadhuis.inzicht.models import Gebied, Rapportsjabloon
from raadhuis.werkplek import services as werkplek

Filter = kpi.Filter
DEFINITIES = kpi.DEFINITIES


def build_dashboard(spec: kpi.Filter, today: date | None = None) -> dashboard.Dashboard:
    return dashboard.build(spec, today or timezone.localdate())


def zaken_achter(spec: kpi.Filter, maat: str, page: int = 1):
    """The zaken behind a measure (see ``lijst.MATEN``), one page, and whether more follow."""
    return lijst.zaken(spec, maat, page)


def verversen(limit: int | None = None) -> int:
    """Refresh the queued zaken now (the background task does this after events)."""
    return kubus.refresh_pending(limit=limit)


def rebuild(organisation, progress=None) -> int:
    return kubus.rebuild(organisation, progress=progress)


def refresh_sources(months: list[date] | None = None) -> int:
    return bronnen.refresh_all(months)


def load_gebieden(organisation, content: bytes | str) -> int:
    return gebieden.load_geojson(organisation, content)


def open_data(organisation, dataset: str, today: date | None = None) -> list[dict]:
    return opendata.dataset(organisation, dataset, today or timezone.localdate())


def data_dictionary(organisation) -> dict:
    return opendata.woordenboek(organisation)


def rapportsjabloon(organisation) -> Rapportsjabloon:
    """The municipality's report template (admin: iNzicht → Rapportsjablonen), else the default."""
    return Rapportsjabloon.objects.filter(organisation=organisation).first() or Rapportsjabloon(
        organisation=organisation
    )


def monthly_report(organisation, month: date, organisations: dict[int, int]) -> bytes:
    """The council's monthly report as PDF: this month beside the month before and the same
    month a year ago, the charts of the last twelve months, and every KPI's definition; title,
    texts, key figures and charts as the municipality's report template says."""
    from dateutil.relativedelta import relativedelta

    month = month.replace(day=1)
    periods = {
        "maand": (month, month),
        "vorige": (month - relativedelta(months=1),) * 2,
        "vorig_jaar": (month - relativedelta(years=1),) * 2,
    }
    figures = {
        name: dashboard.build(kpi.Filter(organisations, van, tot), timezone.localdate())
        for name, (van, tot) in periods.items()
    }
    year = dashboard.build(
        kpi.Filter(organisations, month - relativedelta(months=11), month), timezone.localdate()
    )
    sjabloon = rapportsjabloon(organisation)
    earlier = {
        name: {t.definitie.code: t.waarde for t in figures[name].tegels} for name in ("vorige", "vorig_jaar")
    }
    rows = [
        (tegel.definitie, tegel.waarde, earlier["vorige"].get(code), earlier["vorig_jaar"].get(code))
        for tegel in sjabloon.kies(figures["maand"].tegels)
        for code in [tegel.definitie.code]
    ]
    html = render_to_string(
        "inzicht/rapport.html",
        {
            "organisation": organisation,
            "sjabloon": sjabloon,
            "maand": month,
            "rijen": rows,
            "grafieken": year.grafieken if sjabloon.grafieken else {},
            "gemaakt": timezone.localtime(),
        },
    )
    return werkplek.html_to_pdf(html)


def wijken(organisation) -> list[Gebied]:
    return gebieden.gebieden_of(organisation)
