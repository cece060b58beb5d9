"""The Objecttypes API 2.x and Objects API 2.x views."""

from __future__ import annotations

import functools
import math

from django.db import connection
from django.db.models import ExpressionWrapper, F, IntegerField, Prefetch
from django.db.models.fields.json import KeyTransform
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, pagination, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from raadhuis.objecten import dataquery, services
from raadhuis.objecten.api.auth import IsClient, ObjecttypesPermission, permissions_of
from raadhuis.objecten.api.serializers import (
    HistoryRecordSerializer,
    ListQuerySerializer,
    ObjectSearchSerializer,
    ObjectSerializer,
    ObjectTypeSerializer,
    ObjectVersionSerializer,
    PatchedObjectSerializer,
    PermissionSerializer,
)
from raadhuis.objecten.models import (
    DataClassification,
    ObjectRecord,
    ObjectType,
    ObjectTypeVersion,
    RecordCount,
)
from raadhuis.zgw.common.auth import ZGWJWTAuthentication
from raadhuis.zgw.common.views import ZGWViewMixin

OBJECTTYPES_VERSION = "2.2.2"
OBJECTS_VERSION = "2.4.3"
CRS = "EPSG:4326"
UUID_REGEX = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


class Pagination(pagination.PageNumberPagination):
    page_size = 100
    page_size_query_param = "pageSize"
    max_page_size = 500


class ObjectenViewMixin(ZGWViewMixin):
    """JWT clients and the tenant scope of the ZGW APIs; plain JSON, because object data is
    the client's own and must not be camelized."""

    authentication_classes = [ZGWJWTAuthentication]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    filter_backends = []
    pagination_class = Pagination
    lookup_field = "uuid"
    lookup_value_regex = UUID_REGEX

    def required_scope(self):
        return None  # authorisation is per object type, see api/auth.py


# --- Objecttypes API ----------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        description="Retrieve a list of OBJECTTYPEs.",
        parameters=[
            OpenApiParameter(
                "dataClassification",
                str,
                enum=[c.value for c in DataClassification],
                description="Confidential level of the object type",
            )
        ],
    ),
    retrieve=extend_schema(description="Retrieve an OBJECTTYPE and its available VERSIONs."),
    create=extend_schema(description="Create an OBJECTTYPE."),
    update=extend_schema(description="Update an OBJECTTYPE."),
    partial_update=extend_schema(description="Partially update an OBJECTTYPE."),
    destroy=extend_schema(
        description="Destroy the given OBJECTTYPE. Only object types without objects "
        "and without published versions."
    ),
)
class ObjectTypeViewSet(ObjectenViewMixin, viewsets.ModelViewSet):
    serializer_class = ObjectTypeSerializer
    permission_classes = [ObjecttypesPermission]
    api_version = OBJECTTYPES_VERSION
    queryset = ObjectType.objects.prefetch_related(
        Prefetch("versions", queryset=ObjectTypeVersion.objects.order_by("version"))
    ).order_by("id")

    def list(self, request, *args, **kwargs):
        params = request.query_params
        unknown = sorted(set(params) - {"dataClassification", "page", "pageSize"})
        if unknown:
            raise exceptions.ValidationError({name: ["Onbekende query parameter."] for name in unknown})
        if params.get("dataClassification") and params["dataClassification"] not in DataClassification.values:
            raise exceptions.ValidationError({"dataClassification": ["Onbekende dataclassificatie."]})
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        classification = self.request.query_params.get("dataClassification")
        if self.action == "list" and classification:
            queryset = queryset.filter(data_classification=classification)
        return queryset

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        organisation = _own_organisation()
        uuid = data.pop("uuid", None)
        serializer.instance = services.create_objecttype(
            organisation=organisation,
            request=self.request,
            **{k: v for k, v in data.items() if k != "name"},
            name=data["name"],
        )
        if uuid:
            serializer.instance.uuid = uuid
            serializer.instance.save(update_fields=["uuid"])

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("uuid", None)
        serializer.instance = services.update_objecttype(serializer.instance, data, request=self.request)

    def perform_destroy(self, instance):
        services.delete_objecttype(instance, request=self.request)


