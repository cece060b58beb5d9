"""The one door of the Woo module: import, search, requests, review, decision and publication.

Requests are zaken of the WOO zaaktype, created through ``raadhuis.zgw.zaken.services``;
archive documents come from the Documenten API (through its services), folders and e-mail.
Every write records an audit entry; reads of document content for review are logged in the
processing log (verwerkingenlogging) with purpose and legal basis.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from raadhuis.platform import services as platform
from raadhuis.woo import conversion, deadlines, redaction, search
from raadhuis.woo.detection import GROUND_LABELS, detect
from raadhuis.woo.models import (
    ArchiveDocument,
    Beoordeling,
    DossierItem,
    Lakking,
    Opschorting,
    PublicTerm,
    WooVerzoek,
)

logger = logging.getLogger(__name__)

WOO_ZAAKTYPE = "WOO"
MAX_IMPORT_BYTES = 200 * 1024 * 1024
PURPOSE = "Behandelen Woo-verzoek"
# datasketch 2 MinHash: 64 permutations of 32-bit affine hashes, stored as bytes per document.
MINHASH_SCHEME = "affine32"
MINHASH_DTYPE = "uint32"
LEGAL_BASIS = "Wet open overheid art. 4.4 en 5.1"


class WooError(ValueError):
    """A Woo step that cannot be done as asked; the message is for the employee (Dutch)."""


# --- Import -------------------------------------------------------------------------------------


def import_pdf(
    organisation,
    data: bytes,
    *,
    titel: str,
    auteur: str = "",
    datum: date | None = None,
    zaaktype: str = "",
    bron: str = ArchiveDocument.Bron.UPLOAD,
    bron_referentie: str = "",
    bestandsnaam: str = "",
    vertrouwelijkheid: str = "openbaar",
    ouder=None,
    message_id: str = "",
    in_reply_to: str = "",
    thread_id: str = "",
    formaat: str = "application/pdf",
) -> ArchiveDocument:
    if len(data) > MAX_IMPORT_BYTES:
        raise WooError("Het bestand is groter dan 200 MB.")
    digest = hashlib.sha256(data).hexdigest()
    text = _text_of(digest, lambda: data)  # raises PdfError for anything that is no readable PDF
    return _store(
        organisation,
        data,
        digest,
        text.text,
        text.page_count,
        titel=titel,
        auteur=auteur,
        datum=datum,
        zaaktype=zaaktype,
        bron=bron,
        bron_referentie=bron_referentie,
        bestandsnaam=bestandsnaam,
        vertrouwelijkheid=vertrouwelijkheid,
        ouder=ouder,
        message_id=message_id,
        in_reply_to=in_reply_to,
        thread_id=thread_id,
        formaat=formaat,
    )


def import_text(organisation, text: str, *, titel: str, **metadata) -> ArchiveDocument:
    """Plain text (an e-mail body, a .txt file) gets a PDF rendition to review and redact."""
    metadata.setdefault("formaat", "text/plain")
    return import_pdf(organisation, text_to_pdf(text, titel), titel=titel, **metadata)


def _store(
    organisation, data: bytes, digest: str, text: str, pages: int, *, formaat: str, ouder, **fields
) -> ArchiveDocument:
    fields["vertrouwelijkheidaanduiding"] = fields.pop("vertrouwelijkheid")
    fields["titel"] = (fields["titel"] or "Zonder titel")[:500]
    document = ArchiveDocument(
        organisation=organisation,
        inhoud=text,
        pagina_s=pages,
        formaat=formaat,
        sha256=digest,
        ouder=ouder,
        minhash=minhash_bytes(text),
        **fields,
    )
    if not document.thread_id:
        document.thread_id = document.message_id
    document.pdf.save(f"{document.uuid}.pdf", ContentFile(data), save=False)
    with transaction.atomic():
        document.save()
        platform.record_change(
            organisation=organisation,
            bron="WOO",
            actie="create",
            resource="archiefdocument",
            resource_url=f"urn:uuid:{document.uuid}",
            hoofd_object=f"urn:uuid:{document.uuid}",
            resource_weergave=document.titel[:200],
            oud=None,
            nieuw={"titel": document.titel, "bron": document.bron},
        )
    return document


def text_to_pdf(text: str, titel: str = "") -> bytes:
    import pymupdf

    pdf = pymupdf.open()
    lines = []
    for paragraph in (f"{titel}\n\n{text}" if titel else text).splitlines():
        lines.extend(_wrap(paragraph, 95) or [""])
    for start in range(0, max(1, len(lines)), 64):
        page = pdf.new_page(width=595, height=842)
        y = 60
        for line in lines[start : start + 64]:
            page.insert_text((50, y), line, fontsize=9.5, fontname="helv")
            y += 11.5
    pdf.set_metadata({"title": titel[:200], "producer": "Raadhuis Woo"})
    return pdf.tobytes(garbage=3, deflate=True)


def _wrap(paragraph: str, width: int) -> list[str]:
    words, lines, current = paragraph.split(" "), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def import_file(
    organisation, data: bytes, *, titel: str = "", bestandsnaam: str = "", declared_type: str = "", **metadata
):
    """Any archive file, recognised by its content: a PDF, an e-mail (.eml or Outlook .msg) with
    its attachments, an Office file (docx/xlsx/pptx, odt/ods/odp; doc/xls/ppt with LibreOffice)
    or plain text. Returns the documents made (an e-mail gives one per message and attachment)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise WooError("Het bestand is groter dan 200 MB.")
    kind = conversion.sniff(data, bestandsnaam, declared_type)
    titel = titel or Path(bestandsnaam).stem or "Zonder titel"
    try:
        if kind == "pdf":
            return [import_pdf(organisation, data, titel=titel, bestandsnaam=bestandsnaam, **metadata)]
        if kind in ("eml", "msg"):
            mail = conversion.read_eml(data) if kind == "eml" else conversion.read_msg(data)
            return import_mail(organisation, mail, **_mail_metadata(metadata))
        if kind in conversion.OFFICE_TYPES:
            return [
                import_office(organisation, data, kind, titel=titel, bestandsnaam=bestandsnaam, **metadata)
            ]
        if kind == "text":
            text = _decode_text(data)
            return [import_text(organisation, text, titel=titel, bestandsnaam=bestandsnaam, **metadata)]
    except conversion.ConversionError as error:
        raise WooError(str(error)) from error
    raise WooError(
        "Dit bestandstype wordt niet ondersteund: lever een PDF, e-mail (.eml, .msg), "
        "Office-bestand of .txt aan."
    )


