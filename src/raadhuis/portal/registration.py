"""From submission to zaak: one transaction through the ZGW services, retried from the outbox.

``submit`` marks the submission as submitted and writes an outbox event in the same
transaction: from that moment it cannot be lost. ``register`` then creates, in one
transaction, the zaak of the product's zaaktype, the first status, the initiator rol, the
zaakeigenschappen, the submission as a PDF document and the attachments as documents. It is
tried at once (the resident sees the zaak number) and, when it fails, again by the outbox
handler with backoff; a parked delivery is visible to the beheerder in the admin (Outbox),
and the submission shows its last error in the portal admin. ``register`` is idempotent: a
second run, or a double submit, finds the zaak already there.
"""

from __future__ import annotations

import base64
import logging
from datetime import timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from raadhuis.platform import outbox
from raadhuis.platform import services as platform
from raadhuis.portal import cleanup, formdefs
from raadhuis.portal.models import Attachment, Payment, Submission
from raadhuis.portal.pdf import submission_pdf
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.catalogi.durations import parse as parse_duration
from raadhuis.zgw.documenten import services as documenten
from raadhuis.zgw.zaken import services as zaken
from raadhuis.zgw.zaken import services_subresources as zaak_records

logger = logging.getLogger(__name__)

KANAAL = "portal"
HANDLER = "portal.register-submission"


class RegistrationError(Exception):
    """The submission cannot become a zaak as configured (e.g. no published zaaktype)."""


# --- Submit ------------------------------------------------------------------------------


def submit(submission: Submission) -> Submission:
    """Mark as submitted and queue its registration, in one transaction. Idempotent."""
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status in (Submission.Status.SUBMITTED, Submission.Status.REGISTERED):
            return locked
        locked.status = Submission.Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        platform.publish_event(
            organisation=locked.organisation,
            kanaal=KANAAL,
            payload={"kanaal": KANAAL, "actie": "submitted", "submission": str(locked.uuid)},
        )
    return locked


def register_now(submission: Submission) -> Submission:
    """Try the registration now; on failure the outbox retries it, and the resident is told
    the request was received."""
    try:
        return register(submission.uuid)
    except Exception as error:  # noqa: BLE001 - any failure: the outbox has it, keep the error
        logger.exception("Registering submission %s failed; the outbox will retry.", submission.uuid)
        _remember_error(submission.uuid, error)
        submission.refresh_from_db()
        return submission


def handle_event(event) -> None:
    """Outbox handler: (re)try the registration; raising makes the outbox retry later."""
    uuid = UUID(event.payload["submission"])
    try:
        register(uuid)
    except Exception as error:
        _remember_error(uuid, error)
        raise


def _remember_error(uuid: UUID, error: Exception) -> None:
    Submission.objects.filter(uuid=uuid).update(registration_error=f"{type(error).__name__}: {error}"[:2000])


outbox.register_handler(HANDLER, handle_event, kanalen=[KANAAL])


# --- Register ----------------------------------------------------------------------------


def register(uuid: UUID) -> Submission:
    with cleanup.removed_on_failure(), transaction.atomic():
        submission = (
            Submission.objects.select_for_update().select_related("product", "organisation").get(uuid=uuid)
        )
        if submission.status == Submission.Status.REGISTERED:
            return submission
        if submission.status != Submission.Status.SUBMITTED:
            raise RegistrationError(f"Submission {uuid} is not submitted ({submission.status}).")
        zaak = _create_case(submission)
        submission.status = Submission.Status.REGISTERED
        submission.zaak_uuid = zaak.uuid
        submission.zaak_identificatie = zaak.identificatie
        submission.registration_error = ""
        submission.save(
            update_fields=["status", "zaak_uuid", "zaak_identificatie", "registration_error", "updated_at"]
        )
        names = [a.file.name for a in submission.attachments.all()]
        transaction.on_commit(lambda: _forget_attachment_files(submission, names))
    return submission


def _forget_attachment_files(submission: Submission, names: list[str]) -> None:
    """The attachments now live in the Documenten component; the portal's copies go."""
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)


