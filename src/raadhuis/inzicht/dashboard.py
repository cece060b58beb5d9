"""One dashboard: the KPI tiles and every chart of a filter, from two queries on the cells,
one on the other modules' monthly figures and one on the areas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import formats
from django.utils.translation import gettext as _

from raadhuis.inzicht import bronnen, kpi
from raadhuis.inzicht.grafieken import Grafiek
from raadhuis.inzicht.models import Gebied, Kanaal


@dataclass
class Tegel:
    definitie: kpi.Definitie
    waarde: float | int | None
    maat: str = ""  # drill-down measure; empty: no list behind it


@dataclass
class Dashboard:
    filter: kpi.Filter
    tegels: list[Tegel]
    grafieken: dict[str, Grafiek]


MONTH_OLD = 3  # backlog older than this many months counts as old


def maandlabel(month: date) -> str:
    return formats.date_format(month, "M Y")


def build(spec: kpi.Filter, today: date) -> Dashboard:
    monthly = kpi.period_cells(spec)
    before = kpi.before_period(spec)
    by_month, total = monthly.group("maand"), monthly.total()
    by_kanaal = _by(spec, "kanaal", percentiles=False)
    per_zaaktype = _by(spec, "zaaktype")
    backlog = before["open"] + total["open"]
    cutoff = today.replace(day=1) - relativedelta(months=MONTH_OLD)
    old = before["open"] if spec.van <= cutoff else 0
    old += sum(g["open"] for m, g in by_month.items() if m <= cutoff and m >= spec.van)
    values = kpi.zaak_kpis(
        total, backlog, old, kpi.digital_counts(by_kanaal), kpi.bezwaren(spec, per_zaaktype)
    )
    figures = bronnen.figures(spec.organisations, spec.van, spec.tot)
    values.update(_other_kpis(figures))
    tegels = [Tegel(kpi.DEFINITIES[code], value, MAAT.get(code, "")) for code, value in values.items()]
    grafieken = {
        g.code: g
        for g in [
            _series(spec, by_month, before),
            _throughput(spec, by_month),
            _per(spec, per_zaaktype, "zaaktype", _("Afgehandeld en doorlooptijd per zaaktype")),
            _per(
                spec,
                _by(spec, "team"),
                "team",
                _("Afgehandeld en doorlooptijd per team"),
                names={"": _("geen team")},
            ),
            _kanalen(spec, by_kanaal),
            _ages(spec, by_month, before, today),
            _meldingen(spec, _by(spec, "categorie")),
            _map(spec, _by(spec, "wijk")),
            _kcc(spec, figures),
            _roads(figures),
        ]
        if g is not None
    }
    return Dashboard(spec, tegels, grafieken)


def _by(spec, dimension: str, *, percentiles: bool = True) -> dict:
    """{value: Groep} of one dimension in the period, from its own grouping set."""
    return kpi.period_cells(spec, (dimension,), percentiles=percentiles).group(dimension)


DIMENSION_LABELS = {"zaaktype": _("zaaktype"), "team": _("team")}

MAAT = {
    "geopend": "geopend",
    "gesloten": "gesloten",
    "doorlooptijd_mediaan": "gesloten",
    "doorlooptijd_p90": "gesloten",
    "binnen_termijn": "te_laat",
    "werkvoorraad": "open",
    "werkvoorraad_leeftijd": "open",
    "opgeschort": "opgeschort",
    "verlengd": "verlengd",
    "heropend": "heropend",
    "geautomatiseerd": "geautomatiseerd",
}


def _other_kpis(figures: dict) -> dict:
    def summed(bron, naam):
        months = figures.get((bron, naam), {}).get("maanden", {})
        return sum(t for t, _n in months.values()), sum(n for _t, n in months.values())

    dagen, verzoeken = summed("woo", "dagen")
    latest = _latest(figures.get(("wegen", "achterstand_km")))
    return {
        "containment": kpi.ratio(*summed("klantcontact", "containment")),
        "overdracht": kpi.ratio(*summed("klantcontact", "overdracht")),
        "eerste_contact": kpi.ratio(*summed("klantcontact", "eerste_contact")),
        "woo_op_tijd": kpi.ratio(*summed("woo", "op_tijd")),
        "woo_dagen": round(dagen / verzoeken, 1) if verzoeken else None,
        "sensor_alarmen": int(summed("sensoren", "alarmen")[0])
        if ("sensoren", "alarmen") in figures
        else None,
        "wegen_achterstand": latest,
    }


def _latest(entry: dict | None):
    if not entry or not entry["maanden"]:
        return None
    return round(entry["maanden"][max(entry["maanden"])][0], 1)


def _series(spec, by_month, before) -> Grafiek:
    rows, links, running = [], [], before["geopend"] - before["gesloten"]
    for month in spec.months():
        group = by_month.get(month, kpi.Groep())
        running += group["geopend"] - group["gesloten"]
        rows.append([maandlabel(month), group["geopend"], group["gesloten"], running])
        links.append({"van": month, "tot": month})
    return Grafiek(
        "instroom",
        _("Instroom, uitstroom en werkvoorraad per maand"),
        "lijn",
        [_("maand"), _("geopend"), _("afgehandeld"), _("werkvoorraad aan het eind van de maand")],
        rows,
        links,
        _(
            "Werkvoorraad: alle zaken geregistreerd tot het einde van de maand min de zaken die toen waren "
            "afgehandeld, naar de huidige stand."
        ),
    )


def _throughput(spec, by_month) -> Grafiek:
    rows, links = [], []
    for month in spec.months():
        group = by_month.get(month, kpi.Groep())
        rows.append(
            [
                maandlabel(month),
                group.percentile(0.5),
                group.percentile(0.9),
                group.share("binnen_termijn", "met_termijn"),
            ]
        )
        links.append({"van": month, "tot": month})
    return Grafiek(
        "doorlooptijd",
        _("Doorlooptijd en termijn per maand"),
        "lijn",
        [_("maand"), _("mediaan (dagen)"), _("90e percentiel (dagen)"), _("binnen termijn (%)")],
        rows,
        links,
    )


def _per(spec, groups: dict, dimension: str, titel: str, names: dict | None = None) -> Grafiek | None:
    if getattr(spec, dimension):
        return None
    table, links = [], []
    for key, group in sorted(groups.items(), key=lambda item: -item[1]["gesloten"]):
        table.append(
            [
                (names or {}).get(key, key),
                group["gesloten"],
                group["geopend"],
                group.percentile(0.5),
                group.percentile(0.9),
                group.share("binnen_termijn", "met_termijn"),
            ]
        )
        links.append({dimension: key or "-"})
    return Grafiek(
        f"per-{dimension}",
        titel,
        "staaf",
        [
            DIMENSION_LABELS[dimension],
            _("afgehandeld"),
            _("geopend"),
            _("mediaan (dagen)"),
            _("90e percentiel (dagen)"),
            _("binnen termijn (%)"),
        ],
        table,
        links,
    )


def _kanalen(spec, by_kanaal) -> Grafiek | None:
    if spec.kanaal:
        return None
    labels = dict(Kanaal.choices)
    table = [
        [str(labels.get(k, k)), g["geopend"]]
        for k, g in sorted(by_kanaal.items(), key=lambda i: -i[1]["geopend"])
    ]
    links = [{"kanaal": k} for k, _g in sorted(by_kanaal.items(), key=lambda i: -i[1]["geopend"])]
    return Grafiek(
        "kanalen", _("Geopende zaken per kanaal"), "staaf", [_("kanaal"), _("geopend")], table, links
    )


def _ages(spec, by_month, before, today) -> Grafiek:
    """The open zaken by how long ago they were registered."""
    buckets = [
        (_("minder dan 1 maand"), 0, 0),
        (_("1 tot 3 maanden"), 1, 2),
        (_("3 tot 6 maanden"), 3, 5),
        (_("6 tot 12 maanden"), 6, 11),
        (_("12 maanden of meer"), 12, 10_000),
    ]
    this = today.replace(day=1)
    counts = [0] * len(buckets)
    for month, group in by_month.items():
        age = (this.year - month.year) * 12 + this.month - month.month
        for i, (_label, low, high) in enumerate(buckets):
            if low <= age <= high:
                counts[i] += group["open"]
    counts[-1] += (
        before["open"] if (this.year - spec.van.year) * 12 + this.month - spec.van.month >= 12 else 0
    )
    rows = [[label, count] for (label, _l, _h), count in zip(buckets, counts, strict=True)]
    if before["open"] and counts[-1] < before["open"]:
        rows.append([_("geregistreerd vóór de periode"), before["open"]])
    return Grafiek(
        "leeftijd", _("Leeftijd van de werkvoorraad"), "staaf", [_("leeftijd"), _("open zaken")], rows
    )


def _meldingen(spec, groups: dict) -> Grafiek | None:
    groups = {key: group for key, group in groups.items() if key}
    if not groups:
        return None
    table = [
        [key, g["geopend"], g["gesloten"], g.percentile(0.5)]
        for key, g in sorted(groups.items(), key=lambda i: -i[1]["geopend"])
    ]
    links = [{"categorie": row[0]} for row in table]
    return Grafiek(
        "meldingen",
        _("Meldingen per categorie"),
        "staaf",
        [_("categorie"), _("gemeld"), _("afgehandeld"), _("mediane afhandeltijd (dagen)")],
        table,
        links,
    )


def _map(spec, groups: dict) -> Grafiek | None:
    areas = {
        g.code: g
        for g in Gebied.objects.filter(organisation_id__in=list(spec.organisations), soort=Gebied.Soort.WIJK)
    }
    if not areas:
        return None
    table, links, shapes = [], [], {}
    for code, area in sorted(areas.items(), key=lambda i: i[1].naam):
        group = groups.get(code, kpi.Groep())
        table.append([area.naam, group["geopend"], group["gesloten"], group.percentile(0.5)])
        links.append({"wijk": code})
        shapes[area.naam] = area.geometrie
    return Grafiek(
        "wijken",
        _("Zaken per wijk"),
        "kaart",
        [_("wijk"), _("geopend"), _("afgehandeld"), _("mediane doorlooptijd (dagen)")],
        table,
        links,
        _("Kaart van de wijken, gekleurd naar het aantal geopende zaken met een locatie."),
        shapes,
    )


def _kcc(spec, figures) -> Grafiek | None:
    names = [
        ("containment", _("chatbot zonder overdracht (%)")),
        ("overdracht", _("overdracht (%)")),
        ("eerste_contact", _("opgelost bij eerste contact (%)")),
    ]
    if not any(("klantcontact", n) in figures for n, _l in names):
        return None
    rows = []
    for month in spec.months():
        row = [maandlabel(month)]
        for naam, _label in names:
            teller, noemer = figures.get(("klantcontact", naam), {}).get("maanden", {}).get(month, (0, 0))
            row.append(kpi.ratio(teller, noemer))
        rows.append(row)
    return Grafiek(
        "klantcontact",
        _("Chatbot en KCC per maand"),
        "lijn",
        [_("maand"), *[label for _n, label in names]],
        rows,
    )


def _roads(figures) -> Grafiek | None:
    entry = figures.get(("wegen", "km"))
    if not entry or not entry["per"]:
        return None
    labels = {
        "goed": _("goed"),
        "waarschuwing": _("waarschuwing"),
        "richtlijn": _("richtlijn bereikt"),
        "achterstand": _("achterstallig"),
        "onbekend": _("nog niet gemeten"),
    }
    rows = [[labels.get(k, k), round(v[0], 1)] for k, v in entry["per"].items()]
    return Grafiek(
        "wegen", _("Wegen: kilometers per conditieklasse"), "staaf", [_("conditie"), _("km")], rows
    )