def _decode_text(data: bytes) -> str:
    """UTF-8, or else Windows-1252: the two encodings of Dutch office text files."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _mail_metadata(metadata: dict) -> dict:
    """What an e-mail takes over from the caller's metadata: it brings its own title, author
    and date."""
    keep = ("zaaktype", "vertrouwelijkheid", "bron_referentie", "ouder", "thread_id")
    return {key: metadata[key] for key in keep if key in metadata}


def import_office(organisation, data: bytes, kind: str, *, titel: str, **metadata) -> ArchiveDocument:
    """An Office file as a PDF: printed by LibreOffice when available, else its text typeset."""
    pdf = conversion.office_to_pdf(data, kind)
    if pdf is None:
        pdf = text_to_pdf(conversion.office_text(data, kind), titel)
    return import_pdf(organisation, pdf, titel=titel, formaat=conversion.mime_type(kind), **metadata)


def import_eml(organisation, data: bytes, **metadata) -> list[ArchiveDocument]:
    """An e-mail (.eml) and its attachments (the family), placed in its thread."""
    try:
        mail = conversion.read_eml(data)
    except conversion.ConversionError as error:
        raise WooError(str(error)) from error
    return import_mail(organisation, mail, **metadata)


def import_msg(organisation, data: bytes, **metadata) -> list[ArchiveDocument]:
    """An Outlook message (.msg) and its attachments, placed in its thread."""
    try:
        mail = conversion.read_msg(data)
    except conversion.ConversionError as error:
        raise WooError(str(error)) from error
    return import_mail(organisation, mail, **metadata)


def import_mail(
    organisation,
    mail: conversion.Mail,
    *,
    zaaktype: str = "",
    vertrouwelijkheid: str = "openbaar",
    bron_referentie: str = "",
    ouder=None,
    thread_id: str = "",
) -> list[ArchiveDocument]:
    references = mail.references[0] if mail.references else mail.in_reply_to
    thread = thread_id or _thread_of(references) or mail.message_id
    parent = import_text(
        organisation,
        f"{mail.header_text}\n\n{mail.body}",
        titel=mail.subject or "E-mail zonder onderwerp",
        auteur=mail.sender[:200],
        datum=mail.sent,
        zaaktype=zaaktype,
        bron=ArchiveDocument.Bron.EMAIL,
        bron_referentie=bron_referentie,
        vertrouwelijkheid=vertrouwelijkheid,
        ouder=ouder,
        message_id=mail.message_id,
        in_reply_to=mail.in_reply_to,
        thread_id=thread,
        formaat="message/rfc822",
    )
    documents = [parent]
    family = {
        "zaaktype": zaaktype,
        "vertrouwelijkheid": vertrouwelijkheid,
        "ouder": parent,
        "thread_id": thread,
    }
    for attachment in mail.attachments:
        try:
            documents.extend(_import_attachment(organisation, attachment, mail, family))
        except (WooError, redaction.PdfError) as error:
            logger.info("Attachment %s of %s skipped: %s", attachment.name, mail.message_id, error)
    return documents


def _import_attachment(organisation, attachment: conversion.Attachment, mail, family: dict) -> list:
    if isinstance(attachment.data, conversion.Mail):
        return import_mail(organisation, attachment.data, **family)
    metadata = {**family, "auteur": mail.sender[:200], "datum": mail.sent, "bron": ArchiveDocument.Bron.EMAIL}
    if isinstance(attachment.data, str):
        return [
            import_text(
                organisation, attachment.data, titel=attachment.name, bestandsnaam=attachment.name, **metadata
            )
        ]
    return import_file(
        organisation, attachment.data, titel=attachment.name, bestandsnaam=attachment.name, **metadata
    )


def _thread_of(reference: str) -> str:
    """The thread of the message referred to, if we have it; else the reference is the root."""
    if not reference:
        return ""
    known = ArchiveDocument.objects.filter(message_id=reference).values_list("thread_id", flat=True).first()
    return known or reference


def import_folder(organisation, folder: Path, **metadata) -> tuple[list[ArchiveDocument], list[str]]:
    """Every file below ``folder`` that import_file knows; returns what was imported and the
    files that were skipped, with the reason."""
    imported, skipped = [], []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        try:
            imported.extend(
                import_file(
                    organisation,
                    path.read_bytes(),
                    bestandsnaam=path.name,
                    bron=ArchiveDocument.Bron.MAP,
                    bron_referentie=str(path),
                    **metadata,
                )
            )
        except (WooError, redaction.PdfError) as error:
            skipped.append(f"{path.name}: {error}")
    return imported, skipped


def import_from_documenten(organisation, *, zaaktype: str = "") -> list[ArchiveDocument]:
    """The latest version of every document of the organisation in the Documenten API that
    import_file knows and that was not imported before (same bron_referentie)."""
    from raadhuis.zgw.documenten import services as documenten

    done = set(
        ArchiveDocument.objects.filter(bron=ArchiveDocument.Bron.DOCUMENTEN_API).values_list(
            "bron_referentie", flat=True
        )
    )
    imported = []
    for version in documenten.latest_versions().filter(organisation=organisation).select_related("document"):
        url = documenten.document_url(version.document)
        if url in done or not version.bestand:
            continue
        data = b"".join(documenten.read_inhoud(version))
        metadata = {
            "titel": version.titel,
            "auteur": version.auteur,
            "datum": version.creatiedatum,
            "zaaktype": zaaktype,
            "bron": ArchiveDocument.Bron.DOCUMENTEN_API,
            "bron_referentie": url,
            "bestandsnaam": version.bestandsnaam,
            "vertrouwelijkheid": version.vertrouwelijkheidaanduiding,
        }
        try:
            imported.extend(import_file(organisation, data, declared_type=version.formaat, **metadata))
        except (WooError, redaction.PdfError) as error:
            logger.warning("Document %s not imported: %s", url, error)
    return imported


# --- Near-duplicates and threads ------------------------------------------------------------------


def minhash_bytes(text: str) -> bytes:
    from datasketch import MinHash

    signature = MinHash(num_perm=64, seed=7, scheme=MINHASH_SCHEME)
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    for shingle in shingles:
        signature.update(shingle.encode("utf-8"))
    return signature.hashvalues.astype(MINHASH_DTYPE).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    import numpy as np

    left, right = np.frombuffer(a, dtype=MINHASH_DTYPE), np.frombuffer(b, dtype=MINHASH_DTYPE)
    return float((left == right).mean()) if len(left) == len(right) and len(left) else 0.0


def near_duplicate_groups(documents: Iterable[ArchiveDocument], threshold: float = 0.8) -> dict[int, int]:
    """document id -> id of the first document it nearly duplicates (MinHash LSH)."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    duplicates: dict[int, int] = {}
    for document in documents:
        if not document.minhash:
            continue
        signature = MinHash(
            num_perm=64,
            seed=7,
            scheme=MINHASH_SCHEME,
            hashvalues=np.frombuffer(document.minhash, dtype=MINHASH_DTYPE),
        )
        matches = lsh.query(signature)
        if matches:
            duplicates[document.pk] = min(int(m) for m in matches)
        else:
            lsh.insert(str(document.pk), signature)
    return duplicates


