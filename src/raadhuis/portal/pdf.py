"""The submission as a PDF document for the case file (reportlab, BSD licence, pure Python)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def submission_pdf(
    *, title: str, organisation: str, reference: str, rows: list[tuple[str, str]], declaration: str = ""
) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=organisation,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    )
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    story = [
        Paragraph(escape(organisation), styles["Normal"]),
        Paragraph(escape(title), styles["Title"]),
        Paragraph(escape(f"Kenmerk aanvraag: {reference}"), cell),
        Paragraph(escape(f"Ingediend op: {timezone.localtime():%d-%m-%Y %H:%M}"), cell),
        Spacer(1, 6 * mm),
    ]
    table = Table(
        [[Paragraph(escape(label), cell), Paragraph(escape(value), cell)] for label, value in rows],
        colWidths=[60 * mm, 110 * mm],
    )
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#999999")])
    )
    story.append(table)
    if declaration:
        story += [Spacer(1, 6 * mm), Paragraph(escape(f"Verklaring: {declaration} (akkoord)"), cell)]
    document.build(story)
    return buffer.getvalue()