def _own_organisation():
    from raadhuis.platform import services as platform

    organisations = platform.organisations_in_scope()
    if len(organisations) != 1:
        raise exceptions.ValidationError(
            {
                "nonFieldErrors": [
                    "Deze client werkt voor meerdere organisaties; maak objecttypen aan via "
                    "de beheeromgeving."
                ]
            }
        )
    return organisations[0]


_OBJECTTYPE_UUID = OpenApiParameter("objecttype_uuid", OpenApiTypes.UUID, OpenApiParameter.PATH)


@extend_schema_view(
    list=extend_schema(description="Retrieve all versions of an OBJECTTYPE", parameters=[_OBJECTTYPE_UUID]),
    retrieve=extend_schema(description="Retrieve an OBJECTTYPE version", parameters=[_OBJECTTYPE_UUID]),
    create=extend_schema(description="Create an OBJECTTYPE version", parameters=[_OBJECTTYPE_UUID]),
    update=extend_schema(description="Update an OBJECTTYPE version", parameters=[_OBJECTTYPE_UUID]),
    partial_update=extend_schema(
        description="Partially update an OBJECTTYPE versions", parameters=[_OBJECTTYPE_UUID]
    ),
    destroy=extend_schema(
        description="Destroy the given OBJECTTYPE version. Only draft versions.",
        parameters=[_OBJECTTYPE_UUID],
    ),
)
class ObjectVersionViewSet(ObjectenViewMixin, viewsets.ModelViewSet):
    serializer_class = ObjectVersionSerializer
    permission_classes = [ObjecttypesPermission]
    api_version = OBJECTTYPES_VERSION
    lookup_field = "version"
    lookup_value_regex = "[0-9]{1,5}"
    queryset = ObjectTypeVersion.objects.select_related("object_type").order_by("version")

    def get_queryset(self):
        return super().get_queryset().filter(object_type__uuid=self.kwargs["objecttype_uuid"])

    def _objecttype(self):
        objecttype = ObjectType.objects.filter(uuid=self.kwargs["objecttype_uuid"]).first()
        if objecttype is None:
            raise exceptions.NotFound()
        return objecttype

    def perform_create(self, serializer):
        objecttype = self._objecttype()
        data = serializer.validated_data
        version = services.create_version(
            objecttype, json_schema=data.get("json_schema", {}), request=self.request
        )
        if data.get("status") and data["status"] != version.status:
            version = services.update_version(
                objecttype, version.version, status=data["status"], request=self.request
            )
        serializer.instance = version

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.update_version(
            serializer.instance.object_type,
            serializer.instance.version,
            json_schema=data.get("json_schema"),
            status=data.get("status"),
            request=self.request,
        )

    def perform_destroy(self, instance):
        services.delete_version(instance.object_type, instance.version, request=self.request)


# --- Objects API --------------------------------------------------------------------------

ORDERING = {
    "uuid": "object__uuid",
    "record__index": "index",
    "record__typeVersion": "type_version",
    "record__startAt": "start_at",
    "record__endAt": "end_at",
    "record__registrationAt": "registration_at",
}

# A list with only these parameters shows every record valid on its date: counted from RecordCount.
UNFILTERED_PARAMS = {"type", "date", "ordering", "fields", "page", "pageSize"}

_ACCEPT_CRS = OpenApiParameter(
    "Accept-Crs",
    str,
    OpenApiParameter.HEADER,
    enum=[CRS],
    description="The desired 'Coordinate Reference System' (CRS) of the response data.",
)
_CONTENT_CRS = OpenApiParameter(
    "Content-Crs",
    str,
    OpenApiParameter.HEADER,
    enum=[CRS],
    required=True,
    description="The 'Coordinate Reference System' (CRS) of the request data.",
)
_FIELDS = OpenApiParameter(
    "fields",
    str,
    description="Comma-separated fields, which should be displayed in "
    "the response. For example: 'url, uuid, record__geometry'.",
)
_LIST_PARAMS = [
    _ACCEPT_CRS,
    _FIELDS,
    OpenApiParameter("type", OpenApiTypes.URI, description="Url reference to OBJECTTYPE in Objecttypes API"),
    OpenApiParameter("typeVersion", int, description="Display record data for the specified type version"),
    OpenApiParameter(
        "date",
        OpenApiTypes.DATE,
        description="Display record data for the specified material "
        "date, i.e. the specified date would be between `startAt` and `endAt` attributes. The "
        "default value is today",
    ),
    OpenApiParameter(
        "registrationDate",
        OpenApiTypes.DATE,
        description="Display record data for the "
        "specified registration date, i.e. the specified date would be between "
        "`registrationAt` attributes of different records",
    ),
    OpenApiParameter(
        "data_attrs",
        str,
        description="Only include objects that have attributes with certain "
        "values: comma-separated `key__operator__value` (exact, gt, gte, lt, lte, icontains).",
    ),
    OpenApiParameter(
        "data_attr",
        str,
        many=True,
        description="Like data_attrs, one expression per parameter; values may contain commas.",
    ),
    OpenApiParameter("data_icontains", str, description="Search in all `data` values of string properties."),
    OpenApiParameter(
        "ordering",
        str,
        description="Comma-separated fields, which are used to order results. "
        "For descending order use '-' as prefix. For example: '-record__data__length,record__index'.",
    ),
]


