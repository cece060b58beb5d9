"""The wegen REST API for vehicles and other systems (``/wegen/api/v1/``): register a vehicle
(it becomes a SensorThings Thing to stream to), upload a drive as CSV or Parquet, and follow
what became of it. Clients authenticate with the ZGW JWT of an API client and act for its
organisation (header ``Raadhuis-Organisation: <slug>`` when it has several); errors come in
the ZGW format (application/problem+json). Its OpenAPI document: ``wegen/openapi.yaml``
(``api_schema``), served at ``/wegen/api/v1/schema``.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.parsers import BaseParser, FormParser, JSONParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from raadhuis.platform.models import Organisation
from raadhuis.wegen import api_schema, readers, services
from raadhuis.wegen.models import Trace, Vehicle
from raadhuis.zgw.common.auth import ClientAuth
from raadhuis.zgw.common.views import ZGWViewMixin

STA_PATH = "/sensorthings/v1.1"


class RawFileParser(BaseParser):
    """A trace posted as the whole body (``Content-Type: text/csv`` or Parquet); the format is
    recognised by content."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return {"bestand_inhoud": stream.read(readers.MAX_UPLOAD + 1) if stream else b""}


class IsClient(permissions.BasePermission):
    message = "Deze API vraagt een API-client (Authorization: Bearer <ZGW JWT>)."

    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, ClientAuth)


class ClientView(ZGWViewMixin, APIView):
    """A ZGW API client, acting within its organisations' tenant scope (ZGWViewMixin); any client
    of the organisation may use it, as for SensorThings writes."""

    permission_classes = [IsClient]
    renderer_classes = [JSONRenderer]
    filter_backends = []  # no ZGW query filters here
    schema = api_schema.WegenAutoSchema()

    def required_scope(self):
        return None

    def organisation(self) -> Organisation:
        organisations = list(
            Organisation.objects.filter(pk__in=self.request.auth.organisation_ids, is_active=True)
        )
        wanted = self.request.headers.get("Raadhuis-Organisation", "")
        if wanted:
            found = next((o for o in organisations if o.slug == wanted), None)
            if found is None:
                raise exceptions.PermissionDenied(f"Organisatie '{wanted}' hoort niet bij deze client.")
            return found
        if len(organisations) != 1:
            raise exceptions.ValidationError(
                {"Raadhuis-Organisation": "Deze client werkt voor meer organisaties: kies er een."}
            )
        return organisations[0]


def _sta(request, path: str) -> str:
    return request.build_absolute_uri(f"{STA_PATH}/{path}")


def vehicle_body(request, vehicle: Vehicle) -> dict:
    return {
        "uuid": str(vehicle.uuid),
        "identificatie": vehicle.identificatie,
        "voertuigtype": vehicle.vehicle_type,
        "kalibratiefactorIri": services.gain_of(vehicle),
        "thing": _sta(request, f"Things({vehicle.thing_id})") if vehicle.thing_id else None,
        "gpsStroom": _sta(request, f"MultiDatastreams({vehicle.gps_stream_id})")
        if vehicle.gps_stream_id
        else None,
        "versnellingStroom": (
            _sta(request, f"MultiDatastreams({vehicle.acc_stream_id})") if vehicle.acc_stream_id else None
        ),
    }


def trace_body(request, trace: Trace) -> dict:
    return {
        "uuid": str(trace.uuid),
        "url": request.build_absolute_uri(f"/wegen/api/v1/ritten/{trace.uuid}"),
        "voertuig": trace.vehicle.identificatie,
        "bron": trace.source,
        "status": trace.status,
        "reden": trace.reason,
        "begin": trace.started_at.isoformat(),
        "duur": round(trace.duration, 2),
        "bruikbaarDeel": round(trace.good_share, 3),
        "passages": trace.passes.count(),
        "problemen": trace.issues,
    }


@extend_schema_serializer(component_name="Voertuig")
class VehicleSerializer(serializers.Serializer):
    identificatie = serializers.RegexField(r"^[\w.\-]{1,64}$", max_length=64)
    voertuigtype = serializers.ChoiceField(choices=Vehicle.Type.choices)
    stalling = serializers.ListField(
        child=serializers.FloatField(),
        min_length=2,
        max_length=2,
        required=False,
        help_text="[lengtegraad, breedtegraad] (WGS84) van de thuisbasis",
    )


