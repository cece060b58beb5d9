"""Online requests: start, the steps (save and resume), the summary, payment, confirmation."""

from __future__ import annotations

import uuid as uuidlib
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from raadhuis.portal import cleanup, formdefs, payments, prefill, registration
from raadhuis.portal.auth import resident_required
from raadhuis.portal.models import Attachment, Payment, Product, Submission
from raadhuis.portal.scoping import page, portal_view
from raadhuis.portal.uploads import check_upload

OPEN = (Submission.Status.DRAFT, Submission.Status.AWAITING_PAYMENT)


def own_submission(request, uuid) -> Submission:
    """The resident's own submission, or 404 (never 403: nothing about others is told)."""
    resident = request.resident
    lookup = {"bsn": resident.bsn} if resident.bsn else {"kvk": resident.kvk, "bsn": ""}
    submission = (
        Submission.objects.select_related("product").filter(uuid=uuid, **lookup).first()
        if isinstance(uuid, uuidlib.UUID)
        else None
    )
    if submission is None:
        raise Http404
    return submission


@require_POST
@portal_view
@resident_required
def start(request, org: str, slug: str):
    """Resume the resident's draft of this product, or start one with the prefill."""
    product = Product.objects.filter(slug=slug, published=True).first()
    if product is None or not product.can_apply:
        raise Http404
    resident = request.resident
    lookup = {"bsn": resident.bsn} if resident.bsn else {"kvk": resident.kvk, "bsn": ""}
    draft = Submission.objects.filter(product=product, status__in=OPEN, **lookup).order_by("-pk").first()
    if draft is None:
        values = prefill.prefill_values(resident.bsn, formdefs.all_fields(product.form_definition))
        draft = Submission.objects.create(
            organisation=request.organisation, product=product, prefill=values, **lookup
        )
    return redirect("portal:step", org=org, uuid=draft.uuid, number=min(draft.step, _last(draft)))


def _last(submission: Submission) -> int:
    return len(formdefs.steps(submission.product.form_definition)) - 1


def _attachment_names(submission: Submission) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for attachment in submission.attachments.all():
        names.setdefault(attachment.field, []).append(attachment.filename)
    return names


@require_http_methods(["GET", "POST"])
@portal_view
@resident_required
def step(request, org: str, uuid, number: int):
    submission = own_submission(request, uuid)
    if submission.status not in OPEN:
        return redirect("portal:confirmation", org=org, uuid=submission.uuid)
    definition = submission.product.form_definition
    all_steps = formdefs.steps(definition)
    if number >= len(all_steps):
        raise Http404
    if number > submission.step:
        return redirect("portal:step", org=org, uuid=submission.uuid, number=submission.step)
    current = all_steps[number]
    known = {**submission.data, **submission.prefill}
    uploaded = _attachment_names(submission)
    form_kwargs = {"earlier": _values_before(all_steps, number, known), "has_files": uploaded}
    if request.method == "POST":
        form = formdefs.StepForm(current, request.POST, request.FILES, **form_kwargs)
        if form.is_valid() and _check_files(form, current):
            _save_step(submission, form, current, number, len(all_steps))
            if "save_later" in request.POST:
                messages.success(
                    request, _("Uw aanvraag is opgeslagen. U kunt later verder gaan via Mijn zaken.")
                )
                return redirect("portal:my-cases", org=org)
            if number + 1 < len(all_steps):
                return redirect("portal:step", org=org, uuid=submission.uuid, number=number + 1)
            return redirect("portal:summary", org=org, uuid=submission.uuid)
        status = 400
    else:
        form = formdefs.StepForm(current, initial=submission.data, **form_kwargs)
        status = 200
    prefilled = [(f["label"], submission.prefill.get(f["key"], "")) for f in form.prefilled]
    return page(
        request,
        "portal/step.html",
        {
            "submission": submission,
            "product": submission.product,
            "form": form,
            "step": current,
            "number": number,
            "steps": all_steps,
            "prefilled": prefilled,
            "uploaded": uploaded,
            "conditions": _conditions(current),
        },
        status=status,
    )


def _values_before(all_steps: list[dict], number: int, known: dict) -> dict:
    keys = {f["key"] for s in all_steps[:number] for f in s.get("fields", [])}
    keys |= {f["key"] for f in all_steps[number].get("fields", []) if f.get("prefill")}
    return {k: v for k, v in known.items() if k in keys}


def _conditions(current: dict) -> list[tuple[str, str, str]]:
    """(field, depends on, value) for the progressive enhancement script (data attributes)."""
    keys = {f["key"] for f in current.get("fields", [])}
    return [
        (f["key"], f["show_if"]["field"], str(f["show_if"].get("equals", "")))
        for f in current.get("fields", [])
        if f.get("show_if") and f["show_if"]["field"] in keys
    ]


def _check_files(form, current: dict) -> bool:
    """Uploads checked by their content and size; errors on their fields."""
    for field in current.get("fields", []):
        if field.get("type") != "file" or not form.cleaned_data.get(field["key"]):
            continue
        accept, max_bytes = formdefs.file_rules(field)
        upload = form.cleaned_data[field["key"]]
        try:
            upload.detected_type = check_upload(upload, accept=accept, max_bytes=max_bytes)
        except ValidationError as error:
            form.add_error(field["key"], error)
    return not form.errors