# --- Search ------------------------------------------------------------------------------------


def search_archive(query: str, filters: search.Filters | None = None, *, limit: int = 50):
    return search.search(query, filters, limit=limit)


# --- Requests and their terms ------------------------------------------------------------------------


def create_verzoek(
    organisation,
    *,
    onderwerp: str,
    verzoeker: str,
    ontvangen_op: date,
    omschrijving: str = "",
    request=None,
    bsn: str = "",
    kvk: str = "",
    email: str = "",
) -> WooVerzoek:
    """A Woo request becomes a zaak of the WOO zaaktype (status 'Ontvangen', its toelichting
    stating the legal term). With the requester's BSN, KvK number or e-mail address (a request
    from the portal) the requester becomes the zaak's initiator: the case shows in Mijn zaken
    and the status messages (the first one is the receipt confirmation) reach them."""
    from raadhuis.zgw.catalogi import services as catalogi
    from raadhuis.zgw.zaken import services as zaken

    zaaktype = catalogi.current_zaaktype(WOO_ZAAKTYPE, ontvangen_op)
    if zaaktype is None or zaaktype.organisation_id != organisation.pk:
        raise WooError("Er is geen gepubliceerd zaaktype WOO voor deze organisatie.")
    roltype = catalogi.roltype_for(zaaktype, "initiator") if bsn or kvk or email else None
    if (bsn or kvk or email) and roltype is None:
        raise WooError("Het zaaktype WOO heeft geen roltype initiator voor de verzoeker.")
    beslistermijn = deadlines.bereken(ontvangen_op, today=ontvangen_op).beslistermijn
    with transaction.atomic():
        zaak = zaken.create_zaak(
            {
                "zaaktype": zaaktype,
                "bronorganisatie": organisation.rsin,
                "verantwoordelijke_organisatie": organisation.rsin,
                "omschrijving": onderwerp[:80],
                "toelichting": omschrijving[:1000],
                "startdatum": ontvangen_op,
                "registratiedatum": ontvangen_op,
                "betalingsindicatie": "nvt",
                "uiterlijke_einddatum_afdoening": beslistermijn,
            },
            request=request,
        )
        if roltype is not None:
            _add_verzoeker(zaak, roltype, naam=verzoeker, bsn=bsn, kvk=kvk, email=email, request=request)
        statustypen = catalogi.statustypen_for(zaaktype)
        if statustypen:
            zaken.set_status(
                {
                    "zaak": zaak,
                    "statustype": statustypen[0],
                    "datum_status_gezet": timezone.now(),
                    "statustoelichting": ontvangstbevestiging(ontvangen_op, beslistermijn),
                },
                request=request,
            )
        verzoek = WooVerzoek.objects.create(
            organisation=organisation,
            zaak_uuid=zaak.uuid,
            zaak_identificatie=zaak.identificatie,
            onderwerp=onderwerp[:500],
            omschrijving=omschrijving,
            verzoeker=verzoeker[:200],
            ontvangen_op=ontvangen_op,
        )
        _audit(verzoek, "create", {"onderwerp": onderwerp})
    return verzoek


