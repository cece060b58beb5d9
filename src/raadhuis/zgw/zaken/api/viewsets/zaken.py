from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from raadhuis.platform import compiled, counts
from raadhuis.zgw.common.filters import ALWAYS_ALLOWED
from raadhuis.zgw.zaken import geo, scopes, services
from raadhuis.zgw.zaken.api import expand, rows
from raadhuis.zgw.zaken.api.filters import ZaakFilter
from raadhuis.zgw.zaken.api.schema import CONTENT_TYPE, DELETE_HEADERS, EXPAND, IF_NONE_MATCH, WRITE_HEADERS
from raadhuis.zgw.zaken.api.serializers import ZaakExpandedSerializer, ZaakSerializer, ZaakZoekSerializer
from raadhuis.zgw.zaken.api.viewsets.base import ConditionalReadMixin, ZakenViewMixin
from raadhuis.zgw.zaken.models import Zaak
from raadhuis.zgw.zaken.refs import builder_for

__all__ = ["EXPAND", "ZaakViewSet"]

GEO_BATCH = 2000
# Parameters that change the page or its form, not which zaken are listed.
NOT_FILTERS = {"page", "ordering", "expand", "fields"}
# Parameters of a list in its default order (the filter backend skips the FilterSet).
UNFILTERED = ALWAYS_ALLOWED


