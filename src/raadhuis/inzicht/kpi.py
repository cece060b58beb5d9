"""The KPIs: their definitions (shown beside every figure) and their values from the cells.

Every figure is computed from :class:`ZaakCel` rows (and :class:`Kengetal` rows for the
other modules), never from the zaken: one query fetches the cells of the period, which are
grouped in Python for every chart, and one more sums what lies before it (the backlog).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from raadhuis.inzicht import kubus
from raadhuis.inzicht.kubus import LATTICE, MEASURES
from raadhuis.inzicht.models import DIGITAAL, Kanaal, ZaakCel

DIMENSIONS = kubus.DIMENSIONS


@dataclass(frozen=True)
class Definitie:
    code: str
    naam: str
    definitie: str
    eenheid: str = ""


DEFINITIES = {
    d.code: d
    for d in [
        Definitie(
            "geopend",
            _("Zaken geopend"),
            _("Aantal zaken met een registratiedatum in de periode."),
            _("zaken"),
        ),
        Definitie(
            "gesloten",
            _("Zaken afgehandeld"),
            _(
                "Aantal zaken met een einddatum in de periode (een heropende zaak telt in de maand van "
                "haar laatste einddatum)."
            ),
            _("zaken"),
        ),
        Definitie(
            "doorlooptijd_mediaan",
            _("Doorlooptijd (mediaan)"),
            _(
                "Kalenderdagen van startdatum tot einddatum van de in de periode afgehandelde zaken; de "
                "helft duurde korter of even lang (mediaan, rangmethode)."
            ),
            _("dagen"),
        ),
        Definitie(
            "doorlooptijd_p90",
            _("Doorlooptijd (90e percentiel)"),
            _("Negen op de tien in de periode afgehandelde zaken duurden zo lang of korter."),
            _("dagen"),
        ),
        Definitie(
            "binnen_termijn",
            _("Binnen de wettelijke termijn"),
            _(
                "Deel van de afgehandelde zaken met een uiterste datum waarvan de einddatum op of vóór de "
                "uiterste datum ligt. De uiterste datum volgt uit de doorlooptijd van het zaaktype in "
                "kalender- of werkdagen, met opschortingen, verlenging en de Algemene termijnenwet."
            ),
            "%",
        ),
        Definitie(
            "werkvoorraad",
            _("Werkvoorraad"),
            _(
                "Aantal zaken dat nu open is (zonder einddatum), geregistreerd tot en met het einde van de "
                "periode."
            ),
            _("zaken"),
        ),
        Definitie(
            "werkvoorraad_leeftijd",
            _("Werkvoorraad ouder dan 3 maanden"),
            _("Deel van de werkvoorraad dat meer dan drie kalendermaanden geleden is geregistreerd."),
            "%",
        ),
        Definitie(
            "opgeschort",
            _("Opgeschort"),
            _("Deel van de afgehandelde zaken dat ooit is opgeschort (Awb 4:15)."),
            "%",
        ),
        Definitie(
            "verlengd",
            _("Verlengd"),
            _("Deel van de afgehandelde zaken waarvan de termijn is verlengd (Awb 4:14)."),
            "%",
        ),
        Definitie(
            "heropend",
            _("Heropend"),
            _("Deel van de afgehandelde zaken dat na een eindstatus ten minste één keer is heropend."),
            "%",
        ),
        Definitie(
            "geautomatiseerd",
            _("Automatisch afgehandeld"),
            _(
                "Deel van de afgehandelde zaken waarvan het proces van begin tot eind liep zonder taak van "
                "een medewerker."
            ),
            "%",
        ),
        Definitie(
            "bezwaren_per_besluit",
            _("Bezwaren per 100 besluiten"),
            _(
                "Bezwaarzaken geopend in de periode per 100 besluiten bij zaken die in de periode zijn "
                "afgehandeld."
            ),
            _("per 100"),
        ),
        Definitie(
            "digitaal",
            _("Digitaal ingediend"),
            _(
                "Deel van de door inwoners en bedrijven ingediende zaken dat via Mijn gemeente, de "
                "chatbot of een ander systeem (API) binnenkwam, tegenover balie, telefoon en post. Zaken die "
                "automatisch ontstaan (sensoren) tellen niet mee."
            ),
            "%",
        ),
        Definitie(
            "containment",
            _("Chatbot zonder overdracht"),
            _("Deel van de chatgesprekken dat de chatbot afhandelde zonder overdracht aan een medewerker."),
            "%",
        ),
        Definitie(
            "overdracht",
            _("Overdracht aan medewerker"),
            _(
                "Deel van de chatgesprekken waarin om een medewerker is gevraagd of een medewerker het "
                "gesprek overnam."
            ),
            "%",
        ),
        Definitie(
            "eerste_contact",
            _("KCC: opgelost bij eerste contact"),
            _(
                "Deel van de door een medewerker behandelde gesprekken met een bekende inwoner waarna "
                "diezelfde inwoner binnen 7 dagen geen nieuw gesprek begon."
            ),
            "%",
        ),
        Definitie(
            "woo_op_tijd",
            _("Woo-verzoeken op tijd"),
            _(
                "Deel van de in de periode beslote Woo-verzoeken waarvan het besluit binnen de termijn (met "
                "verdaging en opschorting) is bekendgemaakt."
            ),
            "%",
        ),
        Definitie(
            "woo_dagen",
            _("Woo: gemiddelde doorlooptijd"),
            _("Gemiddeld aantal kalenderdagen van ontvangst tot bekendmaking van het besluit."),
            _("dagen"),
        ),
        Definitie(
            "sensor_alarmen",
            _("Sensoralarmen"),
            _("Aantal zaken in de periode geopend door een alarmregel van een sensor."),
            _("zaken"),
        ),
        Definitie(
            "wegen_achterstand",
            _("Wegen: achterstallig onderhoud"),
            _(
                "Kilometers weg waarvan de conditie (IRI) de richtlijnwaarde of de achterstandswaarde "
                "van het wegtype heeft bereikt, volgens de laatste meting."
            ),
            _("km"),
        ),
    ]
}


@dataclass(frozen=True)
class Filter:
    """What a dashboard shows: the months [van, tot] (first days), the organisations the user
    may see with their highest confidentiality rank, and optional dimension values."""

    organisations: dict[int, int]
    van: date
    tot: date
    zaaktype: str = ""
    team: str = ""
    kanaal: str = ""
    wijk: str = ""
    categorie: str = ""

    def dimensions(self) -> dict[str, str]:
        """The chosen dimension values; ``-`` stands for "none" (no team, no wijk)."""
        chosen = {name: getattr(self, name) for name in DIMENSIONS if getattr(self, name)}
        return {name: "" if value == "-" else value for name, value in chosen.items()}

    def visible(self) -> Q:
        condition = Q(pk__in=[])
        for organisation_id, max_rank in self.organisations.items():
            condition |= Q(organisation_id=organisation_id, vertrouwelijkheid__lte=max_rank)
        return condition

    def months(self) -> list[date]:
        months, month = [], self.van
        while month <= self.tot and len(months) < 240:
            months.append(month)
            month += relativedelta(months=1)
        return months

    @property
    def einde(self) -> date:
        """The last day of the period."""
        return self.tot + relativedelta(months=1, days=-1)


def grouping_set(dimensions) -> tuple:
    """The smallest kept grouping set holding these dimensions (the full cross product when no
    smaller one does): a chart with at most one filter reads a set of one or two dimensions."""
    wanted = tuple(d for d in DIMENSIONS if d in set(dimensions))
    return wanted if wanted in LATTICE else DIMENSIONS


def cells(spec: Filter, by: tuple = (), **extra):
    """The cells of the filter's grouping set with the dimensions ``by`` as well."""
    kept = grouping_set({*spec.dimensions(), *by})
    return ZaakCel.objects.filter(spec.visible(), niveau=kubus.niveau(kept), **spec.dimensions(), **extra)