def _create_case(submission: Submission):
    product, organisation = submission.product, submission.organisation
    definition = product.form_definition
    zaaktype = zaaktype_of(product)
    if zaaktype is None:
        raise RegistrationError(f"Geen gepubliceerd zaaktype {product.zaaktype_identificatie!r}.")
    values = {**submission.data, **submission.prefill}
    zaak = zaken.create_zaak(_zaak_attrs(submission, zaaktype, organisation))
    first_status(zaak, zaaktype)
    add_initiator(
        zaak,
        zaaktype,
        bsn=submission.bsn,
        kvk=submission.kvk,
        email=formdefs.contact_email(definition, values),
        name=_name(definition, values),
    )
    _eigenschappen(zaak, zaaktype, definition, values)
    attachments = list(submission.attachments.all())
    rows = [
        (r.label, r.value)
        for r in formdefs.summary(
            definition, submission.data, submission.prefill, _attachment_names(attachments)
        )
    ]
    pdf = submission_pdf(
        title=f"Aanvraag {product.name}",
        organisation=organisation.name,
        reference=str(submission.uuid),
        rows=rows,
        declaration=definition.get("declaration", ""),
    )
    iot = document_type(zaaktype, definition.get("document_type", "Aanvraag"))
    attach_document(
        zaak,
        iot,
        title=f"Aanvraag {product.name}"[:200],
        filename="aanvraag.pdf",
        content_type="application/pdf",
        content=pdf,
    )
    for attachment in attachments:
        field = next((f for f in formdefs.all_fields(definition) if f["key"] == attachment.field), {})
        with attachment.file.open("rb") as handle:
            content = handle.read()
        attach_document(
            zaak,
            document_type(zaaktype, field.get("document_type", "")),
            title=f"{field.get('label', attachment.field)}: {attachment.filename}"[:200],
            filename=attachment.filename,
            content_type=attachment.content_type,
            content=content,
        )
    return zaak


def zaaktype_of(product):
    """The product's zaaktype: by identificatie (the published version valid today), or by the
    URL of one zaaktype version in the Catalogi API."""
    reference = product.zaaktype_identificatie.strip()
    if reference.startswith(("http://", "https://")):
        from uuid import UUID

        try:
            return catalogi.get_zaaktype(UUID(reference.rstrip("/").rsplit("/", 1)[-1]))
        except ValueError:
            return None
    return catalogi.current_zaaktype(reference)


def _zaak_attrs(submission: Submission, zaaktype, organisation) -> dict:
    today = timezone.localdate()
    attrs = {
        "zaaktype": zaaktype,
        "bronorganisatie": organisation.rsin,
        "verantwoordelijke_organisatie": organisation.rsin,
        "omschrijving": submission.product.name[:80],
        "toelichting": "Aanvraag ingediend via Mijn gemeente.",
        "startdatum": today,
        "registratiedatum": today,
    }
    if zaaktype.doorlooptijd_behandeling:
        attrs["einddatum_gepland"] = today + parse_duration(zaaktype.doorlooptijd_behandeling)
        attrs["uiterlijke_einddatum_afdoening"] = attrs["einddatum_gepland"]
    payment = submission.payments.filter(status=Payment.Status.PAID).order_by("-completed_at").first()
    if payment is not None:
        attrs["betalingsindicatie"] = "geheel"
        attrs["laatste_betaaldatum"] = payment.completed_at
    elif submission.product.fee_cents == 0:
        attrs["betalingsindicatie"] = "nvt"
    return attrs


def _name(definition: dict, values: dict) -> str:
    for field in formdefs.all_fields(definition):
        if field.get("prefill") == "naam.volledigeNaam" and values.get(field["key"]):
            return values[field["key"]]
    return ""


def _attachment_names(attachments: list[Attachment]) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for attachment in attachments:
        names.setdefault(attachment.field, []).append(attachment.filename)
    return names


