"""Charts as data (a table that is also the CSV and the accessible alternative) and as
server-rendered SVG (ADR 0024): no JavaScript, printable in the PDF report, readable
without colour (markers, labels, a table beside every chart)."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Okabe–Ito: distinguishable with the common colour vision deficiencies.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
MARKERS = ("circle", "square", "diamond", "triangle", "circle")
BLUES = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48


@dataclass
class Grafiek:
    code: str
    titel: str
    soort: str  # "lijn", "staaf", "kaart"
    kolommen: list[str]
    rijen: list[list]
    links: list[dict | None] = field(default_factory=list)  # drill-down filters per row
    toelichting: str = ""
    vormen: dict = field(default_factory=dict)  # kaart: {row label: GeoJSON geometry}

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(self.kolommen)
        for row in self.rijen:
            writer.writerow([_csv_safe(v) for v in row])
        return out.getvalue()

    def tabel(self) -> list[tuple[list, dict | None]]:
        links = self.links or [None] * len(self.rijen)
        return list(zip(self.rijen, links, strict=False))

    def svg(self) -> str:
        if not self.rijen:
            return ""
        render = {"lijn": _line, "staaf": _bars, "kaart": _map}[self.soort]
        return mark_safe(render(self))  # noqa: S308 - every text is escaped by the renderers


def _csv_safe(value):
    """A cell a spreadsheet would run as a formula gets a quote in front."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def _open(grafiek: Grafiek, width: int = WIDTH, height: int = HEIGHT) -> str:
    ident = f"grafiek-{escape(grafiek.code)}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="inzicht-grafiek" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-titel {ident}-uitleg" '
        f'preserveAspectRatio="xMinYMin meet">'
        f'<title id="{ident}-titel">{escape(grafiek.titel)}</title>'
        f'<desc id="{ident}-uitleg">{escape(grafiek.toelichting or _summary(grafiek))}</desc>'
    )


def _summary(grafiek: Grafiek) -> str:
    return f"{len(grafiek.rijen)} rijen; de tabel onder de grafiek geeft alle waarden."


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def _number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return f"{value:,}".replace(",", ".")


def _axis(maximum: float, plot_h: float) -> list[str]:
    parts = []
    for i in range(5):
        value = maximum * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="as-lijn"/>')
        label = _number(round(value, 1) if maximum < 10 else int(value))
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    return parts


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if kind == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{colour}"/>'
        )
    if kind == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" '
            f'fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'


def _line(grafiek: Grafiek) -> str:
    """Months along x, one line with markers per numeric column."""
    series = list(range(1, len(grafiek.kolommen)))
    values = [v for row in grafiek.rijen for v in (row[i] for i in series) if isinstance(v, int | float)]
    maximum = _nice_max(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(grafiek.rijen)
    step = plot_w / max(count - 1, 1)
    parts = [_open(grafiek), *_axis(maximum, plot_h)]
    every = max(1, math.ceil(count / 12))
    for i, row in enumerate(grafiek.rijen):
        if i % every == 0:
            parts.append(
                f'<text x="{LEFT + i * step:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle">{escape(str(row[0]))}</text>'
            )
    for n, column in enumerate(series):
        colour, marker = COLOURS[n % len(COLOURS)], MARKERS[n % len(MARKERS)]
        points = [
            (LEFT + i * step, TOP + plot_h - plot_h * (row[column] or 0) / maximum)
            for i, row in enumerate(grafiek.rijen)
            if isinstance(row[column], int | float)
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.extend(_marker(marker, x, y, colour) for x, y in points)
        legend_x = LEFT + n * 150
        parts.append(_marker(marker, legend_x, HEIGHT - 12, colour))
        parts.append(
            f'<text x="{legend_x + 9}" y="{HEIGHT - 8}">{escape(str(grafiek.kolommen[column]))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _bars(grafiek: Grafiek) -> str:
    """Horizontal bars of the first numeric column, labelled with their value."""
    rows = grafiek.rijen[:20]
    bar_h, gap, label_w = 18, 6, 180
    height = TOP + len(rows) * (bar_h + gap) + 8
    values = [row[1] for row in rows if isinstance(row[1], int | float)]
    maximum = _nice_max(max(values, default=0))
    plot_w = WIDTH - label_w - 70
    parts = [_open(grafiek, WIDTH, height)]
    for i, row in enumerate(rows):
        y = TOP + i * (bar_h + gap)
        value = row[1] if isinstance(row[1], int | float) else 0
        width = plot_w * value / maximum
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(str(row[0]))[:32]}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{width:.1f}" height="{bar_h}" fill="{COLOURS[0]}"/>'
        )
        parts.append(f'<text x="{label_w + width + 4:.1f}" y="{y + 13}">{_number(row[1])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _map(grafiek: Grafiek) -> str:
    """A choropleth of the areas in ``vormen``, five classes of the first numeric column."""
    shapes = [(row, grafiek.vormen.get(row[0])) for row in grafiek.rijen]
    shapes = [(row, shape) for row, shape in shapes if shape]
    rings = [(row, ring) for row, shape in shapes for ring in _rings(shape)]
    if not rings:
        return ""
    xs = [x for _row, ring in rings for x, _y in ring]
    ys = [y for _row, ring in rings for _x, y in ring]
    mid = math.cos(math.radians((min(ys) + max(ys)) / 2))
    span_x, span_y = (max(xs) - min(xs)) * mid or 1e-9, (max(ys) - min(ys)) or 1e-9
    width, legend_h = 400, 40
    scale = (width - 20) / span_x
    height = span_y * scale + 20 + legend_h
    values = sorted(v for row, _s in shapes if isinstance((v := row[1]), int | float))
    breaks = [values[min(len(values) - 1, int(len(values) * q / 5))] for q in range(1, 5)] if values else []
    parts = [_open(grafiek, width, height)]
    for row, ring in rings:
        points = " ".join(
            f"{10 + (x - min(xs)) * mid * scale:.1f},{10 + (max(ys) - y) * scale:.1f}" for x, y in ring
        )
        fill = BLUES[sum(1 for b in breaks if isinstance(row[1], int | float) and row[1] > b)]
        parts.append(
            f'<polygon points="{points}" fill="{fill}" stroke="#333" stroke-width="1">'
            f"<title>{escape(str(row[0]))}: {_number(row[1])}</title></polygon>"
        )
    y = height - legend_h + 14
    lows = [values[0] if values else 0, *breaks]
    for i, low in enumerate(lows):
        parts.append(
            f'<rect x="{10 + i * 76}" y="{y}" width="14" height="14" fill="{BLUES[i]}" stroke="#333"/>'
        )
        parts.append(f'<text x="{28 + i * 76}" y="{y + 12}">≥ {_number(low)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _rings(geometry: dict) -> list[list[tuple[float, float]]]:
    if geometry.get("type") == "Polygon":
        return [list(map(tuple, geometry["coordinates"][0]))]
    if geometry.get("type") == "MultiPolygon":
        return [list(map(tuple, polygon[0])) for polygon in geometry["coordinates"]]
    return []
