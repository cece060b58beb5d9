"""API errors in the ZGW format: type, code, title, status, detail, instance, invalidParams."""

from __future__ import annotations

import logging
import uuid

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from raadhuis.platform.tenancy import TenantScopeMissing

logger = logging.getLogger(__name__)

def camelize(name: str) -> str:
    """API field names are camelCase (``max_vertrouwelijkheidaanduiding`` →
    ``maxVertrouwelijkheidaanduiding``), as the ZGW standards spell them."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


TYPE_BASE = "https://raadhuis.nl/ref/fouten/"
# RFC 7807, as the ZGW standards declare every error response.
PROBLEM_JSON = "application/problem+json"


def _code_of(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    if isinstance(codes, str):
        return codes
    return "invalid"


def invalid_params(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's nested error detail into ZGW invalidParams."""
    params = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "nonFieldErrors" if key == "non_field_errors" else camelize(str(key))
            params += invalid_params(value, f"{prefix}.{name}" if prefix else name)
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                params += invalid_params(item, f"{prefix}.{index}")
            else:
                params += invalid_params(item, prefix)
    else:
        params.append(
            {"name": prefix or "nonFieldErrors", "code": getattr(detail, "code", "invalid"),
             "reason": str(detail)}
        )
    return params


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        # Raised by a model, form or filter validator below the serializers: still bad input.
        exc = exceptions.ValidationError(detail=get_error_detail(exc))
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if response is None:
        if isinstance(exc, TenantScopeMissing):
            logger.error("Tenant scope missing in API view", exc_info=exc)
        else:
            logger.exception("Unhandled API error", exc_info=exc)
        return _error_response(
            status.HTTP_500_INTERNAL_SERVER_ERROR, "error", "Er is een serverfout opgetreden.",
            "Noem de instance bij een melding: daarmee is de fout in de logs te vinden.", request,
        )
    if isinstance(exc, exceptions.ValidationError):
        params = invalid_params(exc.detail)
        body = _body(400, "invalid", str(exceptions.ValidationError.default_detail),
                     _summary(params), request)
        body["invalidParams"] = params
        response.data = body
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        response.data = _body(response.status_code, _code_of(exc), str(exc.default_detail),
                              detail, request)
        if response.status_code == 400:  # e.g. a parse error: every 400 is a ValidatieFout
            response.data["invalidParams"] = [
                {"name": "nonFieldErrors", "code": _code_of(exc), "reason": detail}]
    response.content_type = PROBLEM_JSON
    return response


def _summary(params: list[dict]) -> str:
    """The standard requires a non-empty ``detail``: name the first problem."""
    if not params:
        return str(exceptions.ValidationError.default_detail)
    first = params[0]
    return f"{first['name']}: {first['reason']}"


def _body(status_code: int, code: str, title: str, detail: str, request=None) -> dict:
    return {
        "type": f"{TYPE_BASE}{code}",
        "code": code,
        "title": title,
        "status": status_code,
        "detail": detail,
        "instance": f"urn:uuid:{uuid.uuid4()}",
    }


def _error_response(status_code, code, title, detail, request) -> Response:
    return Response(_body(status_code, code, title, detail, request), status=status_code,
                    content_type=PROBLEM_JSON)