def ontvangstbevestiging(ontvangen_op: date, beslistermijn: date) -> str:
    """The receipt text of the first status: the requester reads it as the confirmation."""
    return (
        f"Woo-verzoek ontvangen op {ontvangen_op:%d-%m-%Y}. Wij beslissen uiterlijk op "
        f"{beslistermijn:%d-%m-%Y} (vier weken na ontvangst, Woo art. 4.4). Deze termijn kan één keer "
        "met ten hoogste twee weken worden verdaagd; u hoort dat dan vóór deze datum met de reden."
    )


def _add_verzoeker(zaak, roltype, *, naam: str, bsn: str, kvk: str, email: str, request=None) -> None:
    """The requester as initiator: a business by its KvK number, anyone else as natuurlijk
    persoon (with BSN when logged in; an anonymous requester only by name and e-mail)."""
    from raadhuis.zgw.zaken import services_subresources as zaak_records

    if kvk and not bsn:
        soort, identificatie = "niet_natuurlijk_persoon", {"ann_identificatie": kvk, "statutaire_naam": naam}
    else:
        soort, identificatie = "natuurlijk_persoon", {"inp_bsn": bsn, "geslachtsnaam": naam[:200]}
    zaak_records.create_rol(
        {
            "zaak": zaak,
            "roltype": roltype,
            "betrokkene_type": soort,
            "betrokkene_identificatie": identificatie,
            "roltoelichting": "Woo-verzoeker",
            "contactpersoon_rol_emailadres": email,
        },
        request=request,
    )


def termijnen(verzoek: WooVerzoek, today: date | None = None) -> deadlines.Termijnen:
    return deadlines.bereken(
        verzoek.ontvangen_op,
        verdaging_weken=verzoek.verdaging_weken,
        verdaging_gemeld_op=verzoek.verdaging_gemeld_op,
        opschortingen=[deadlines.Opschorting(o.van, o.tot, o.reden) for o in verzoek.opschortingen.all()],
        besluit_bekendgemaakt=verzoek.besluit_bekendgemaakt,
        derde_bedenkingen=verzoek.derde_bedenkingen,
        today=today or timezone.localdate(),
    )