class VehiclesView(ClientView):
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="voertuig_list",
        summary="De voertuigen van de organisatie.",
        responses={200: api_schema.VoertuigSerializer(many=True)},
    )
    def get(self, request):
        vehicles = Vehicle.objects.filter(organisation=self.organisation()).order_by("identificatie")
        return Response([vehicle_body(request, v) for v in vehicles])

    @extend_schema(
        operation_id="voertuig_create",
        summary="Registreer een voertuig (een tweede keer geeft het bestaande terug).",
        request=VehicleSerializer,
        responses={201: api_schema.VoertuigSerializer},
    )
    def post(self, request):
        data = VehicleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        depot = data.validated_data.get("stalling")
        if depot and not (-180 <= depot[0] <= 180 and -90 <= depot[1] <= 90):
            raise exceptions.ValidationError({"stalling": "Geen geldige lengte- en breedtegraad."})
        try:
            vehicle = services.register_vehicle(
                self.organisation(),
                data.validated_data["identificatie"],
                data.validated_data["voertuigtype"],
                depot=tuple(depot) if depot else None,
            )
        except services.WegenError as error:
            raise exceptions.ValidationError({"voertuigtype": str(error)}) from error
        return Response(vehicle_body(request, vehicle), status=status.HTTP_201_CREATED)


class TracesView(ClientView):
    """``POST`` a drive: multipart (``voertuig``, ``voertuigtype``, ``bestand``) or the file as the
    body with ``?voertuig=…&voertuigtype=…``. Analysed at once; the answer is the rit."""

    parser_classes = [MultiPartParser, FormParser, RawFileParser]

    @extend_schema(
        operation_id="rit_list",
        summary="De laatste 100 ritten van de organisatie.",
        responses={200: api_schema.RitSerializer(many=True)},
    )
    def get(self, request):
        traces = (
            Trace.objects.filter(organisation=self.organisation())
            .select_related("vehicle")
            .order_by("-received_at")[:100]
        )
        return Response([trace_body(request, t) for t in traces])

    @extend_schema(
        operation_id="rit_create",
        summary="Lever een rit aan; die wordt meteen geanalyseerd.",
        description="Multipart (`voertuig`, `voertuigtype`, `bestand`) of het bestand als hele body "
        "(CSV of Parquet, herkend aan de inhoud) met `?voertuig=…&voertuigtype=…`. Een onbruikbare "
        "rit wordt bewaard met status `afgekeurd` en de reden.",
        request=api_schema.RIT_UPLOAD,
        parameters=api_schema.RIT_QUERY,
        responses={201: api_schema.RitSerializer},
    )
    def post(self, request):
        organisation = self.organisation()
        fields = {**request.query_params.dict(), **{k: v for k, v in request.data.items() if k != "bestand"}}
        content = self._content(request)
        identificatie = str(fields.get("voertuig", ""))
        vehicle = Vehicle.objects.filter(organisation=organisation, identificatie=identificatie).first()
        if vehicle is None:
            kind = fields.get("voertuigtype")
            if not identificatie or not kind:
                raise exceptions.ValidationError(
                    {"voertuig": "Noem het voertuig (en voor een nieuw voertuig het voertuigtype)."}
                )
            try:
                vehicle = services.register_vehicle(organisation, identificatie[:64], str(kind))
            except services.WegenError as error:
                raise exceptions.ValidationError({"voertuigtype": str(error)}) from error
        try:
            trace = services.ingest_trace(vehicle, content)
        except services.WegenError as error:
            raise exceptions.ValidationError({"bestand": str(error)}) from error
        return Response(trace_body(request, trace), status=status.HTTP_201_CREATED)

    def _content(self, request) -> bytes:
        upload = request.data.get("bestand")
        content = (
            upload.read(readers.MAX_UPLOAD + 1)
            if hasattr(upload, "read")
            else request.data.get("bestand_inhoud", b"")
        )
        if not content:
            raise exceptions.ValidationError({"bestand": "Lever de rit aan als CSV of Parquet."})
        if len(content) > readers.MAX_UPLOAD:
            raise exceptions.ValidationError(
                {"bestand": f"Het bestand is groter dan {readers.MAX_UPLOAD // 2**20} MB."}
            )
        return content


class TraceView(ClientView):
    @extend_schema(operation_id="rit_read", summary="Een rit.", responses={200: api_schema.RitSerializer})
    def get(self, request, uuid):
        trace = (
            Trace.objects.filter(organisation=self.organisation(), uuid=uuid)
            .select_related("vehicle")
            .first()
        )
        if trace is None:
            raise exceptions.NotFound("Deze rit bestaat niet.")
        return Response(trace_body(request, trace))