@extend_schema_view(
    list=extend_schema(summary="Alle ZAAKen opvragen.", parameters=[EXPAND],
                       responses=ZaakExpandedSerializer(many=True)),
    retrieve=extend_schema(summary="Een specifieke ZAAK opvragen.", parameters=[IF_NONE_MATCH, EXPAND],
                           responses=ZaakExpandedSerializer),
    create=extend_schema(summary="Maak een ZAAK aan.", parameters=WRITE_HEADERS),
    update=extend_schema(summary="Werk een ZAAK in zijn geheel bij.", parameters=WRITE_HEADERS),
    partial_update=extend_schema(summary="Werk een ZAAK deels bij.", parameters=WRITE_HEADERS),
    destroy=extend_schema(summary="Verwijder een ZAAK.", parameters=DELETE_HEADERS),
)
class ZaakViewSet(ConditionalReadMixin, ZakenViewMixin, viewsets.ModelViewSet):
    """Zaken (zrc-001 … zrc-023). List, search and expand show only what the client may see
    (zrc-006); a zaak of the client's organisation that it may not see is a 403, one of
    another organisation a 404 (it does not exist for this client). A zaak has geometry: its
    requests negotiate the CRS (Accept-Crs, Content-Crs; see base.negotiate_crs)."""

    queryset = Zaak.objects.select_related("zaaktype", "hoofdzaak")
    serializer_class = ZaakSerializer
    filterset_class = ZaakFilter
    schema_resource = "zaak"
    expand_resource = "zaak"
    geo = True
    required_scopes = {
        "list": scopes.LEZEN, "retrieve": scopes.LEZEN, "_zoek": scopes.LEZEN,
        "create": scopes.AANMAKEN, "update": scopes.UPDATE, "partial_update": scopes.UPDATE,
        "destroy": scopes.VERWIJDEREN,
    }

    def get_queryset(self):
        if self.action in ("list", "_zoek"):
            return self.visible_zaken().select_related("zaaktype", "hoofdzaak")
        return super().get_queryset()

    def authorisation_subject(self, zaak):
        return zaak.zaaktype.uuid, zaak.vertrouwelijkheidaanduiding

    def list(self, request, *args, **kwargs):
        node = self.expand_node()
        parameters = set(request.query_params)
        if node is None and parameters <= UNFILTERED:
            return self._page(None, node, parameters, page_rows=self._unfiltered_rows)
        return self._page(self.filter_queryset(self.get_queryset()), node, parameters)

    def _unfiltered_rows(self, window: slice) -> list[dict]:
        """A page of the list without parameters, as rows: its SQL depends only on the client's
        visibility and the window, so it is compiled once for them (ADR 0042)."""
        return compiled.values(
            ("zaken-page", self.visibility(), window.start, window.stop),
            lambda: self.filter_queryset(self.get_queryset()).values(*rows.COLUMNS)[window])

    def retrieve(self, request, *args, **kwargs):
        node = self.expand_node()
        zaak = self.get_object()
        data = self.get_serializer(zaak).data
        self.expanded([zaak], [data], node)
        return Response(data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attrs = serializer.validated_data
        zaaktype = attrs["zaaktype"]
        level = attrs.get("vertrouwelijkheidaanduiding") or zaaktype.vertrouwelijkheidaanduiding
        if not self.client.allows(self.component, scopes.AANMAKEN, zaaktype.uuid, level):
            self.permission_denied(request, "De client mag geen zaken van dit zaaktype aanmaken.")
        zaak = services.create_zaak(attrs, request=request)
        data = self._shown(zaak)
        return Response(data, status=http.HTTP_201_CREATED, headers={"Location": data["url"]})

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        zaak = self.get_object()
        serializer = self.get_serializer(zaak, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        zaak = services.update_zaak(zaak, serializer.validated_data, request=request, partial=partial,
                                    force=self.allows(scopes.GEFORCEERD_BIJWERKEN, zaak))
        return Response(self._shown(zaak))

    def perform_destroy(self, zaak):
        services.delete_zaak(zaak, request=self.request)

    @extend_schema(
        summary="Voer een (geo)-zoekopdracht uit op ZAAKen.", request=ZaakZoekSerializer,
        responses=ZaakExpandedSerializer(many=True), parameters=[CONTENT_TYPE, EXPAND],
        description="Zoeken/filteren gaat normaal via de `list` operatie, deze is echter niet geschikt "
                    "voor geo-zoekopdrachten.",
    )
    @action(detail=False, methods=["post"], url_path="_zoek", filter_backends=[],
            parser_classes=[JSONParser])  # the body's keys are the OAS's, as the query's are
    def _zoek(self, request):
        body = request.data if isinstance(request.data, dict) else None
        if body is None:
            raise ValidationError({"non_field_errors": ["Verwacht een JSON-object."]}, code="invalid")
        unknown = sorted(set(body) - set(ZaakZoekSerializer().fields))
        if unknown:
            raise ValidationError({name: ["Onbekende zoekparameter."] for name in unknown}, code="invalid")
        search = ZaakZoekSerializer(data=body)
        search.is_valid(raise_exception=True)
        node = self._zoek_node(search.validated_data)
        queryset = self._zoek_filter(self.get_queryset(), search.validated_data)
        return self._page(queryset, node, set(body))

    def _zoek_node(self, attrs: dict) -> expand.Node | None:
        if attrs.get("fields"):
            node = expand.parse_fields(attrs["fields"])
        elif attrs.get("expand"):  # deprecated in the body; the query parameter is the standard's
            node = expand.parse_expand(attrs["expand"])
        else:
            return self.expand_node()
        expand.validate(node, "zaak")
        return node

    def _zoek_filter(self, queryset, attrs: dict):
        special = ZaakZoekSerializer.SPECIAL
        params = {k: _as_param(k, v) for k, v in attrs.items() if k not in special}
        filterset = ZaakFilter(data=params, queryset=queryset, request=self.request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        queryset = filterset.qs
        if "uuid__in" in attrs:
            queryset = queryset.filter(uuid__in=attrs["uuid__in"])
        if "zaaktype__in" in attrs:
            uuids = [_zaaktype_uuid(url) for url in attrs["zaaktype__in"]]
            queryset = queryset.filter(zaaktype__uuid__in=uuids)
        if "within" in attrs.get("zaakgeometrie", {}):
            queryset = _within(queryset, attrs["zaakgeometrie"]["within"])
        return queryset

    def _page(self, queryset, node, parameters: set[str], page_rows=None):
        """A page of zaken; without expand or fields from plain rows (ADR 0022). ``page_rows``:
        the page's rows by window, instead of the queryset (which is then None)."""
        if node is None and queryset is not None:
            queryset = queryset.values(*rows.COLUMNS)
        if parameters <= NOT_FILTERS:  # every visible zaak: counted without COUNT(*) (ADR 0021)
            queryset = counts.CountedList(queryset, self.visible_count, page_rows)
        page = self.paginate_queryset(queryset)
        records = list(page if page is not None else queryset)
        if node is None:
            datas = rows.represent(records, builder_for(self.get_serializer_context()))
        else:
            datas = list(self.get_serializer(records, many=True).data)
            self.expanded(records, datas, node)
        return self.get_paginated_response(datas) if page is not None else Response(datas)

    def _shown(self, zaak):
        """The written zaak as the API shows it: the body the service recorded in the audit
        trail in the write's transaction (ZaakSerializer, this request), else read again."""
        shown = getattr(zaak, "as_shown", None)
        return shown if shown is not None else self.get_serializer(self._fresh(zaak)).data

    @staticmethod
    def _fresh(zaak):
        return Zaak.objects.select_related("zaaktype", "hoofdzaak").get(pk=zaak.pk)



def _as_param(name: str, value) -> str:
    """A body value as the query string would carry it (lists comma-separated)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ",".join(value)
    if isinstance(value, str | int | float):
        return str(value)
    raise ValidationError({name: ["Ongeldige waarde."]}, code="invalid")


def _zaaktype_uuid(url: str):
    from raadhuis.zgw.zaken.refs import catalogi_uuid

    uuid = catalogi_uuid(url, "zaaktypen")
    if uuid is None:
        raise ValidationError({"zaaktype__in": ["Ongeldige zaaktype-URL."]}, code="invalid")
    return uuid


def _within(queryset, area):
    """Bounding boxes in SQL first, then the exact test with shapely (ADR 0004)."""
    min_x, min_y, max_x, max_y = area.bounds
    candidates = queryset.filter(
        geometrie_min_x__gte=min_x, geometrie_max_x__lte=max_x,
        geometrie_min_y__gte=min_y, geometrie_max_y__lte=max_y,
    ).order_by().values_list("pk", "zaakgeometrie")
    matching = [pk for pk, geometry in candidates.iterator(chunk_size=GEO_BATCH)
                if geo.within(geometry, area)]
    return queryset.filter(Q(pk__in=matching))