def verdaag(verzoek: WooVerzoek, *, weken: int, reden: str, gemeld_op: date | None = None) -> WooVerzoek:
    if verzoek.verdaging_weken:
        raise WooError("Een Woo-verzoek kan maar één keer worden verdaagd.")
    if not reden.strip():
        raise WooError("Geef de reden van de verdaging.")
    gemeld_op = gemeld_op or timezone.localdate()
    try:
        deadlines.bereken(
            verzoek.ontvangen_op,
            verdaging_weken=weken,
            verdaging_gemeld_op=gemeld_op,
            opschortingen=[deadlines.Opschorting(o.van, o.tot) for o in verzoek.opschortingen.all()],
            today=gemeld_op,
        )
    except deadlines.TermijnFout as error:
        raise WooError(str(error)) from error
    verzoek.verdaging_weken, verzoek.verdaging_reden, verzoek.verdaging_gemeld_op = weken, reden, gemeld_op
    verzoek.save(update_fields=["verdaging_weken", "verdaging_reden", "verdaging_gemeld_op"])
    _audit(verzoek, "verdaging", {"weken": weken, "reden": reden})
    return verzoek


def schort_op(verzoek: WooVerzoek, *, van: date, reden: str, tot: date | None = None) -> Opschorting:
    existing = [deadlines.Opschorting(o.van, o.tot) for o in verzoek.opschortingen.all()]
    try:
        deadlines.bereken(
            verzoek.ontvangen_op, opschortingen=[*existing, deadlines.Opschorting(van, tot)], today=van
        )
    except deadlines.TermijnFout as error:
        raise WooError(str(error)) from error
    opschorting = Opschorting.objects.create(
        organisation_id=verzoek.organisation_id, verzoek=verzoek, van=van, tot=tot, reden=reden[:200]
    )
    _audit(verzoek, "opschorting", {"van": str(van), "tot": str(tot) if tot else None, "reden": reden})
    return opschorting


def beeindig_opschorting(opschorting: Opschorting, tot: date) -> None:
    if tot < opschorting.van:
        raise WooError("Een opschorting eindigt niet vóór haar begin.")
    opschorting.tot = tot
    opschorting.save(update_fields=["tot"])


# --- The dossier and review --------------------------------------------------------------------------


def add_to_dossier(verzoek: WooVerzoek, documents: Iterable[ArchiveDocument]) -> list[DossierItem]:
    """The selection becomes the request's dossier; attachments come with their e-mail and
    near-duplicates are marked so the reviewer sees each thing once."""
    wanted = {d.pk: d for d in documents}
    parents = list(wanted)
    while parents:  # attachments, and the attachments of attached messages
        children = [c for c in ArchiveDocument.objects.filter(ouder_id__in=parents) if c.pk not in wanted]
        wanted.update((child.pk, child) for child in children)
        parents = [child.pk for child in children]
    present = set(verzoek.items.values_list("document_id", flat=True))
    number = verzoek.items.order_by("-volgnummer").values_list("volgnummer", flat=True).first() or 0
    new = [
        d
        for d in sorted(wanted.values(), key=lambda d: (d.datum or date.min, d.pk))
        if d.pk not in present and d.organisation_id == verzoek.organisation_id
    ]
    with transaction.atomic():
        created = DossierItem.objects.bulk_create(
            DossierItem(organisation_id=verzoek.organisation_id, verzoek=verzoek, document=d, volgnummer=n)
            for n, d in enumerate(new, start=number + 1)
        )
        _mark_near_duplicates(verzoek)
        _audit(verzoek, "dossier", {"toegevoegd": len(created)})
    return created


def _mark_near_duplicates(verzoek: WooVerzoek) -> None:
    order = list(verzoek.items.values_list("document_id", flat=True))  # by volgnummer: first is original
    signatures = ArchiveDocument.objects.only("minhash").in_bulk(order)
    duplicates: dict[int, list[int]] = {}
    for doc_id, original_id in near_duplicate_groups(signatures[pk] for pk in order).items():
        duplicates.setdefault(original_id, []).append(doc_id)
    for original_id, doc_ids in duplicates.items():
        ArchiveDocument.objects.filter(pk__in=doc_ids).update(duplicaat_van_id=original_id)


def public_terms(organisation) -> list[str]:
    return list(PublicTerm.objects.filter(organisation=organisation).values_list("waarde", flat=True))


