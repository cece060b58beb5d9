"""Open data: anonymised aggregates per municipality (ADR 0025).

Only complete months are published, only counts and statistics of groups, and no cell under
``INZICHT_MIN_CEL`` zaken: such a cell is suppressed (empty, with ``onderdrukt``), and so are
its statistics. Because a published total or another table could give a suppressed cell
back by subtraction, every table suppresses *complementary* cells too: within a month, when
cells are suppressed, the smallest further cells are suppressed until the suppressed cells
together hold at least the minimum — so neither one cell nor their sum singles anyone out.
No totals are published.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from raadhuis.inzicht import bronnen, gebieden, kpi


@dataclass(frozen=True)
class Kolom:
    naam: str
    type: str
    omschrijving: str


DATASETS = {
    "zaken": {
        "titel": _("Zaken per maand en zaaktype"),
        "kolommen": [
            Kolom("maand", "string (JJJJ-MM)", _("Kalendermaand.")),
            Kolom("zaaktype", "string", _("Identificatie van het zaaktype in de zaaktypecatalogus.")),
            Kolom("geopend", "integer", _("Zaken met een registratiedatum in de maand.")),
            Kolom("afgehandeld", "integer", _("Zaken met een einddatum in de maand.")),
            Kolom(
                "binnen_termijn_pct",
                "decimal",
                _("Procent van de afgehandelde zaken met een uiterste datum dat op tijd was."),
            ),
            Kolom(
                "doorlooptijd_mediaan",
                "integer",
                _("Mediane doorlooptijd in kalenderdagen van de afgehandelde zaken."),
            ),
            Kolom("onderdrukt", "boolean", _("Waar als een of meer waarden in de rij zijn weggelaten.")),
        ],
    },
    "meldingen": {
        "titel": _("Meldingen openbare ruimte per maand, categorie en wijk"),
        "kolommen": [
            Kolom("maand", "string (JJJJ-MM)", _("Kalendermaand.")),
            Kolom("categorie", "string", _("Categorie van de melding.")),
            Kolom("wijk", "string", _("Naam van de wijk (leeg: locatie onbekend).")),
            Kolom("gemeld", "integer", _("Meldingen met een registratiedatum in de maand.")),
            Kolom("afgehandeld", "integer", _("Meldingen met een einddatum in de maand.")),
            Kolom("afhandeltijd_mediaan", "integer", _("Mediane afhandeltijd in kalenderdagen.")),
            Kolom("onderdrukt", "boolean", _("Waar als een of meer waarden in de rij zijn weggelaten.")),
        ],
    },
    "dienstverlening": {
        "titel": _("Dienstverlening per maand: Woo-verzoeken en chatbot"),
        "kolommen": [
            Kolom("maand", "string (JJJJ-MM)", _("Kalendermaand.")),
            Kolom("woo_besluiten", "integer", _("Woo-besluiten bekendgemaakt in de maand.")),
            Kolom("woo_op_tijd_pct", "decimal", _("Procent daarvan binnen de wettelijke termijn.")),
            Kolom("chatgesprekken", "integer", _("Chatgesprekken begonnen in de maand.")),
            Kolom(
                "chatbot_zonder_overdracht_pct",
                "decimal",
                _("Procent van de gesprekken dat de chatbot zonder medewerker afhandelde."),
            ),
            Kolom("onderdrukt", "boolean", _("Waar als een of meer waarden in de rij zijn weggelaten.")),
        ],
    },
}


def minimum() -> int:
    return settings.INZICHT_MIN_CEL


def published_months(today: date, count: int = 24) -> tuple[date, date]:
    """The last ``count`` complete months."""
    last = today.replace(day=1) - relativedelta(months=1)
    return last - relativedelta(months=count - 1), last


def _cells(organisation, van: date, tot: date, by: tuple, **filters) -> kpi.Cells:
    spec = kpi.Filter({organisation.pk: 99}, van, tot)  # anonymous counts of every zaak
    query = kpi.cells(spec, by, maand__gte=van, maand__lte=tot, **filters)
    return kpi.Cells(list(query.values_list(*kpi.ROW_FIELDS)))


def zaken_rows(organisation, van: date, tot: date) -> list[dict]:
    groups = _cells(organisation, van, tot, ("zaaktype",)).group("maand", "zaaktype")
    rows = [
        {
            "maand": f"{m:%Y-%m}",
            "zaaktype": t,
            "geopend": g["geopend"],
            "afgehandeld": g["gesloten"],
            "binnen_termijn_pct": g.share("binnen_termijn", "met_termijn"),
            "doorlooptijd_mediaan": g.percentile(0.5),
            "_basis": g["gesloten"],
        }
        for (m, t), g in sorted(groups.items())
    ]
    return suppress(rows, ("geopend", "afgehandeld"), ("binnen_termijn_pct", "doorlooptijd_mediaan"))


def meldingen_rows(organisation, van: date, tot: date) -> list[dict]:
    names = gebieden.namen([organisation.pk])
    groups = _cells(organisation, van, tot, ("wijk", "categorie")).group("maand", "categorie", "wijk")
    rows = [
        {
            "maand": f"{m:%Y-%m}",
            "categorie": c,
            "wijk": names.get(w, ""),
            "gemeld": g["geopend"],
            "afgehandeld": g["gesloten"],
            "afhandeltijd_mediaan": g.percentile(0.5),
            "_basis": g["gesloten"],
        }
        for (m, c, w), g in sorted(groups.items())
        if c
    ]
    return suppress(rows, ("gemeld", "afgehandeld"), ("afhandeltijd_mediaan",))


def dienstverlening_rows(organisation, van: date, tot: date) -> list[dict]:
    figures = bronnen.figures([organisation.pk], van, tot)
    rows = []
    month = van
    while month <= tot:
        woo_t, woo_n = figures.get(("woo", "op_tijd"), {}).get("maanden", {}).get(month, (0, 0))
        chat_t, chat_n = (
            figures.get(("klantcontact", "containment"), {}).get("maanden", {}).get(month, (0, 0))
        )
        row = {
            "maand": f"{month:%Y-%m}",
            "woo_besluiten": int(woo_n),
            "woo_op_tijd_pct": kpi.ratio(woo_t, woo_n),
            "chatgesprekken": int(chat_n),
            "chatbot_zonder_overdracht_pct": kpi.ratio(chat_t, chat_n),
            "onderdrukt": False,
        }
        for count, stat in (
            ("woo_besluiten", "woo_op_tijd_pct"),
            ("chatgesprekken", "chatbot_zonder_overdracht_pct"),
        ):
            if 0 < row[count] < minimum():
                row[count], row[stat], row["onderdrukt"] = None, None, True
            elif row[count] == 0:
                row[stat] = None
        rows.append(row)
        month += relativedelta(months=1)
    return rows


def suppress(rows: list[dict], counts: tuple[str, ...], stats: tuple[str, ...]) -> list[dict]:
    """Primary and complementary suppression per month and count column (module docstring);
    statistics are shown only when the zaken they describe (``_basis``) reach the minimum."""
    limit = minimum()
    for row in rows:
        row["onderdrukt"] = False
    by_month: dict = defaultdict(list)
    for row in rows:
        by_month[row["maand"]].append(row)
    for column in counts:
        for month_rows in by_month.values():
            _suppress_column(month_rows, column, limit)
    for row in rows:
        if row.pop("_basis") < limit:
            for stat in stats:
                row["onderdrukt"] |= row[stat] is not None
                row[stat] = None
    return rows


def _suppress_column(rows: list[dict], column: str, limit: int) -> None:
    hidden = [r for r in rows if 0 < r[column] < limit]
    shown = sorted((r for r in rows if r[column] >= limit), key=lambda r: r[column])
    hidden_sum = sum(r[column] for r in hidden)
    while hidden and (len(hidden) < 2 or hidden_sum < limit) and shown:
        extra = shown.pop(0)
        hidden.append(extra)
        hidden_sum += extra[column]
    for row in hidden:
        row[column], row["onderdrukt"] = None, True


ROWS = {"zaken": zaken_rows, "meldingen": meldingen_rows, "dienstverlening": dienstverlening_rows}


def dataset(organisation, name: str, today: date) -> list[dict]:
    van, tot = published_months(today)
    return ROWS[name](organisation, van, tot)


def woordenboek(organisation) -> dict:
    return {
        "uitgever": organisation.name,
        "gemeentecode": organisation.gemeentecode,
        "licentie": "CC0-1.0",
        "onderdrukking": str(
            _(
                "Waarden onder {minimum} zijn weggelaten (leeg), met zoveel andere cellen van dezelfde maand "
                "dat de weggelaten cellen samen ten minste {minimum} tellen; statistieken alleen bij ten "
                "minste {minimum} afgehandelde zaken. Er worden geen totalen gepubliceerd."
            )
        ).format(minimum=minimum()),
        "datasets": {
            name: {
                "titel": str(spec["titel"]),
                "kolommen": [
                    {"naam": k.naam, "type": k.type, "omschrijving": str(k.omschrijving)}
                    for k in spec["kolommen"]
                ],
            }
            for name, spec in DATASETS.items()
        },
    }
