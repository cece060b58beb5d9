"""The network map as inline SVG, drawn on the server: segments coloured by condition class,
potholes as dots (red: dangerous), each segment a link to its passes. No JavaScript, no
tiles from the internet — it works offline and under the strict CSP."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from raadhuis.wegen.analysis import condition
from raadhuis.wegen.analysis.trace import wgs84_to_rd

COLOURS = {
    condition.GOED: "#2e7d32",
    condition.WAARSCHUWING: "#f9a825",
    condition.RICHTLIJN: "#ef6c00",
    condition.ACHTERSTAND: "#c62828",
    "": "#9e9e9e",
}
LEGEND = [
    ("goed", COLOURS[condition.GOED]),
    ("waarschuwing", COLOURS[condition.WAARSCHUWING]),
    ("richtlijn bereikt", COLOURS[condition.RICHTLIJN]),
    ("achterstand", COLOURS[condition.ACHTERSTAND]),
    ("niet gemeten", COLOURS[""]),
]
WIDTH, HEIGHT, MARGIN = 800, 600, 20


def svg(segments, defects) -> str:
    if not segments:
        return ""
    xs = [x for s in segments for x, _ in s.coords_rd]
    ys = [y for s in segments for _, y in s.coords_rd]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    scale = min((WIDTH - 2 * MARGIN) / max(x1 - x0, 1), (HEIGHT - 2 * MARGIN) / max(y1 - y0, 1))

    def point(x, y):
        return f"{MARGIN + (x - x0) * scale:.1f},{HEIGHT - MARGIN - (y - y0) * scale:.1f}"

    parts = [f'<svg class="wegen-map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Wegenkaart">']
    by_pk = {}
    for segment in segments:
        by_pk[segment.pk] = segment
        title = escape(
            f"{segment.straatnaam or segment.identificatie}: "
            f"{f'IRI {segment.iri:.1f} m/km' if segment.iri is not None else 'niet gemeten'}"
        )
        points = " ".join(point(x, y) for x, y in segment.coords_rd)
        url = reverse("wegen:segment", args=[segment.uuid])
        parts.append(
            f'<a href="{url}"><polyline points="{points}" fill="none" stroke-width="6" '
            f'stroke="{COLOURS.get(segment.klasse, COLOURS[""])}"><title>{title}</title></polyline></a>'
        )
    for defect in defects:
        segment = by_pk.get(defect.segment_id)
        if segment is None:
            continue
        x, y = wgs84_to_rd(defect.lon, defect.lat)
        cx, cy = point(float(x), float(y)).split(",")
        colour = "#b71c1c" if defect.severity == "hoog" else "#212121"
        parts.append(
            f'<circle cx="{cx}" cy="{cy}" r="5" fill="{colour}"><title>'
            f"{escape(f'gat, ernst {defect.severity}, {defect.size * 100:.0f} cm')}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


SIGNAL_WIDTH, SIGNAL_HEIGHT = 800, 150


def signal_svg(signal: dict, length: float, defects) -> str:
    """The signal of one pass over a segment: the recovered road elevation (line, mm) above the
    peak vertical acceleration per metre (bars), with the segment's known defects marked."""
    elevation = signal.get("hoogte_mm") or []
    acceleration = signal.get("versnelling") or []
    if not any(v is not None for v in elevation):
        return ""
    scale_x = (SIGNAL_WIDTH - 2 * MARGIN) / max(length, 1)
    half = SIGNAL_HEIGHT / 2
    top = max(max((abs(v) for v in elevation if v is not None), default=1), 1)
    peak = max(max((v for v in acceleration if v is not None), default=1), 0.1)

    def x(metre):
        return MARGIN + (metre + 0.5) * scale_x

    line = " ".join(
        f"{x(m):.1f},{half / 2 + 10 - v / top * (half / 2 - 10):.1f}"
        for m, v in enumerate(elevation)
        if v is not None
    )
    bars = "".join(
        f'<line x1="{x(m):.1f}" x2="{x(m):.1f}" y1="{SIGNAL_HEIGHT - 5}" '
        f'y2="{SIGNAL_HEIGHT - 5 - a / peak * (half - 15):.1f}" stroke="#546e7a"/>'
        for m, a in enumerate(acceleration)
        if a is not None
    )
    marks = "".join(
        f'<line x1="{x(d.measure):.1f}" x2="{x(d.measure):.1f}" y1="0" y2="{SIGNAL_HEIGHT}" stroke="#c62828" '
        f'stroke-dasharray="4 3"><title>{escape(f"{d.get_kind_display()}, {d.measure:.0f} m")}</title></line>'
        for d in defects
    )
    label = escape(f"hoogte ±{top} mm · versnelling tot {peak:.1f} m/s²")
    return (
        f'<svg viewBox="0 0 {SIGNAL_WIDTH} {SIGNAL_HEIGHT}" role="img" aria-label="{label}">'
        f"<title>{label}</title>{marks}"
        f'<polyline points="{line}" fill="none" stroke="#1565c0" stroke-width="1.5"/>{bars}</svg>'
    )