def detect_item(item: DossierItem, *, use_deduce: bool | None = None) -> list[Lakking]:
    """Proposals for one document; runs again only for items not detected before."""
    text = document_text(item)
    findings = detect(text.text, public=public_terms(item.verzoek.organisation), use_deduce=use_deduce)
    with transaction.atomic():  # one commit for the log and the proposals
        log_review(item, "Woo-detectie document")
        item.lakkingen.filter(status=Lakking.Status.VOORGESTELD, bron="detectie").delete()
        lakkingen = Lakking.objects.bulk_create(
            [
                Lakking(
                    organisation_id=item.organisation_id,
                    item=item,
                    start=f.start,
                    end=f.end,
                    tekst=f.text[:2000],
                    soort=f.type,
                    grond=f.ground,
                    suggestie=f.is_suggestion,
                    bron="detectie",
                )
                for f in findings
            ]
        )
        item.gedetecteerd = True
        item.save(update_fields=["gedetecteerd"])
    return lakkingen


def document_text(item: DossierItem) -> redaction.DocumentText:
    """The PDF's text with a box per character."""
    document = item.document
    if not document.sha256:
        return redaction.extract_text(read_pdf(document))
    return _text_of(document.sha256, lambda: read_pdf(document))


# Import, detection, the review screen and redaction all need the text with its boxes; it is
# extracted once per document and process (keyed by the PDF's sha256), not at every step.
_TEXTS: OrderedDict[str, redaction.DocumentText] = OrderedDict()
TEXT_CACHE_SIZE = 32


def _text_of(digest: str, read: Callable[[], bytes]) -> redaction.DocumentText:
    text = _TEXTS.get(digest)
    if text is not None:
        _TEXTS.move_to_end(digest)
        return text
    text = redaction.extract_text(read())
    _TEXTS[digest] = text
    while len(_TEXTS) > TEXT_CACHE_SIZE:
        _TEXTS.popitem(last=False)
    return text


def log_review(item: DossierItem, activiteit: str = "Woo-beoordeling document") -> None:
    """Reading a document's content for review processes the personal data in it."""
    platform.log_processing(
        organisation=item.verzoek.organisation,
        verwerkingsactiviteit=activiteit,
        doelbinding=PURPOSE,
        grondslag=LEGAL_BASIS,
        betrokkene_id="onbekend",
        betrokkene_type="onbekend",
        soorten_gegevens=["documentinhoud"],
        object_url=f"urn:uuid:{item.document.uuid}",
    )


def read_pdf(document: ArchiveDocument) -> bytes:
    with document.pdf.open("rb") as handle:
        return handle.read()


def decide(lakking: Lakking, accept: bool) -> Lakking:
    lakking.status = Lakking.Status.GEACCEPTEERD if accept else Lakking.Status.AFGEWEZEN
    lakking.save(update_fields=["status"])
    return lakking


def accept_all(item: DossierItem, *, include_suggestions: bool = False) -> int:
    proposals = item.lakkingen.filter(status=Lakking.Status.VOORGESTELD)
    if not include_suggestions:
        proposals = proposals.filter(suggestie=False)
    return proposals.update(status=Lakking.Status.GEACCEPTEERD)


def add_lakking(
    item: DossierItem,
    *,
    tekst: str = "",
    grond: str,
    alle_voorkomens: bool = False,
    box: tuple[int, float, float, float, float] | None = None,
) -> list[Lakking]:
    """A passage the jurist adds: by text (this or every occurrence, in this document or the
    whole dossier) or by a box drawn on a page."""
    if grond not in GROUND_LABELS:
        raise WooError("Kies een geldige weigeringsgrond.")
    if box is not None:
        page, x0, y0, x1, y1 = box
        if x1 <= x0 or y1 <= y0 or page < 0 or page >= max(1, item.document.pagina_s):
            raise WooError("Dit kader ligt niet op een pagina van het document.")
        return [
            Lakking.objects.create(
                organisation_id=item.organisation_id,
                item=item,
                pagina=page,
                x0=x0,
                y0=y0,
                x1=x1,
                y1=y1,
                soort="kader",
                grond=grond,
                status=Lakking.Status.GEACCEPTEERD,
                bron="handmatig",
            )
        ]
    tekst = tekst.strip()
    if len(tekst) < 2:
        raise WooError("Geef de tekst die gelakt moet worden.")
    items = list(item.verzoek.items.select_related("document")) if alle_voorkomens else [item]
    created = []
    for each in items:
        text = document_text(each).text
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in tekst.split()) + r"(?!\w)")
        for match in pattern.finditer(text):
            created.append(
                Lakking.objects.create(
                    organisation_id=each.organisation_id,
                    item=each,
                    start=match.start(),
                    end=match.end(),
                    tekst=match.group(),
                    soort="handmatig",
                    grond=grond,
                    status=Lakking.Status.GEACCEPTEERD,
                    bron="handmatig",
                )
            )
            if not alle_voorkomens:
                break
    if not created:
        raise WooError("Deze tekst komt niet voor in het document.")
    return created


