"""The KPIs: their definitions (shown beside every figure) and their values from the cells.

Every figure is computed from :class:`ZaakCel` rows (and :class:`Kengetal` rows for the
other modules), never from the zaken: one query fetches the cells of the period, which are
grouped in Python for every chart, and one more sums what lies before it (the backlog).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from raadhuis.inzicht.kubus import MEASURES
from raadhuis.inzicht.models import DIGITAAL, Kanaal, ZaakCel

DIMENSIONS = ("zaaktype", "team", "kanaal", "wijk", "categorie")


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


def cells(spec: Filter, **extra):
    return ZaakCel.objects.filter(spec.visible(), **spec.dimensions(), **extra)


@dataclass
class Groep:
    """Summed measures of a group of cells, with the throughput-time histogram."""

    counts: Counter = field(default_factory=Counter)
    histogram: Counter = field(default_factory=Counter)

    def add(self, row: dict) -> None:
        for name in MEASURES:
            self.counts[name] += row[name]
        if row["gesloten"]:
            for days, n in row["doorlooptijden"].items():
                self.histogram[int(days)] += n

    def __getitem__(self, name: str) -> int:
        return self.counts[name]

    def percentile(self, p: float) -> int | None:
        """Nearest-rank percentile of the throughput times (days)."""
        total = sum(self.histogram.values())
        if not total:
            return None
        needed, running = math.ceil(p * total), 0
        for days in sorted(self.histogram):
            running += self.histogram[days]
            if running >= needed:
                return days
        return None

    def share(self, part: str, whole: str = "gesloten") -> float | None:
        return ratio(self.counts[part], self.counts[whole])


def ratio(part, whole, factor: float = 100.0) -> float | None:
    return round(factor * part / whole, 1) if whole else None


ROW_FIELDS = ("maand", *DIMENSIONS, *MEASURES, "doorlooptijden")


def period_rows(spec: Filter) -> list[dict]:
    return list(cells(spec, maand__gte=spec.van, maand__lte=spec.tot).values(*ROW_FIELDS))


def before_period(spec: Filter) -> dict:
    """Opened, closed and still open before the period: the backlog's starting point."""
    sums = cells(spec, maand__lt=spec.van).aggregate(
        geopend=Sum("geopend"), gesloten=Sum("gesloten"), open=Sum("open")
    )
    return {k: v or 0 for k, v in sums.items()}


def group(rows: list[dict], key) -> dict:
    groups: dict = {}
    for row in rows:
        groups.setdefault(key(row), Groep()).add(row)
    return groups


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


def bezwaren(spec: Filter, rows: list[dict]) -> tuple[int, int]:
    """(bezwaarzaken opened, besluiten of closed other zaken) in the period. A bezwaar is a zaak
    of its own zaaktype, not linked to the zaaktype of the besluit, so a zaaktype filter is
    not applied to this KPI."""
    if spec.zaaktype:
        rows = period_rows(replace(spec, zaaktype=""))
    types = settings.INZICHT_BEZWAAR_ZAAKTYPEN
    opened = sum(r["geopend"] for r in rows if r["zaaktype"] in types)
    return opened, sum(r["besluiten"] for r in rows if r["zaaktype"] not in types)
