"""What the viewsets of the zaak's sub-resources share.

Reads: a list shows only records of zaken the client may see (zrc-006), in a constant number
of queries; a record of a zaak of the client's organisation that it may not see is a 403, of
another organisation a 404. Writes: the client needs the operation's scope for the zaak's
zaaktype and level (zrc-006), and ``zaken.geforceerd-bijwerken`` when the zaak is closed
(zrc-007, checked in services_subresources). Every write goes through those services.
"""

from __future__ import annotations

from django.http import Http404
from djangorestframework_camel_case.parser import CamelCaseJSONParser
from rest_framework import exceptions
from rest_framework.response import Response

from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken.api.schema import (  # noqa: F401 - the header parameters, for the viewsets
    CONTENT_TYPE,
    DELETE_HEADERS,
    EXPAND,
    IF_NONE_MATCH,
    WRITE_HEADERS,
    ZakenAutoSchema,
)
from raadhuis.zgw.zaken.api.serializers.subresources import VERBATIM_FIELDS
from raadhuis.zgw.zaken.api.viewsets.base import ConditionalReadMixin, ZakenRenderer
from raadhuis.zgw.zaken.api.viewsets.statussen import InZaakViewMixin
from raadhuis.zgw.zaken.models import Zaak

_RENDER = ZakenRenderer.json_underscoreize


class SubresourceRenderer(ZakenRenderer):
    """Also passes the free-form ``overigeData`` of an ``overige`` zaakobject as it is."""

    json_underscoreize = {**_RENDER,
                          "ignore_fields": (*(_RENDER.get("ignore_fields") or ()), *VERBATIM_FIELDS)}


class SubresourceParser(CamelCaseJSONParser):
    json_underscoreize = {**CamelCaseJSONParser.json_underscoreize, "ignore_fields": VERBATIM_FIELDS}


class SubresourceAutoSchema(ZakenAutoSchema):
    """Views tune it with ``operation_verbs`` (``{"retrieve": "read"}``: the 1.7 OAS names the
    zaaknotitie operations the older way)."""

    def get_operation_id(self) -> str:
        verb = getattr(self.view, "operation_verbs", {}).get(getattr(self.view, "action", None))
        resource = getattr(self.view, "schema_resource", "")
        return f"{resource}_{verb}" if verb and resource else super().get_operation_id()

    def _get_request_body(self, direction="request"):
        # A polymorphic body (oneOf) is as required as any other: drf-spectacular cannot see it.
        body = super()._get_request_body(direction)
        if body and self.method in ("POST", "PUT"):
            body["required"] = True
        return body


class SubresourceViewMixin(ConditionalReadMixin, InZaakViewMixin):
    """Subclasses name their services as ``create_record = staticmethod(services.create_x)``
    (and ``update_record``, ``delete_record``), and set ``etag_actions = ("retrieve",)`` where
    the OAS gives an ETag (and so a HEAD)."""

    renderer_classes = [SubresourceRenderer]
    parser_classes = [SubresourceParser]
    schema = SubresourceAutoSchema()
    etag_actions = ()
    create_record = None
    update_record = None
    delete_record = None

    def initial(self, request, *args, **kwargs):
        # A method the resource does not have is a 405, before any scope is asked for it.
        action_map = getattr(self, "action_map", None) or {}
        if request.method.lower() not in action_map and request.method != "OPTIONS":
            self.http_method_not_allowed(request)
        super().initial(request, *args, **kwargs)

    def force(self, zaak: Zaak) -> bool:
        """zrc-007: may this client change the zaak when it is closed?"""
        return self.allows(scopes.GEFORCEERD_BIJWERKEN, zaak)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attrs = dict(serializer.validated_data)
        zaak = self.zaak_of(attrs)
        self.require(self.required_scope(), zaak)
        record = self.create_record(attrs, request=request, force=self.force(zaak))
        return self.created(record)

    def perform_destroy(self, record):
        self.delete_record(record, request=self.request, force=self.force(record.zaak))

    def zaak_of(self, attrs: dict) -> Zaak:
        return attrs["zaak"]


class UpdateMixin:
    """PUT and PATCH, for the sub-resources that the OAS lets change."""

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        record = self.get_object()
        serializer = self.get_serializer(record, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        record = self.update_record(record, dict(serializer.validated_data), request=request,
                                    partial=partial, force=self.force(record.zaak))
        return Response(self.get_serializer(self.get_queryset().get(pk=record.pk)).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


class NestedInZaakMixin(SubresourceViewMixin):
    """Under /zaken/{zaak_uuid}/…: the zaak of the path, which the client must be allowed to
    read (lists) or change (writes). The OAS documents no 404 on the collection."""

    pagination_class = None
    without_error_statuses = {"list": {404}, "create": {404}}

    def path_zaak(self) -> Zaak:
        if not hasattr(self, "_path_zaak"):
            zaak = Zaak.objects.select_related("zaaktype").filter(uuid=self.kwargs.get("zaak_uuid")).first()
            if zaak is None:
                raise Http404
            self._path_zaak = zaak
        return self._path_zaak

    def get_queryset(self):
        return super().get_queryset().filter(zaak__uuid=self.kwargs.get("zaak_uuid"))

    def list(self, request, *args, **kwargs):
        self.require(scopes.LEZEN, self.path_zaak())
        return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        self.path_zaak()  # a zaak that does not exist (for this client) is a 404 before anything
        return super().create(request, *args, **kwargs)

    def zaak_of(self, attrs: dict) -> Zaak:
        zaak = self.path_zaak()
        if attrs.get("zaak", zaak).pk != zaak.pk:
            raise exceptions.ValidationError({"zaak": [exceptions.ErrorDetail(
                "De zaak moet de zaak uit de URL zijn.", code="invalid")]})
        attrs["zaak"] = zaak
        return zaak