def _save_step(submission: Submission, form, current: dict, number: int, total: int) -> None:
    """The step's values and uploads in one transaction. Storage has no rollback: a replaced
    file is deleted only after the commit, a new one again when the transaction fails."""
    with cleanup.removed_on_failure(), transaction.atomic():
        data = dict(submission.data)
        for field in current.get("fields", []):
            if not field.get("prefill"):
                data.pop(field["key"], None)  # hidden conditional fields keep no value
        data.update(form.stored_values())
        for field in current.get("fields", []):
            upload = form.cleaned_data.get(field["key"]) if field.get("type") == "file" else None
            if upload:
                for old in submission.attachments.filter(field=field["key"]):
                    transaction.on_commit(partial(old.file.storage.delete, old.file.name))
                    old.delete()
                attachment = Attachment.objects.create(
                    organisation_id=submission.organisation_id,
                    submission=submission,
                    field=field["key"],
                    file=upload,
                    filename=upload.name[:255],
                    content_type=upload.detected_type,
                    size=upload.size,
                )
                cleanup.on_failure(partial(attachment.file.storage.delete, attachment.file.name))
        submission.data = data
        submission.step = max(submission.step, min(number + 1, total))
        submission.save(update_fields=["data", "step", "updated_at"])


def _incomplete_step(submission: Submission) -> int | None:
    """The first step whose required (visible) fields are not all filled, or None."""
    definition = submission.product.form_definition
    values = {**submission.data, **submission.prefill}
    uploaded = _attachment_names(submission)
    for number, each in enumerate(formdefs.steps(definition)):
        for field in each.get("fields", []):
            if not field.get("required") or field.get("prefill") or not formdefs.is_visible(field, values):
                continue
            present = uploaded.get(field["key"]) if field.get("type") == "file" else values.get(field["key"])
            if present in (None, "", False, []):
                return number
    if submission.step < len(formdefs.steps(definition)):
        return submission.step
    return None


@require_http_methods(["GET", "POST"])
@portal_view
@resident_required
def summary(request, org: str, uuid):
    submission = own_submission(request, uuid)
    if submission.status not in OPEN:
        return redirect("portal:confirmation", org=org, uuid=submission.uuid)
    missing = _incomplete_step(submission)
    if missing is not None:
        return redirect("portal:step", org=org, uuid=submission.uuid, number=missing)
    definition = submission.product.form_definition
    errors = []
    if request.method == "POST":
        if request.POST.get("submit_token") != str(submission.submit_token):
            errors.append(
                _("Dit formulier is verlopen of aangepast. Controleer uw gegevens en verstuur opnieuw.")
            )
        elif definition.get("declaration") and request.POST.get("declaration") != "on":
            errors.append(_("U moet de verklaring accepteren om de aanvraag te versturen."))
        else:
            return _send(request, org, submission)
    rows = formdefs.summary(definition, submission.data, submission.prefill, _attachment_names(submission))
    return page(
        request,
        "portal/summary.html",
        {
            "submission": submission,
            "product": submission.product,
            "rows": rows,
            "errors": errors,
            "declaration": definition.get("declaration", ""),
            "fee": payments.format_euro(submission.product.fee_cents),
            "steps": formdefs.steps(definition),
        },
        status=400 if errors else 200,
    )


def _send(request, org: str, submission: Submission):
    Submission.objects.filter(pk=submission.pk).update(declaration_accepted=True)
    if submission.product.fee_cents:
        _payment, url = payments.start_payment(submission, org=org)
        return redirect(url)
    submission = registration.submit(submission)
    registration.register_now(submission)
    return redirect("portal:confirmation", org=org, uuid=submission.uuid)


@require_http_methods(["GET"])
@portal_view
@resident_required
def confirmation(request, org: str, uuid):
    submission = own_submission(request, uuid)
    if submission.status in OPEN:
        return redirect("portal:summary", org=org, uuid=submission.uuid)
    return page(
        request, "portal/confirmation.html", {"submission": submission, "product": submission.product}
    )


# --- Payment -------------------------------------------------------------------------------


def _own_payment(request, reference) -> Payment:
    payment = (
        Payment.objects.select_related("submission", "submission__product")
        .filter(reference=reference)
        .first()
    )
    if payment is None:
        raise Http404
    own_submission(request, payment.submission.uuid)
    return payment


@require_http_methods(["GET", "POST"])
@portal_view
@resident_required
def test_payment(request, org: str, reference):
    """The built-in test provider's page: choose the outcome. 404 in production mode."""
    from django.conf import settings

    if settings.PRODUCTION:
        raise Http404
    payment = _own_payment(request, reference)
    if request.method == "POST":
        outcome = request.POST.get("outcome", "")
        if outcome not in (Payment.Status.PAID, Payment.Status.FAILED, Payment.Status.CANCELLED):
            return page(
                request,
                "portal/testpay.html",
                {"payment": payment, "error": True, "amount": payments.format_euro(payment.amount_cents)},
                status=400,
            )
        payments.complete(payment, outcome)
        return redirect("portal:payment-return", org=org, reference=payment.reference)
    return page(
        request,
        "portal/testpay.html",
        {"payment": payment, "amount": payments.format_euro(payment.amount_cents)},
    )


@require_http_methods(["GET"])
@portal_view
@resident_required
def payment_return(request, org: str, reference):
    payment = _own_payment(request, reference)
    outcome = payments.provider().outcome(payment)
    payment = payments.complete(payment, outcome)
    submission = payment.submission
    if payment.status == Payment.Status.PAID:
        submission = registration.submit(submission)
        registration.register_now(submission)
        return redirect("portal:confirmation", org=org, uuid=submission.uuid)
    if payment.status == Payment.Status.OPEN:
        return page(request, "portal/payment_result.html", {"payment": payment, "submission": submission})
    Submission.objects.filter(pk=submission.pk, status=Submission.Status.AWAITING_PAYMENT).update(
        status=Submission.Status.DRAFT
    )
    return page(request, "portal/payment_result.html", {"payment": payment, "submission": submission})