def _eigenschappen(zaak, zaaktype, definition: dict, values: dict) -> None:
    eigenschappen = catalogi.eigenschappen_for(zaaktype)
    for field in formdefs.all_fields(definition):
        eigenschap = eigenschappen.get(field.get("eigenschap") or field["key"])
        if eigenschap is None or field.get("type") == "file" or not formdefs.is_visible(field, values):
            continue
        value = values.get(field["key"])
        if value in (None, ""):
            continue
        zaak_records.save_zaakeigenschap(
            None, {"zaak": zaak, "eigenschap": eigenschap, "waarde": _waarde(field, value)}
        )


def _waarde(field: dict, value) -> str:
    if field.get("type") == "checkbox":
        return "ja" if value else "nee"
    if field.get("type") == "date":
        return str(value).replace("-", "")  # the ZGW eigenschap format for a datum: JJJJMMDD
    return str(value)


# --- Shared with the melding and the case pages --------------------------------------------


def first_status(zaak, zaaktype) -> None:
    statustypen = catalogi.statustypen_for(zaaktype)
    if statustypen:
        zaken.set_status(
            {
                "zaak": zaak,
                "statustype": statustypen[0],
                "datum_status_gezet": timezone.now() - timedelta(seconds=1),
                "statustoelichting": "Ontvangen via Mijn gemeente.",
            }
        )


def add_initiator(zaak, zaaktype, *, bsn: str = "", kvk: str = "", email: str = "", name: str = "") -> None:
    roltype = catalogi.roltype_for(zaaktype, "initiator")
    if roltype is None:
        raise RegistrationError(f"Zaaktype {zaaktype.identificatie} heeft geen roltype initiator.")
    if kvk and not bsn:
        betrokkene_type, identificatie = (
            "niet_natuurlijk_persoon",
            {"ann_identificatie": kvk, "statutaire_naam": name[:500]},
        )
    else:
        identificatie = {"inp_bsn": bsn, "geslachtsnaam": name[:200] or "Onbekend"}
        betrokkene_type = "natuurlijk_persoon"
    zaak_records.create_rol(
        {
            "zaak": zaak,
            "roltype": roltype,
            "betrokkene_type": betrokkene_type,
            "betrokkene_identificatie": identificatie,
            "roltoelichting": "Via Mijn gemeente",
            "contactpersoon_rol_emailadres": email,
        }
    )


def document_type(zaaktype, omschrijving: str):
    """The zaaktype's informatieobjecttype with this omschrijving, else its first one."""
    types = catalogi.informatieobjecttypen_for(zaaktype)
    if not types:
        raise RegistrationError(f"Zaaktype {zaaktype.identificatie} heeft geen informatieobjecttypen.")
    return next((t for t in types if t.omschrijving == omschrijving), types[0])


def attach_document(
    zaak,
    iot,
    *,
    title: str,
    filename: str,
    content_type: str,
    content: bytes,
    author: str = "Inwoner via Mijn gemeente",
    vertrouwelijkheid: str = "",
):
    """A received document under the zaak: the document, then its relation to the zaak, in
    one transaction; the stored file goes again when that (or an enclosing one) fails."""
    today = timezone.localdate()
    with cleanup.removed_on_failure(), transaction.atomic():
        version = documenten.create_document(
            {
                "informatieobjecttype": iot,
                "bronorganisatie": zaak.bronorganisatie,
                "creatiedatum": today,
                "titel": title,
                "auteur": author,
                "taal": "nld",
                "formaat": content_type,
                "bestandsnaam": filename[:255],
                "status": "definitief",
                "ontvangstdatum": today,
                "indicatie_gebruiksrecht": False,
                "inhoud": base64.b64encode(content).decode("ascii"),
                # empty: the informatieobjecttype's level (drc-007)
                "vertrouwelijkheidaanduiding": vertrouwelijkheid,
            }
        )
        cleanup.on_failure(lambda: documenten.discard_unreferenced([version.bestand]))
        zaak_records.save_zaakinformatieobject(
            None,
            {
                "zaak": zaak,
                "informatieobject": documenten.document_url(version.document),
                "titel": title,
                "beschrijving": "",
            },
        )
    return version
