"""Letters: a template per zaaktype filled from the zaak, the person and the besluit, stored
as a document of the zaak.

Two kinds of template (``Briefsjabloon``): a Word file with docxtpl placeholders
(``{{ persoon.naam }}``, ``{{ besluit.toelichting }}``, Jinja2 ``{% if %}`` blocks) that
comes out as .docx, and HTML in the Django template language that WeasyPrint turns into a
PDF. Without a template of its own a zaaktype gets the built-in HTML letter. The person's
name and address come from the BRP (logged, with the purpose "sending a letter") when the
register knows the initiator, otherwise from the rol.
"""

from __future__ import annotations

import io
import logging
from datetime import date

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone

from raadhuis.platform import context
from raadhuis.werkplek import services, zaakdata
from raadhuis.werkplek.models import Briefsjabloon

logger = logging.getLogger(__name__)
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GRONDSLAG = "Awb art. 3:41 (bekendmaking van besluiten) en art. 2:14 (elektronisch verkeer)"


def dutch_date(day: date | None) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def person_of(zaak) -> dict:
    """Name and address of the initiator: from the BRP when it knows the BSN (the read is
    logged), otherwise from the rol as registered."""
    rol = zaakdata.initiator(zaak)
    identificatie = (rol.betrokkene_identificatie or {}) if rol else {}
    naam = " ".join(
        p
        for p in (
            identificatie.get("voornamen", ""),
            identificatie.get("voorvoegsel_geslachtsnaam", ""),
            identificatie.get("geslachtsnaam", ""),
        )
        if p
    )
    person = {
        "naam": naam or (rol.afwijkende_naam_betrokkene if rol else ""),
        "aanhef": "Geachte heer/mevrouw",
        "adresregel1": "",
        "adresregel2": "",
    }
    bsn = identificatie.get("inp_bsn", "")
    if bsn:
        person.update(_from_brp(zaak, bsn))
    return person


def _from_brp(zaak, bsn: str) -> dict:
    try:
        from raadhuis.registers import services as registers
    except ImportError:  # an installation without the base registries
        return {}
    try:
        found = registers.get_persoon(
            bsn,
            fields=["naam", "adressering"],
            doel=f"Verzenden van een brief in zaak {zaak.identificatie}",
            grondslag=GRONDSLAG,
            verwerking="Werkplek: brief opstellen",
        )
    except Exception:  # the BRP being down must not stop the letter: the rol's data is used
        logger.exception("BRP lookup for a letter failed; using the rol's data")
        return {}
    if not found:
        return {}
    adressering = found.get("adressering", {})
    return {
        k: v
        for k, v in {
            "naam": adressering.get("aanschrijfwijze", {}).get("naam")
            or found.get("naam", {}).get("volledigeNaam", ""),
            "aanhef": adressering.get("aanhef", ""),
            "adresregel1": adressering.get("adresregel1", ""),
            "adresregel2": adressering.get("adresregel2", ""),
        }.items()
        if v
    }


def letter_context(zaak, *, besluit=None, bericht: dict | None = None, automatisch: bool = False) -> dict:
    """Plain data (no model objects): docxtpl's Jinja2 and Django templates read it alike."""
    data = {
        "gemeente": zaak.organisation.name,
        "datum": dutch_date(timezone.localdate()),
        "zaak": {
            "identificatie": zaak.identificatie,
            "omschrijving": zaak.omschrijving,
            "zaaktype": zaak.zaaktype.omschrijving,
            "startdatum": dutch_date(zaak.startdatum),
        },
        "persoon": person_of(zaak),
        "afzender": context.current_actor().display,
        "bericht": bericht or {},
    }
    if besluit is not None:
        data["besluit"] = {
            "identificatie": besluit.identificatie,
            "besluittype": besluit.besluittype.omschrijving,
            "datum": dutch_date(besluit.datum),
            "ingangsdatum": dutch_date(besluit.ingangsdatum),
            "vervaldatum": dutch_date(besluit.vervaldatum),
            "toelichting": besluit.toelichting,
            "automatisch": automatisch,
        }
    return data


def template_for(zaak, soort: str) -> Briefsjabloon | None:
    return (
        Briefsjabloon.objects.filter(
            organisation_id=zaak.organisation_id,
            soort=soort,
            zaaktype_identificatie=zaak.zaaktype.identificatie,
        )
        .order_by("formaat")
        .first()
    )


def render_docx(template: bytes, data: dict) -> bytes:
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(template))
    document.render(data, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    # No base_url and a fetcher that refuses everything: a template cannot make the server
    # fetch a URL or read a local file.
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"Brieven laden geen externe bronnen ({url[:80]}).")


def render(zaak, soort: str, data: dict) -> tuple[bytes, str, str, str]:
    """(content, formaat, extension, informatieobjecttype omschrijving) of the letter."""
    template = template_for(zaak, soort)
    if template is not None and template.formaat == Briefsjabloon.Formaat.DOCX and template.docx:
        return render_docx(bytes(template.docx), data), DOCX, "docx", template.informatieobjecttype
    if template is not None and template.html:
        html = Template(template.html).render(Context(data))
        return render_pdf(html), "application/pdf", "pdf", template.informatieobjecttype
    html = render_to_string(f"werkplek/brieven/{soort}.html", data)
    return render_pdf(html), "application/pdf", "pdf", "Besluit" if soort == "besluit" else ""


def store(zaak, *, titel: str, content: bytes, formaat: str, extension: str, iot_name: str):
    types = zaakdata.informatieobjecttypen(zaak)
    iot = next((t for t in types if t.omschrijving == iot_name), None) or next(iter(types), None)
    if iot is None:
        raise ValueError("Het zaaktype heeft geen documenttype om de brief onder op te slaan.")
    name = f"{zaak.identificatie}-{titel}".replace(" ", "-").lower()[:200]
    return services.add_document(
        zaak,
        titel=titel,
        inhoud=content,
        bestandsnaam=f"{name}.{extension}",
        formaat=formaat,
        informatieobjecttype=iot,
    )


def besluitbrief(zaak, besluit, *, automatisch: bool = False):
    data = letter_context(zaak, besluit=besluit, automatisch=automatisch)
    content, formaat, extension, iot_name = render(zaak, "besluit", data)
    return store(
        zaak,
        titel=f"Besluit {besluit.identificatie}",
        content=content,
        formaat=formaat,
        extension=extension,
        iot_name=iot_name or "Besluit",
    )


def berichtbrief(zaak, onderwerp: str, tekst: str):
    data = letter_context(zaak, bericht={"onderwerp": onderwerp, "tekst": tekst})
    content, formaat, extension, iot_name = render(zaak, "bericht", data)
    return store(
        zaak,
        titel=f"Brief {onderwerp}"[:200],
        content=content,
        formaat=formaat,
        extension=extension,
        iot_name=iot_name,
    )


def document_url(version) -> str:
    from raadhuis.zgw.documenten import services as documenten

    return documenten.document_url(version.document)


def read_content(version):
    from raadhuis.zgw.documenten import services as documenten

    return documenten.read_inhoud(version)