class Groep:
    """Summed measures of a group of cells, with its throughput times as sorted arrays of
    (days, zaken) — repeated days allowed — for exact percentiles."""

    def __init__(self, counts: dict | None = None, days=None, zaken=None) -> None:
        self.counts = counts or {}
        self.days = days if days is not None else np.empty(0, dtype=np.int64)
        self.zaken = zaken if zaken is not None else np.empty(0, dtype=np.int64)

    def __getitem__(self, name: str) -> int:
        return int(self.counts.get(name, 0))

    def percentile(self, p: float) -> int | None:
        """Nearest-rank percentile of the throughput times (days)."""
        running = np.cumsum(self.zaken)
        if not len(running) or not running[-1]:
            return None
        return int(self.days[int(np.searchsorted(running, math.ceil(p * int(running[-1]))))])

    def share(self, part: str, whole: str = "gesloten") -> float | None:
        return ratio(self[part], self[whole])


KEYS = ("maand", *DIMENSIONS)


class Cells:
    """The cells of a period as arrays, grouped at will: one pass in Python to read them,
    then numpy sums per group (a dashboard groups tens of thousands of cells ten ways)."""

    def __init__(self, rows: list[tuple]) -> None:
        width = len(KEYS)
        self.keys = [row[:width] for row in rows]
        self.measures = np.array([row[width:-1] for row in rows], dtype=np.int64).reshape(
            len(rows), len(MEASURES)
        )
        cells, days, zaken = [], [], []
        for i, row in enumerate(rows):
            histogram = row[-1]
            if histogram:
                cells.extend([i] * len(histogram))
                days.extend(map(int, histogram))
                zaken.extend(histogram.values())
        self.h_cell = np.array(cells, dtype=np.int64)
        self.h_days = np.array(days, dtype=np.int64)
        self.h_zaken = np.array(zaken, dtype=np.int64)

    def group(self, *names: str) -> dict:
        """{value (a tuple for several names): Groep} over the dimensions ``names``."""
        positions = [KEYS.index(name) for name in names]
        index: dict = {}
        if len(positions) == 1:
            (at,) = positions
            labels = [key[at] for key in self.keys]
        else:
            labels = [tuple(key[p] for p in positions) for key in self.keys]
        codes = np.array([index.setdefault(label, len(index)) for label in labels], dtype=np.int64)
        sums = (
            np.stack(
                [
                    np.bincount(codes, weights=self.measures[:, m], minlength=len(index))
                    for m in range(len(MEASURES))
                ],
                axis=1,
            )
            if len(codes)
            else np.zeros((0, len(MEASURES)))
        )
        groups = codes[self.h_cell] if len(self.h_cell) else self.h_cell
        order = np.lexsort((self.h_days, groups))
        groups, days, zaken = groups[order], self.h_days[order], self.h_zaken[order]
        bounds = np.searchsorted(groups, np.arange(len(index) + 1))
        return {
            label: Groep(
                dict(zip(MEASURES, sums[i].astype(int).tolist(), strict=True)),
                days[bounds[i] : bounds[i + 1]],
                zaken[bounds[i] : bounds[i + 1]],
            )
            for label, i in index.items()
        }

    def total(self) -> Groep:
        order = np.argsort(self.h_days, kind="stable")
        sums = self.measures.sum(axis=0).tolist() if len(self.keys) else [0] * len(MEASURES)
        return Groep(dict(zip(MEASURES, sums, strict=True)), self.h_days[order], self.h_zaken[order])