@extend_schema_view(
    list=extend_schema(
        description="Retrieve a list of OBJECTs and their actual RECORD. The actual record is "
        "defined as if the query parameter `date=<today>` was given.",
        parameters=_LIST_PARAMS,
    ),
    retrieve=extend_schema(
        description="Retrieve a single OBJECT and its actual RECORD.", parameters=[_ACCEPT_CRS, _FIELDS]
    ),
    create=extend_schema(
        description="Create an OBJECT and its initial RECORD.", parameters=[_ACCEPT_CRS, _CONTENT_CRS]
    ),
    update=extend_schema(
        description="Update the OBJECT by creating a new RECORD with the updates values.",
        parameters=[_ACCEPT_CRS, _CONTENT_CRS],
    ),
    partial_update=extend_schema(
        description="Update the OBJECT by creating a new RECORD with the updates "
        "values. The provided `record.data` value will be merged "
        "recursively with the existing record data.",
        request=PatchedObjectSerializer,
        parameters=[_ACCEPT_CRS, _CONTENT_CRS],
    ),
    destroy=extend_schema(description="Delete an OBJECT and all RECORDs belonging to it."),
)
class ObjectViewSet(ObjectenViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ObjectSerializer
    permission_classes = [IsClient]
    api_version = OBJECTS_VERSION

    def get_queryset(self):
        queryset = ObjectRecord.objects.all()
        readable = permissions_of(self.request).readable_type_ids()
        return queryset if readable is None else queryset.filter(object_type_id__in=readable)

    # reads

    def list(self, request, *args, **kwargs):
        params = _validated(ListQuerySerializer, _query_dict(request.query_params))
        queryset = self._filtered(params)
        ordered = queryset.order_by(*_ordering(params.get("ordering")))
        counted = None
        if set(request.query_params) <= UNFILTERED_PARAMS:
            counted = functools.partial(self._valid_count, params)
        page = self.paginate_queryset(_Rows(ordered, default_order=not params.get("ordering"), count=counted))
        return self._page_response(page, request)

    def _valid_count(self, params: dict) -> int:
        """The exact count of an unfiltered list from the count table (ADR 0038): the records
        valid on the date of the readable types, without counting the records themselves."""
        type_ids = permissions_of(self.request).readable_type_ids()
        if params.get("type"):
            asked = self._type_ids(params["type"])
            type_ids = asked if type_ids is None else [t for t in asked if t in set(type_ids)]
        return RecordCount.valid_on(params.get("date") or services.today(), type_ids)

    def retrieve(self, request, uuid=None):
        record = self._current(uuid)
        return self._response(self._shown(record, request))

    @extend_schema(
        description="Retrieve all RECORDs of an OBJECT.",
        responses=HistoryRecordSerializer(many=True),
        parameters=[_ACCEPT_CRS],
    )
    @action(detail=True, methods=["get"])
    def history(self, request, uuid=None):
        record = self._current(uuid, any_date=True)
        history = services.object_history(record.object.uuid)
        allowed = permissions_of(request).allowed_fields(record.object_type_id)
        for item in history:
            item["data"] = _restrict(item["data"], allowed)
        return self._with_crs(self.get_paginated_response(self.paginate_queryset(history)))

    @extend_schema(
        description="Perform a (geo) search on OBJECTs.",
        request=ObjectSearchSerializer,
        responses=ObjectSerializer(many=True),
        parameters=[_ACCEPT_CRS, _CONTENT_CRS],
    )
    @action(detail=False, methods=["post"])
    def search(self, request):
        _check_crs(request, content=True)
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError({"nonFieldErrors": ["De zoekvraag moet een JSON-object zijn."]})
        params = _validated(ObjectSearchSerializer, request.data)
        queryset = self._filtered(params)
        ordering = _ordering(params.get("ordering"))
        geometry = params.get("geometry") or {}
        if not geometry:
            rows = _Rows(queryset.order_by(*ordering), default_order=not params.get("ordering"))
            page = self.paginate_queryset(rows)
            return self._page_response(page, request)
        if "near" in geometry:
            near = geometry["near"]
            ids = services.ids_near(queryset, near["point"], near["distance"], ordering=tuple(ordering))
        else:
            ids = services.ids_within(queryset, services._area(geometry["within"]), ordering=tuple(ordering))
        return self._page_response(_rows(self.paginate_queryset(ids)), request)

    # writes

    def create(self, request):
        _check_crs(request, content=True)
        data = _validated(ObjectSerializer, request.data)
        objecttype = self._writable_type(data["type"])
        record = data["record"]
        ref = services.create_object(
            objecttype,
            data=record.get("data", {}),
            geometry=record.get("geometry"),
            start_at=record["startAt"],
            type_version=record["typeVersion"],
            uuid=data.get("uuid"),
            request=request,
        )
        return self._response(self._latest(ref.uuid), status.HTTP_201_CREATED)

    def update(self, request, uuid=None, partial=False):
        _check_crs(request, content=True)
        current = self._current(uuid, any_date=True)
        serializer = PatchedObjectSerializer if partial else ObjectSerializer
        data = _validated(serializer, request.data, partial=partial)
        if "type" in data and services.uuid_from_url(data["type"], "objecttype") != current.object_type.uuid:
            raise exceptions.ValidationError(
                {"type": ["Het objecttype van een object kan niet gewijzigd worden."]}
            )
        if not permissions_of(request).can_write(current.object_type_id):
            raise exceptions.PermissionDenied("Geen schrijfrechten voor dit objecttype.")
        record = data.get("record", {})
        kwargs = {
            "data": record.get("data", {} if not partial else {}),
            "merge": partial,
            "start_at": record.get("startAt"),
            "type_version": record.get("typeVersion"),
            "correction_of": record.get("correctionFor"),
            "request": request,
        }
        if "geometry" in record:
            kwargs["geometry"] = record["geometry"]
        elif not partial:
            kwargs["geometry"] = None
        ref = services.update_object(current.object, **kwargs)
        return self._response(self._latest(ref.uuid))

    def partial_update(self, request, uuid=None):
        return self.update(request, uuid, partial=True)

    def destroy(self, request, uuid=None):
        current = self._current(uuid, any_date=True)
        if not permissions_of(request).can_write(current.object_type_id):
            raise exceptions.PermissionDenied("Geen schrijfrechten voor dit objecttype.")
        services.delete_object(current.object, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # helpers

    def _filtered(self, params: dict):
        queryset = self.get_queryset()
        if params.get("type"):
            queryset = queryset.filter(object_type_id__in=self._type_ids(params["type"]))
        if params.get("typeVersion") is not None:
            queryset = queryset.filter(type_version=params["typeVersion"])
        return services.search(
            queryset,
            at=params.get("date"),
            registered=params.get("registrationDate"),
            data_attrs=params.get("data_attrs"),
            data_attr=params.get("data_attr"),
            data_icontains=params.get("data_icontains"),
        )

    def _type_ids(self, type_url: str) -> list[int]:
        if not hasattr(self, "_type_ids_of"):
            type_uuid = services.uuid_from_url(type_url, "objecttype")
            if type_uuid is None:
                raise exceptions.ValidationError({"type": ["Geen objecttype van deze Objecttypes API."]})
            self._type_ids_of = list(ObjectType.objects.filter(uuid=type_uuid).values_list("pk", flat=True))
        return self._type_ids_of

    def _current(self, uuid, any_date: bool = False) -> ObjectRecord:
        """The object's actual record (or, for writes and history, its latest); 404 for another
        organisation, 403 for a type the client may not read."""
        records = ObjectRecord.objects.select_related(
            "object", "object_type", "correction_for", "corrected_by"
        ).filter(object__uuid=uuid)
        record = (records if any_date else services.records_at(records)).order_by("-index").first()
        if record is None:
            raise exceptions.NotFound("Object niet gevonden.")
        if not permissions_of(self.request).can_read(record.object_type_id):
            raise exceptions.PermissionDenied("Geen leesrechten voor dit objecttype.")
        return record

    def _latest(self, uuid) -> dict:
        record = (
            ObjectRecord.objects.select_related("object", "object_type", "correction_for", "corrected_by")
            .filter(object__uuid=uuid)
            .order_by("-index")[0]
        )
        return self._shown(record, self.request)

    def _writable_type(self, type_url: str) -> ObjectType:
        type_uuid = services.uuid_from_url(type_url, "objecttype")
        objecttype = ObjectType.objects.filter(uuid=type_uuid).first() if type_uuid else None
        if objecttype is None:
            raise exceptions.ValidationError({"type": ["Onbekend objecttype (of niet van uw organisatie)."]})
        if not permissions_of(self.request).can_write(objecttype.pk):
            raise exceptions.PermissionDenied("Geen schrijfrechten voor dit objecttype.")
        return objecttype

    def _shown(self, record: ObjectRecord, request) -> dict:
        shown = services.represent(record, request)
        allowed = permissions_of(request).allowed_fields(record.object_type_id)
        shown["record"]["data"] = _restrict(shown["record"]["data"], allowed)
        return _select_fields(shown, request.query_params.get("fields"))

    def _page_response(self, rows, request):
        """A page of ``values(*services.ROW_FIELDS)`` rows, with restricted fields left out."""
        granted, fields = permissions_of(request), request.query_params.get("fields")
        shown = []
        for row in rows:
            item = services.represent_row(row, request)
            item["record"]["data"] = _restrict(
                item["record"]["data"], granted.allowed_fields(row["object_type_id"])
            )
            shown.append(_select_fields(item, fields))
        return self._with_crs(self.get_paginated_response(shown))

    def _response(self, data, code=status.HTTP_200_OK):
        return self._with_crs(Response(data, status=code))

    def _with_crs(self, response):
        _check_crs(self.request)
        response["Content-Crs"] = CRS
        return response


@extend_schema_view(list=extend_schema(description="Retrieve a list of permissions available for the user"))
class PermissionViewSet(ObjectenViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """What this client may do per object type (the Objects API's ``/permissions``)."""

    serializer_class = PermissionSerializer
    permission_classes = [IsClient]
    api_version = OBJECTS_VERSION

    def list(self, request, *args, **kwargs):
        granted = permissions_of(request)
        types = ObjectType.objects.prefetch_related("versions").order_by("name")
        if not granted.all:
            types = types.filter(pk__in=granted.readable_type_ids())
        rows = [self._row(t, granted) for t in types]
        return self.get_paginated_response(self.paginate_queryset(rows))

    def _row(self, objecttype: ObjectType, granted) -> dict:
        fields = granted.allowed_fields(objecttype.pk)
        return {
            "type": services.objecttype_url(objecttype, self.request),
            "mode": "read_and_write" if granted.can_write(objecttype.pk) else "read_only",
            "use_fields": fields is not None,
            "fields": None
            if fields is None
            else {str(v.version): sorted(fields) for v in objecttype.versions.all()},
        }


class _Rows:
    """A queryset for the paginator: counted as it is (no joins), its page read as rows.

    With few matches (a selective data filter) the page is sorted after the filter instead of
    walking the ``object_id`` index: PostgreSQL cannot estimate how selective ``data @> …`` is
    and, for ``ORDER BY object_id LIMIT 100``, would otherwise scan the type's records in
    index order looking for the few that match.
    """

    @staticmethod
    def sort_after_filter_below() -> int:
        """Below this many matches, sorting the matches beats walking the index: a walk reads
        about page_size * total / matches records, sorting reads the matches, so the two
        cost the same near sqrt(page_size * total); halved, as random heap reads cost more."""
        return int(math.sqrt(Pagination.page_size * _estimated_records()) / 2) or 1

    def __init__(self, queryset, default_order: bool = False, count=None):
        self.queryset = queryset
        self.default_order = default_order
        self._count_of = count or queryset.count
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self._count_of()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window):
        queryset = self.queryset
        if self.default_order and self.count() < self.sort_after_filter_below():
            queryset = queryset.order_by(ExpressionWrapper(F("object_id") + 0, output_field=IntegerField()))
        return _rows(list(queryset[window].values_list("pk", flat=True)))


def _rows(ids: list[int]) -> list[dict]:
    """The rows of these records, in this order. The page's ids are chosen on the record table
    alone: joined, PostgreSQL misjudges a data filter and joins every match before sorting."""
    rows = {row["id"]: row for row in ObjectRecord.objects.filter(pk__in=ids).values(*services.ROW_FIELDS)}
    return [rows[pk] for pk in ids]


def _estimated_records() -> int:
    """The planner's estimate of the number of records (no count of a large table)."""
    if connection.vendor != "postgresql":
        return 10_000
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'objecten_objectrecord'")
        row = cursor.fetchone()
    return max(int(row[0]) if row else 0, 10_000)


def _query_dict(query_params) -> dict:
    known = {
        "type",
        "typeVersion",
        "date",
        "registrationDate",
        "data_attrs",
        "data_attr",
        "data_icontains",
        "ordering",
        "fields",
        "page",
        "pageSize",
    }
    unknown = sorted(set(query_params) - known)
    if unknown:
        raise exceptions.ValidationError({name: ["Onbekende query parameter."] for name in unknown})
    values = {
        k: v for k, v in query_params.items() if k in known - {"data_attr", "fields", "page", "pageSize"}
    }
    if "data_attr" in query_params:
        values["data_attr"] = query_params.getlist("data_attr")
    return values


def _validated(serializer_class, data, partial: bool = False) -> dict:
    serializer = serializer_class(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _check_crs(request, content: bool = False) -> None:
    accept = request.headers.get("Accept-Crs")
    if accept and accept != CRS:
        raise exceptions.NotAcceptable(f"Alleen {CRS} wordt ondersteund (Accept-Crs).")
    if content and request.headers.get("Content-Crs", CRS) != CRS:
        raise exceptions.ValidationError({"Content-Crs": [f"Alleen {CRS} wordt ondersteund."]})


def _ordering(value: str | None) -> list:
    if not value:
        return ["object_id"]
    result = []
    for term in (t.strip() for t in value.split(",") if t.strip()):
        descending, name = term.startswith("-"), term.lstrip("-")
        if name in ORDERING:
            expression = F(ORDERING[name])
        elif name.startswith("record__data__"):
            path = name.removeprefix("record__data__").split("__")
            if len(path) > dataquery.MAX_DEPTH or not all(dataquery.KEY_PART.match(p) for p in path):
                raise exceptions.ValidationError({"ordering": [f"Ongeldige sortering '{term}'."]})
            expression = "data"
            for part in path:
                expression = KeyTransform(part, expression)
        else:
            raise exceptions.ValidationError({"ordering": [f"Onbekende sortering '{term}'."]})
        result.append(expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True))
    return [*result, "object_id"]


def _restrict(data: dict, allowed: frozenset[str] | None) -> dict:
    if allowed is None or not isinstance(data, dict):
        return data
    return {key: value for key, value in data.items() if key in allowed}


def _select_fields(shown: dict, fields: str | None) -> dict:
    """``fields=url,uuid,record__geometry,record__data__naam``: only these parts."""
    if not fields:
        return shown
    result: dict = {}
    for spec in (f.strip() for f in fields.split(",") if f.strip()):
        source, target, path = shown, result, spec.split("__")
        for i, part in enumerate(path):
            if not isinstance(source, dict) or part not in source:
                if i == 0 or (path[:2] != ["record", "data"]):
                    raise exceptions.ValidationError({"fields": [f"Onbekend veld '{spec}'."]})
                break  # a data key this object does not have
            if i == len(path) - 1:
                target[part] = source[part]
            else:
                target = target.setdefault(part, {})
                source = source[part]
    return result
