"""How the wegen REST API describes itself in OpenAPI (``wegen/openapi.yaml``, ``raadhuis wegen-oas``).

The views answer hand-built bodies; the serializers here describe them (a test validates real
answers against the document). Errors are described as in the ZGW APIs: ``Fout`` and
``ValidatieFout`` as ``application/problem+json``.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from raadhuis.wegen.models import Trace, Vehicle
from raadhuis.zgw.common.schema import ZGWAutoSchema

API_VERSION = "1.0.0"
ISSUE_CODES = ("gat_in_data", "gps_sprong", "gedraaid", "stilstand", "niet_gematcht")
RAW_TRACE_TYPES = ("text/csv", "application/vnd.apache.parquet", "application/octet-stream")

ORGANISATION_HEADER = OpenApiParameter(
    "Raadhuis-Organisation",
    str,
    OpenApiParameter.HEADER,
    description="Slug van de organisatie waarvoor de client optreedt; verplicht als de client voor "
    "meer organisaties werkt.",
)


class WegenAutoSchema(ZGWAutoSchema):
    """The ZGW error responses (``Fout``/``ValidatieFout``) of the statuses this API can give."""

    def get_override_parameters(self) -> list:
        return [*super().get_override_parameters(), ORGANISATION_HEADER]

    def get_description(self) -> str:
        return ""  # each operation has its own (the view classes' docstrings are for developers)

    def error_statuses(self) -> set[int]:
        # 400 everywhere: a missing or unknown Raadhuis-Organisation header. No throttling (429)
        # and nothing is versioned or removed (409, 410).
        statuses = {400, 401, 403, 406, 500}
        if self.method == "POST":
            statuses.add(415)
        if "{" in self.path:
            statuses.add(404)
        return statuses

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for response in responses.values():
            response.pop("headers", None)  # no API-version header, and a voertuig has no Location
        return responses


class VoertuigSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    identificatie = serializers.CharField()
    voertuigtype = serializers.ChoiceField(choices=Vehicle.Type.choices)
    kalibratiefactor_iri = serializers.FloatField(help_text="IRI-kalibratiefactor (werkelijk / geschat)")
    thing = serializers.URLField(allow_null=True, help_text="Het voertuig als SensorThings Thing")
    gps_stroom = serializers.URLField(
        allow_null=True, help_text="MultiDatastream [breedtegraad, lengtegraad, snelheid] (≈ 1 Hz)"
    )
    versnelling_stroom = serializers.URLField(
        allow_null=True, help_text="MultiDatastream [ax, ay, az] in m/s² (50–200 Hz)"
    )


class ProbleemSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=ISSUE_CODES, help_text="Waarom dit deel is weggelaten")
    start = serializers.FloatField(help_text="Begin, in seconden vanaf het begin van de rit")
    end = serializers.FloatField(help_text="Einde, in seconden vanaf het begin van de rit")
    detail = serializers.CharField()


class RitSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    url = serializers.URLField()
    voertuig = serializers.CharField(help_text="Identificatie van het voertuig")
    bron = serializers.ChoiceField(choices=Trace.Source.choices)
    status = serializers.ChoiceField(choices=Trace.Status.choices)
    reden = serializers.CharField(allow_blank=True, help_text="Waarom de rit is afgekeurd")
    begin = serializers.DateTimeField()
    duur = serializers.FloatField(help_text="Duur in seconden")
    bruikbaar_deel = serializers.FloatField(help_text="Aandeel van de rit dat is geanalyseerd (0–1)")
    passages = serializers.IntegerField(help_text="Aantal gemeten passages van wegvakken")
    problemen = ProbleemSerializer(many=True, help_text="De weggelaten slechte delen")


class RitUploadSerializer(serializers.Serializer):
    voertuig = serializers.CharField(
        max_length=64, required=False, help_text="Identificatie van het voertuig (hier of als queryparameter)"
    )
    voertuigtype = serializers.ChoiceField(
        choices=Vehicle.Type.choices, required=False, help_text="Alleen nodig voor een nieuw voertuig"
    )
    bestand = serializers.FileField(help_text="De rit als CSV of Parquet (t, lat, lon, speed, ax, ay, az)")


RIT_UPLOAD = {
    "multipart/form-data": RitUploadSerializer,
    **{media_type: OpenApiTypes.BINARY for media_type in RAW_TRACE_TYPES},
}
RIT_QUERY = [
    OpenApiParameter("voertuig", str, description="Identificatie van het voertuig (bestand als body)"),
    OpenApiParameter(
        "voertuigtype", str, enum=Vehicle.Type.values, description="Alleen nodig voor een nieuw voertuig"
    ),
]