def assess(item: DossierItem, *, beoordeling: str, motivering: str) -> DossierItem:
    if beoordeling not in Beoordeling.values:
        raise WooError("Kies een beoordeling.")
    if beoordeling != Beoordeling.OPENBAAR and len(motivering.strip()) < 20:
        raise WooError("Motiveer de beoordeling voor dit document (ten minste 20 tekens).")
    item.beoordeling, item.motivering = beoordeling, motivering.strip()
    item.save(update_fields=["beoordeling", "motivering"])
    return item


def marks_of(item: DossierItem, text: redaction.DocumentText, statuses=(Lakking.Status.GEACCEPTEERD,)):
    marks = []
    for lakking in item.lakkingen.filter(status__in=statuses):
        if lakking.pagina is not None:
            marks.append(
                redaction.Mark(
                    lakking.pagina,
                    (lakking.x0, lakking.y0, lakking.x1, lakking.y1),
                    lakking.grond,
                    lakking.tekst,
                )
            )
        else:
            marks.extend(
                redaction.marks_for_span(text, lakking.start, lakking.end, lakking.grond, lakking.tekst)
            )
    return marks


def render_page(item: DossierItem, page_number: int, *, zoom: float = 1.3) -> bytes:
    """The page image for the review screen: proposals outlined, accepted passages filled."""
    import pymupdf

    data = read_pdf(item.document)
    text = document_text(item)
    document = redaction.open_pdf(data)
    try:
        if not 0 <= page_number < document.page_count:
            raise WooError("Deze pagina bestaat niet.")
        page = document[page_number]
        for lakking_marks, colour, fill in (
            (marks_of(item, text, (Lakking.Status.VOORGESTELD,)), (0.9, 0.6, 0), None),
            (marks_of(item, text), (0, 0, 0), (0.2, 0.2, 0.2)),
        ):
            for mark in lakking_marks:
                if mark.page == page_number:
                    page.draw_rect(
                        pymupdf.Rect(mark.rect),
                        color=colour,
                        fill=fill,
                        width=1.2,
                        fill_opacity=0.55 if fill else 0,
                    )
        return page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom)).tobytes("png")
    finally:
        document.close()


def redact_item(item: DossierItem) -> bytes:
    """The published PDF of one document; refused when any redacted string can still be read."""
    data = read_pdf(item.document)
    text = document_text(item)
    marks = marks_of(item, text)
    published = redaction.redact(data, marks)
    secrets = {m.text for m in marks if m.text and len(m.text.strip()) >= 4}
    leaks = redaction.find_leaks(published, secrets)
    # A secret may also occur in a passage the jurist kept public on purpose (another role,
    # an official): only strings that occur nowhere un-redacted in the source count as leaks.
    leaks = [leak for leak in leaks if _fully_redacted(text.text, item, leak[1])]
    if leaks:
        raise WooError(f"Lakken onvolledig: '{leaks[0][1]}' is nog leesbaar ({leaks[0][0]}).")
    item.gelakt_pdf.save(f"{item.uuid}.pdf", ContentFile(published), save=True)
    return published


def _fully_redacted(text: str, item: DossierItem, secret: str) -> bool:
    covered = set()
    for lakking in item.lakkingen.filter(status=Lakking.Status.GEACCEPTEERD, start__isnull=False):
        covered.update(range(lakking.start, lakking.end))
    pattern = re.compile(r"\s*".join(re.escape(c) for c in re.sub(r"\s+", "", secret)), re.IGNORECASE)
    return all(any(i in covered for i in range(m.start(), m.end())) for m in pattern.finditer(text))


# --- Decision, inventory, publication ---------------------------------------------------------------

INVENTORY_COLUMNS = [
    "Documentnummer",
    "Familie/thread",
    "Titel",
    "Datum",
    "Bestandstype",
    "Beoordeling",
    "Weigeringsgronden",
    "Motivering",
    "Link",
]


def inventory_rows(verzoek: WooVerzoek, base_url: str = "") -> list[list[str]]:
    rows = []
    for item in verzoek.items.select_related("document").prefetch_related("lakkingen"):
        grounds = sorted(
            {lak.grond for lak in item.lakkingen.all() if lak.status == Lakking.Status.GEACCEPTEERD}
        )
        if item.beoordeling == Beoordeling.NIET_OPENBAAR:
            grounds = grounds or ["zie motivering"]
        document = item.document
        family = document.thread_id or (str(document.ouder.uuid) if document.ouder_id else "")
        link = f"{base_url}/woo/openbaar/document/{item.uuid}.pdf" if item.gelakt_pdf else ""
        rows.append(
            [
                str(item.volgnummer),
                family,
                document.titel,
                document.datum.isoformat() if document.datum else "",
                "PDF",
                str(Beoordeling(item.beoordeling).label) if item.beoordeling else "Niet beoordeeld",
                ", ".join(grounds),
                item.motivering,
                link,
            ]
        )
    return rows


