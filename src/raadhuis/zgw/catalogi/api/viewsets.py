"""Views of the Catalogi API 1.3.3: one viewset per resource on a shared base.

Reads take a :class:`Resolver` for the day (``datumGeldigheid`` or today) and the ``expand``
tree; writes validate with the write serializer of the action and save through
``services``, which applies the business rules, audits and notifies.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import OuterRef, Prefetch, Subquery
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from djangorestframework_camel_case.settings import api_settings as camel_settings
from djangorestframework_camel_case.util import camelize
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from raadhuis.zgw.catalogi import scopes, services
from raadhuis.zgw.catalogi.api import filters
from raadhuis.zgw.catalogi.api import serializers as s
from raadhuis.zgw.catalogi.api.schema import (
    CONTENT_TYPE,
    DATUM_GELDIGHEID,
    EXPAND,
    IF_NONE_MATCH,
    CatalogiAutoSchema,
    scope_label,
)
from raadhuis.zgw.catalogi.models import (
    Besluittype,
    Catalogus,
    Eigenschap,
    Informatieobjecttype,
    Resultaattype,
    Roltype,
    Statustype,
    Zaakobjecttype,
    Zaaktype,
    ZaaktypeInformatieobjecttype,
)
from raadhuis.zgw.catalogi.resolve import Resolver
from raadhuis.zgw.common.auth import ClientAuth
from raadhuis.zgw.common.urls import absolute_url
from raadhuis.zgw.common.views import ScopePermission, ZGWViewMixin


class CatalogiRenderer(CamelCaseJSONRenderer):
    """camelCase, but ``_expand`` as the standard spells it."""

    json_underscoreize = {**camel_settings.JSON_UNDERSCOREIZE, "ignore_keys": ("_expand",)}


class CatalogiScopePermission(ScopePermission):
    """ztc-014: zaken.lezen (Zaken API) and documenten.lezen (Documenten API) read the catalogue
    as catalogi.lezen does. The catalogue has no per-type or confidentiality restrictions."""

    def has_permission(self, request, view) -> bool:
        scope = view.required_scope()
        if scope is None:
            return True
        auth = request.auth
        if not isinstance(auth, ClientAuth):
            return False
        if scope == scopes.READ:
            return any(auth.has_scope(component, granted) for component, granted in scopes.READ_GRANTS)
        return auth.has_scope(view.component, scope)

    def has_object_permission(self, request, view, obj) -> bool:
        return self.has_permission(request, view)


READS = {"list": scopes.READ, "retrieve": scopes.READ}


class CatalogiViewSet(ZGWViewMixin, viewsets.GenericViewSet):
    component = "ztc"
    api_version = "1.3.3"
    schema = CatalogiAutoSchema()
    permission_classes = [CatalogiScopePermission]
    renderer_classes = [CatalogiRenderer]
    model = None
    schema_resource = ""
    write_serializers: dict = {}  # action → serializer of the request (default: serializer_class)
    response_serializers: dict = {}  # action → serializer of the response
    create_status = status.HTTP_201_CREATED
    destroy_status = status.HTTP_204_NO_CONTENT
    required_scopes = {**READS, "create": scopes.CHANGE, "update": scopes.CHANGE,
                       "partial_update": scopes.CHANGE, "destroy": scopes.DELETE}

    def scope_label(self, action_name) -> str:
        scope = self.required_scopes.get(action_name)
        return scope_label(scope) if scope is not None else ""

    # --- context: the day of validity and the expand tree --------------------------------

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["resolver"] = Resolver(self.geldigheid_day())
        if self.action in ("list", "retrieve"):
            context["expand"] = s.parse_expand(self.request.query_params.get("expand", ""))
        return context

    def geldigheid_day(self) -> date | None:
        value = self.request.query_params.get("datumGeldigheid") if self.request else None
        try:
            return date.fromisoformat(value) if value else None
        except ValueError as error:
            raise exceptions.ValidationError({"datumGeldigheid": ["Voer een datum in als JJJJ-MM-DD."]}) \
                from error

    # --- reads --------------------------------------------------------------------------

    def filter_queryset(self, queryset):
        # The list filters (with their default status=definitief) select collections; a
        # record asked for by its URL is found whatever its status.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        data = self.get_serializer(self.get_object()).data
        headers = {"ETag": etag_of(data)}
        etag = headers["ETag"]
        if etag in _etags(request.headers.get("If-None-Match", "")):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        if request.method == "HEAD":
            return Response(status=status.HTTP_200_OK, headers=headers)
        return Response(data, headers=headers)

    # --- writes -------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        instance = self._save(None, partial=False)
        url = absolute_url(s.view_name(self.model), request, uuid=instance.uuid)
        return Response(self._respond(instance, "create"), status=self.create_status,
                        headers={"Location": url})

    def update(self, request, *args, **kwargs):
        instance = self._save(self.get_object(), partial=kwargs.get("partial", False))
        return Response(self._respond(instance, self.action))

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        force = self.request.auth.has_scope(self.component, scopes.FORCED_DELETE)
        services.delete(self.get_object(), request=request, force=force)
        return Response(status=self.destroy_status)

    def _save(self, instance, *, partial: bool):
        serializer_class = self.write_serializers.get(self.action, self.get_serializer_class())
        serializer = serializer_class(instance, data=self.request.data, partial=partial,
                                      context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        force = self.request.auth.has_scope(self.component, scopes.CORRECTIE)
        return services.save(self.model, instance, serializer.validated_data, request=self.request,
                             force=force, partial=partial)

    def _respond(self, instance, action_name: str) -> dict:
        serializer_class = self.response_serializers.get(action_name, self.get_serializer_class())
        instance = self.get_queryset().get(pk=instance.pk)  # fresh, with the list's prefetches
        return serializer_class(instance, context=self.get_serializer_context()).data

    def _publish(self, request):
        instance = services.publish(self.get_object(), request=request)
        return Response(self._respond(instance, "publish"))


def etag_of(data) -> str:
    """The ETag of a resource: a hash of its JSON (so another host name gives another ETag)."""
    body = json.dumps(camelize(data), sort_keys=True, cls=DjangoJSONEncoder).encode()
    return f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def documented(resource: str, *, read, create=None, create_response=None, update=None,
               update_response=None, patch=None, patch_response=None, destroy=None,
               datum_geldigheid_on_retrieve=False):
    """The operations of one resource as its OAS documents them (requests, responses, params)."""
    retrieve_params = [IF_NONE_MATCH, EXPAND] + ([DATUM_GELDIGHEID] if datum_geldigheid_on_retrieve else [])
    operations = {
        "list": extend_schema(parameters=[EXPAND]),
        "retrieve": extend_schema(parameters=retrieve_params),
        "create": extend_schema(request=create or read, responses=create_response or {201: read},
                                parameters=[CONTENT_TYPE]),
        "update": extend_schema(request=update or read, responses={200: update_response or read},
                                parameters=[CONTENT_TYPE]),
        "partial_update": extend_schema(request=patch or read, responses={200: patch_response or read},
                                        parameters=[CONTENT_TYPE]),
    }
    if destroy is not None:
        operations["destroy"] = extend_schema(responses=destroy)
    return extend_schema_view(**operations)


UNSPECIFIED = OpenApiTypes.OBJECT
DESTROYED_200 = {200: OpenApiTypes.OBJECT}
DESTROYED_204 = {204: None}


# --- Catalogus ------------------------------------------------------------------------------

@documented("catalogus", read=s.CatalogusSerializer)
class CatalogusViewSet(CatalogiViewSet):
    """CATALOGUSsen: the catalogue with its zaaktypen, besluittypen and informatieobjecttypen."""

    http_method_names = ["get", "post", "put", "patch", "head"]  # the standard has no DELETE
    model = Catalogus
    schema_resource = "catalogus"
    queryset = Catalogus.objects.prefetch_related("zaaktype_set", "besluittype_set",
                                                  "informatieobjecttype_set").order_by("pk")
    serializer_class = s.CatalogusSerializer
    filterset_class = filters.CatalogusFilter
    required_scopes = {**CatalogiViewSet.required_scopes, "create": scopes.SCHRIJVEN}


# --- Zaaktype, Besluittype, Informatieobjecttype (versioned, with publish) ----------------

ZAAKTYPE_PREFETCH = ("statustypen", "resultaattypen", "eigenschappen", "roltypen", "zaakobjecttypen",
                     "zaaktypeinformatieobjecttypen", "gerelateerde_zaaktypen")


class PublishMixin:
    required_scopes = {**CatalogiViewSet.required_scopes, "create": scopes.SCHRIJVEN,
                       "publish": scopes.SCHRIJVEN}
    destroy_status = status.HTTP_200_OK


@documented("zaaktype", read=s.ZaaktypeSerializer, create=s.ZaaktypeCreateSerializer,
            update=s.ZaaktypeUpdateSerializer, patch=UNSPECIFIED, patch_response=UNSPECIFIED,
            destroy=DESTROYED_200, datum_geldigheid_on_retrieve=True)
class ZaaktypeViewSet(PublishMixin, CatalogiViewSet):
    """ZAAKTYPEn, in versions; a concept is published with ``/publish``."""

    model = Zaaktype
    schema_resource = "zaaktype"
    queryset = Zaaktype.objects.select_related("catalogus").prefetch_related(*ZAAKTYPE_PREFETCH) \
        .order_by("pk")
    serializer_class = s.ZaaktypeSerializer
    filterset_class = filters.ZaaktypeFilter
    write_serializers = {"create": s.ZaaktypeCreateSerializer, "update": s.ZaaktypeUpdateSerializer,
                         "partial_update": s.ZaaktypeUpdateSerializer}

    def scope_label(self, action_name) -> str:
        # ztc-014 is written into the OAS for the zaaktypen reads only.
        if action_name in READS:
            return scope_label(scopes.READ, zaaktype_read=True)
        return super().scope_label(action_name)

    @extend_schema(request=UNSPECIFIED, responses={200: s.ZaaktypeSerializer}, parameters=[CONTENT_TYPE])
    @action(detail=True, methods=["post"], filter_backends=[])
    def publish(self, request, *args, **kwargs):
        return self._publish(request)


@documented("besluittype", read=s.BesluittypeSerializer, create=s.BesluittypeWriteSerializer,
            create_response={201: s.BesluittypeCreatedSerializer}, update=s.BesluittypeWriteSerializer,
            patch=UNSPECIFIED, patch_response=UNSPECIFIED, destroy=DESTROYED_200)
class BesluittypeViewSet(PublishMixin, CatalogiViewSet):
    """BESLUITTYPEn, in versions; a concept is published with ``/publish``."""

    model = Besluittype
    schema_resource = "besluittype"
    queryset = Besluittype.objects.select_related("catalogus").order_by("pk")
    serializer_class = s.BesluittypeSerializer
    filterset_class = filters.BesluittypeFilter
    write_serializers = {"create": s.BesluittypeWriteSerializer, "update": s.BesluittypeWriteSerializer,
                         "partial_update": s.BesluittypeWriteSerializer}
    response_serializers = {"create": s.BesluittypeCreatedSerializer}

    @extend_schema(request=None, responses={200: s.BesluittypeSerializer}, parameters=[CONTENT_TYPE])
    @action(detail=True, methods=["post"], filter_backends=[])
    def publish(self, request, *args, **kwargs):
        return self._publish(request)


@documented("informatieobjecttype", read=s.InformatieobjecttypeSerializer,
            create_response={200: s.InformatieobjecttypeSerializer}, update=UNSPECIFIED,
            update_response=UNSPECIFIED, patch=UNSPECIFIED, patch_response=UNSPECIFIED,
            destroy=DESTROYED_200)
class InformatieobjecttypeViewSet(PublishMixin, CatalogiViewSet):
    """INFORMATIEOBJECTTYPEn, in versions; a concept is published with ``/publish``."""

    model = Informatieobjecttype
    schema_resource = "informatieobjecttype"
    queryset = Informatieobjecttype.objects.select_related("catalogus").order_by("pk")
    serializer_class = s.InformatieobjecttypeSerializer
    filterset_class = filters.InformatieobjecttypeFilter
    create_status = status.HTTP_200_OK  # as the OAS documents informatieobjecttype_create

    @extend_schema(request=None, responses={200: s.InformatieobjecttypeSerializer}, parameters=[CONTENT_TYPE])
    @action(detail=True, methods=["post"], filter_backends=[])
    def publish(self, request, *args, **kwargs):
        return self._publish(request)


# --- Types under a zaaktype --------------------------------------------------------------

class InZaaktypeViewSet(CatalogiViewSet):
    related = ("zaaktype__catalogus",)

    def get_queryset(self):
        return self.model.objects.select_related(*self.related).order_by("pk")


@documented("statustype", read=s.StatustypeSerializer, destroy=DESTROYED_204)
class StatustypeViewSet(InZaaktypeViewSet):
    """STATUSTYPEn of a zaaktype, ordered by volgnummer; the last is the eindstatus."""

    model = Statustype
    schema_resource = "statustype"
    queryset = Statustype.objects.all()
    serializer_class = s.StatustypeSerializer
    filterset_class = filters.StatustypeFilter

    def get_queryset(self):
        last = Statustype.objects.filter(zaaktype=OuterRef("zaaktype")).order_by("-volgnummer")
        return super().get_queryset().prefetch_related("eigenschappen").annotate(
            laatste_volgnummer=Subquery(last.values("volgnummer")[:1]))


@documented("roltype", read=s.RoltypeSerializer, destroy=DESTROYED_204)
class RoltypeViewSet(InZaaktypeViewSet):
    """ROLTYPEn of a zaaktype."""

    model = Roltype
    schema_resource = "roltype"
    queryset = Roltype.objects.all()
    serializer_class = s.RoltypeSerializer
    filterset_class = filters.RoltypeFilter


@documented("eigenschap", read=s.EigenschapSerializer, destroy=DESTROYED_204)
class EigenschapViewSet(InZaaktypeViewSet):
    """EIGENSCHAPpen of a zaaktype, with their specificatie."""

    model = Eigenschap
    schema_resource = "eigenschap"
    queryset = Eigenschap.objects.all()
    serializer_class = s.EigenschapSerializer
    filterset_class = filters.EigenschapFilter
    related = ("zaaktype__catalogus", "statustype")


@documented("resultaattype", read=s.ResultaattypeSerializer, create=s.ResultaattypeWriteSerializer,
            update=s.ResultaattypeWriteSerializer, update_response=s.ResultaattypeUpdatedSerializer,
            patch=s.ResultaattypePatchSerializer, destroy=DESTROYED_204)
class ResultaattypeViewSet(InZaaktypeViewSet):
    """RESULTAATTYPEn of a zaaktype, with their archiving parameters."""

    model = Resultaattype
    schema_resource = "resultaattype"
    queryset = Resultaattype.objects.all()
    serializer_class = s.ResultaattypeSerializer
    filterset_class = filters.ResultaattypeFilter
    write_serializers = {"create": s.ResultaattypeWriteSerializer, "update": s.ResultaattypeWriteSerializer,
                         "partial_update": s.ResultaattypePatchSerializer}
    response_serializers = {"update": s.ResultaattypeUpdatedSerializer}


@documented("zaakobjecttype", read=s.ZaakobjecttypeSerializer, destroy=DESTROYED_204)
class ZaakobjecttypeViewSet(InZaaktypeViewSet):
    """ZAAKOBJECTTYPEn of a zaaktype."""

    model = Zaakobjecttype
    schema_resource = "zaakobjecttype"
    queryset = Zaakobjecttype.objects.all()
    serializer_class = s.ZaakobjecttypeSerializer
    filterset_class = filters.ZaakobjecttypeFilter

    def get_queryset(self):
        return super().get_queryset().prefetch_related(
            Prefetch("resultaattypen", queryset=Resultaattype.objects.order_by("pk")), "statustypen")


@documented("zaakinformatieobjecttype", read=s.ZaaktypeInformatieobjecttypeSerializer, destroy=DESTROYED_204)
class ZaaktypeInformatieobjecttypeViewSet(InZaaktypeViewSet):
    """ZAAKTYPE-INFORMATIEOBJECTTYPE relations: which documents a zaaktype has, which way."""

    model = ZaaktypeInformatieobjecttype
    schema_resource = "zaakinformatieobjecttype"
    queryset = ZaaktypeInformatieobjecttype.objects.all()
    serializer_class = s.ZaaktypeInformatieobjecttypeSerializer
    filterset_class = filters.ZaaktypeInformatieobjecttypeFilter
    related = ("zaaktype__catalogus", "statustype")