def ratio(part, whole, factor: float = 100.0) -> float | None:
    return round(factor * part / whole, 1) if whole else None


ROW_FIELDS = (*KEYS, *MEASURES, "doorlooptijden")


def period_cells(spec: Filter, by: tuple = (), *, percentiles: bool = True) -> Cells:
    """The cells of the period; without ``percentiles`` the histograms are not even read."""
    query = cells(spec, by, maand__gte=spec.van, maand__lte=spec.tot)
    if percentiles:
        return Cells(list(query.values_list(*ROW_FIELDS)))
    return Cells([(*row, None) for row in query.values_list(*ROW_FIELDS[:-1])])


def before_period(spec: Filter) -> dict:
    """Opened, closed and still open before the period: the backlog's starting point."""
    sums = cells(spec, maand__lt=spec.van).aggregate(
        geopend=Sum("geopend"), gesloten=Sum("gesloten"), open=Sum("open")
    )
    return {k: v or 0 for k, v in sums.items()}


def zaak_kpis(
    total: Groep, backlog: int, old_backlog: int, digital: tuple[int, int], bezwaren: tuple[int, int]
):
    return {
        "geopend": total["geopend"],
        "gesloten": total["gesloten"],
        "doorlooptijd_mediaan": total.percentile(0.5),
        "doorlooptijd_p90": total.percentile(0.9),
        "binnen_termijn": total.share("binnen_termijn", "met_termijn"),
        "werkvoorraad": backlog,
        "werkvoorraad_leeftijd": ratio(old_backlog, backlog),
        "opgeschort": total.share("opgeschort"),
        "verlengd": total.share("verlengd"),
        "heropend": total.share("heropend"),
        "geautomatiseerd": total.share("geautomatiseerd"),
        "bezwaren_per_besluit": ratio(*bezwaren),
        "digitaal": ratio(*digital),
    }


def digital_counts(by_kanaal: dict[str, Groep]) -> tuple[int, int]:
    digital = sum(by_kanaal[k]["geopend"] for k in DIGITAAL if k in by_kanaal)
    counted = digital + (by_kanaal[Kanaal.BALIE]["geopend"] if Kanaal.BALIE in by_kanaal else 0)
    return digital, counted


def bezwaren(spec: Filter, per_zaaktype: dict) -> tuple[int, int]:
    """(bezwaarzaken opened, besluiten of closed other zaken) in the period. A bezwaar is a zaak
    of its own zaaktype, not linked to the zaaktype of the besluit, so a zaaktype filter is
    not applied to this KPI."""
    if spec.zaaktype:
        per_zaaktype = period_cells(replace(spec, zaaktype=""), ("zaaktype",)).group("zaaktype")
    types = settings.INZICHT_BEZWAAR_ZAAKTYPEN
    opened = sum(g["geopend"] for t, g in per_zaaktype.items() if t in types)
    return opened, sum(g["besluiten"] for t, g in per_zaaktype.items() if t not in types)