def inventory_csv(verzoek: WooVerzoek, base_url: str = "") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(INVENTORY_COLUMNS)
    writer.writerows(_safe_cells(row) for row in inventory_rows(verzoek, base_url))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _safe_cells(row: list[str]) -> list[str]:
    """No spreadsheet formulas from document titles (CSV injection)."""
    return [f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell for cell in row]


def inventory_xlsx(verzoek: WooVerzoek, base_url: str = "") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Inventarislijst"
    sheet.append(INVENTORY_COLUMNS)
    for row in inventory_rows(verzoek, base_url):
        sheet.append(_safe_cells(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def decision_context(verzoek: WooVerzoek) -> dict:
    items = list(verzoek.items.select_related("document").prefetch_related("lakkingen"))
    grounds: dict[str, list[str]] = {}
    for item in items:
        for lakking in item.lakkingen.all():
            if lakking.status == Lakking.Status.GEACCEPTEERD:
                grounds.setdefault(lakking.grond, [])
                if item.document.titel not in grounds[lakking.grond]:
                    grounds[lakking.grond].append(item.document.titel)
    counts = {value: sum(1 for i in items if i.beoordeling == value) for value in Beoordeling.values}
    return {
        "verzoek": verzoek,
        "items": items,
        "counts": counts,
        "termijnen": termijnen(verzoek),
        "gronden": [(code, GROUND_LABELS[code], titles) for code, titles in sorted(grounds.items())],
        "organisation": verzoek.organisation,
        "vandaag": timezone.localdate(),
    }


def decision_letter(verzoek: WooVerzoek) -> str:
    return render_to_string("woo/besluit.txt", decision_context(verzoek))


def publish(verzoek: WooVerzoek, *, besluit_datum: date | None = None) -> WooVerzoek:
    """Decide and publish: every document assessed, each published one redacted and leak-checked,
    the decision letter stored; release waits two weeks when a third party objected."""
    items = list(verzoek.items.select_related("document"))
    if not items:
        raise WooError("Het dossier is leeg.")
    unassessed = [i for i in items if not i.beoordeling]
    if unassessed:
        raise WooError(f"Nog niet beoordeeld: {unassessed[0].document.titel}.")
    for item in items:
        if item.beoordeling in (Beoordeling.OPENBAAR, Beoordeling.DEELS_OPENBAAR):
            redact_item(item)
    verzoek.besluit_bekendgemaakt = besluit_datum or timezone.localdate()
    letter = decision_letter(verzoek)
    verzoek.besluit_pdf.save(
        f"{verzoek.uuid}-besluit.pdf",
        ContentFile(text_to_pdf(letter, "Besluit op uw Woo-verzoek")),
        save=False,
    )
    verzoek.gepubliceerd_op = timezone.now()
    verzoek.save(update_fields=["besluit_bekendgemaakt", "besluit_pdf", "gepubliceerd_op"])
    _audit(verzoek, "publicatie", {"documenten": len(items)})
    return verzoek


def is_released(verzoek: WooVerzoek, today: date | None = None) -> bool:
    if verzoek.gepubliceerd_op is None:
        return False
    release = termijnen(verzoek, today).openbaarmaking_vanaf
    return release is not None and (today or timezone.localdate()) >= release


def _audit(verzoek: WooVerzoek, actie: str, nieuw: dict) -> None:
    platform.record_change(
        organisation=verzoek.organisation,
        bron="WOO",
        actie=actie,
        resource="wooverzoek",
        resource_url=f"urn:uuid:{verzoek.uuid}",
        hoofd_object=f"urn:uuid:{verzoek.zaak_uuid}",
        resource_weergave=str(verzoek)[:200],
        oud=None,
        nieuw=nieuw,
    )


def afgehandeld_in(organisation, van: date, tot: date) -> list[dict]:
    """The Woo-verzoeken decided in [van, tot): received, decided, due (extension and
    suspensions included), days taken and whether on time. For inzicht."""
    verzoeken = WooVerzoek.objects.filter(
        organisation=organisation, besluit_bekendgemaakt__gte=van, besluit_bekendgemaakt__lt=tot
    ).prefetch_related("opschortingen")
    rows = []
    for verzoek in verzoeken:
        einde = termijnen(verzoek, today=verzoek.besluit_bekendgemaakt).einde
        rows.append(
            {
                "ontvangen_op": verzoek.ontvangen_op,
                "besluit": verzoek.besluit_bekendgemaakt,
                "uiterste_datum": einde,
                "dagen": (verzoek.besluit_bekendgemaakt - verzoek.ontvangen_op).days,
                "op_tijd": verzoek.besluit_bekendgemaakt <= einde,
            }
        )
    return rows
