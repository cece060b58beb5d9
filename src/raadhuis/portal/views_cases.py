"""Mijn zaken: the resident's cases, one case with its timeline, documents, decisions and
messages, a message or an extra document to a case; and the messages inbox."""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.exceptions import ValidationError as APIValidationError

from raadhuis.portal import cases, registration
from raadhuis.portal.auth import resident_required
from raadhuis.portal.models import Message, Submission
from raadhuis.portal.scoping import page, portal_view
from raadhuis.portal.uploads import check_upload
from raadhuis.zgw.documenten import services as documenten
from raadhuis.zgw.zaken import services_subresources as zaak_records

PAGE_SIZE = 25
UPLOAD_TYPES = ("application/pdf", "image/jpeg", "image/png")
UPLOAD_MAX = 10 * 1024 * 1024


class MessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Onderwerp"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("Uw bericht"), max_length=1000, widget=forms.Textarea(attrs={"rows": 5})
    )


class UploadForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Omschrijving van het document"), max_length=150)
    file = forms.FileField(label=gettext_lazy("Bestand (PDF, JPG of PNG, max. 10 MB)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload.detected_type = check_upload(upload, accept=UPLOAD_TYPES, max_bytes=UPLOAD_MAX)
        return upload


def _lookup(resident) -> dict:
    return {"bsn": resident.bsn} if resident.bsn else {"kvk": resident.kvk, "bsn": ""}


@require_GET
@portal_view
@resident_required
def my_cases(request, org: str):
    paginator = Paginator(cases.cases_of(request.resident), PAGE_SIZE)
    current = paginator.get_page(request.GET.get("pagina"))
    drafts = (
        Submission.objects.select_related("product")
        .filter(
            status__in=(Submission.Status.DRAFT, Submission.Status.AWAITING_PAYMENT),
            **_lookup(request.resident),
        )
        .order_by("-updated_at")
    )
    pending = Submission.objects.select_related("product").filter(
        status=Submission.Status.SUBMITTED, **_lookup(request.resident)
    )
    unread = Message.objects.filter(
        direction=Message.Direction.TO_RESIDENT, read_at__isnull=True, **_lookup(request.resident)
    ).count()
    return page(
        request,
        "portal/my_cases.html",
        {"page": current, "drafts": drafts, "pending": pending, "unread": unread},
    )


def _own_case(request, uuid):
    zaak = cases.case_of(request.resident, uuid)
    if zaak is None:
        raise Http404
    return zaak


def _case_page(request, zaak, *, message_form=None, upload_form=None, status=200):
    return page(
        request,
        "portal/case.html",
        {
            "zaak": zaak,
            "timeline": cases.timeline(zaak),
            "documents": cases.visible_documents(zaak),
            "decisions": cases.decisions(zaak),
            "case_messages": Message.objects.filter(zaak_uuid=zaak.uuid, **_lookup(request.resident)),
            "message_form": message_form or MessageForm(),
            "upload_form": upload_form or UploadForm(),
            "closed": zaak.einddatum is not None,
        },
        status=status,
    )


@require_GET
@portal_view
@resident_required
def case(request, org: str, uuid):
    return _case_page(request, _own_case(request, uuid))


@require_GET
@portal_view
@resident_required
def document(request, org: str, uuid, document_uuid):
    zaak = _own_case(request, uuid)
    version = cases.visible_document(zaak, document_uuid)
    if version is None or not version.bestand:
        raise Http404
    try:
        chunks = documenten.read_content(version)
    except APIException as error:
        raise Http404 from error
    response = StreamingHttpResponse(chunks, content_type=version.formaat or "application/octet-stream")
    filename = (version.bestandsnaam or "document").replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@portal_view
@resident_required
def send_message(request, org: str, uuid):
    zaak = _own_case(request, uuid)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _case_page(request, zaak, message_form=form, status=400)
    try:
        zaak_records.create_klantcontact(
            {
                "zaak": zaak,
                "identificatie": f"P{secrets.token_hex(6).upper()}",
                "datumtijd": timezone.now(),
                "kanaal": "portaal",
                "onderwerp": form.cleaned_data["subject"],
                "toelichting": form.cleaned_data["body"],
            }
        )
    except (PermissionDenied, APIValidationError):
        form.add_error(None, _("Deze zaak is afgesloten; u kunt er geen bericht meer bij sturen."))
        return _case_page(request, zaak, message_form=form, status=400)
    Message.objects.create(
        organisation_id=zaak.organisation_id,
        zaak_uuid=zaak.uuid,
        direction=Message.Direction.FROM_RESIDENT,
        subject=form.cleaned_data["subject"],
        body=form.cleaned_data["body"],
        **_lookup(request.resident),
    )
    flash.success(request, _("Uw bericht is verstuurd."))
    return redirect("portal:case", org=org, uuid=zaak.uuid)


@require_POST
@portal_view
@resident_required
def upload(request, org: str, uuid):
    zaak = _own_case(request, uuid)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _case_page(request, zaak, upload_form=form, status=400)
    if zaak.einddatum is not None:
        form.add_error(None, _("Deze zaak is afgesloten; u kunt er geen documenten meer bij sturen."))
        return _case_page(request, zaak, upload_form=form, status=400)
    upload_file = form.cleaned_data["file"]
    try:
        registration.attach_document(
            zaak,
            registration.document_type(zaak.zaaktype, "Aanvraag"),
            title=form.cleaned_data["title"],
            filename=upload_file.name,
            content_type=upload_file.detected_type,
            content=upload_file.read(),
        )
    except (PermissionDenied, APIValidationError, ValidationError, registration.RegistrationError):
        form.add_error("file", _("Het document kon niet bij deze zaak worden opgeslagen."))
        return _case_page(request, zaak, upload_form=form, status=400)
    flash.success(request, _("Uw document is toegevoegd aan de zaak."))
    return redirect("portal:case", org=org, uuid=zaak.uuid)


@require_GET
@portal_view
@resident_required
def inbox(request, org: str):
    items = Message.objects.filter(direction=Message.Direction.TO_RESIDENT, **_lookup(request.resident))
    current = Paginator(items, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return page(request, "portal/inbox.html", {"page": current})


@require_http_methods(["GET"])
@portal_view
@resident_required
def message(request, org: str, uuid):
    item = Message.objects.filter(
        uuid=uuid, direction=Message.Direction.TO_RESIDENT, **_lookup(request.resident)
    ).first()
    if item is None:
        raise Http404
    if item.read_at is None:
        Message.objects.filter(pk=item.pk).update(read_at=timezone.now())
    return page(request, "portal/message.html", {"message": item})
