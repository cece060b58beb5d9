"""Serializers of the Objecttypes API 2.x and Objects API 2.x; field names as their OAS."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.objecten import services
from raadhuis.objecten.models import (
    DataClassification,
    ObjectType,
    ObjectTypeVersion,
    UpdateFrequency,
    VersionStatus,
)

# --- Objecttypes API ----------------------------------------------------------------------


class ObjectVersionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="URL reference to this object version.")
    objectType = serializers.SerializerMethodField(help_text="URL reference to the OBJECTTYPE.")
    status = serializers.ChoiceField(
        choices=VersionStatus.choices, required=False, help_text="Status of the object type version"
    )
    jsonSchema = serializers.JSONField(
        source="json_schema", required=False, help_text="JSON schema for Object validation"
    )
    createdAt = serializers.DateField(
        source="created_at", read_only=True, help_text="Date when the version was created"
    )
    modifiedAt = serializers.DateField(
        source="modified_at", read_only=True, help_text="Last date when the version was modified"
    )
    publishedAt = serializers.DateField(
        source="published_at",
        read_only=True,
        allow_null=True,
        help_text="Date when the version was published",
    )

    class Meta:
        model = ObjectTypeVersion
        fields = [
            "url",
            "version",
            "objectType",
            "status",
            "jsonSchema",
            "createdAt",
            "modifiedAt",
            "publishedAt",
        ]
        read_only_fields = ["version"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return services.version_url(obj.object_type, obj.version, self.context.get("request"))

    @extend_schema_field(OpenApiTypes.URI)
    def get_objectType(self, obj) -> str:  # noqa: N802 - the OAS field name
        return services.objecttype_url(obj.object_type, self.context.get("request"))


class ObjectTypeSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    uuid = serializers.UUIDField(required=False, help_text="Unique identifier (UUID4)")
    namePlural = serializers.CharField(
        source="name_plural", max_length=100, help_text="Name of the object type in plural"
    )
    dataClassification = serializers.ChoiceField(
        source="data_classification",
        required=False,
        choices=DataClassification.choices,
        help_text="Confidential level of the object type",
    )
    maintainerOrganization = serializers.CharField(
        source="maintainer_organization", required=False, allow_blank=True, max_length=200
    )
    maintainerDepartment = serializers.CharField(
        source="maintainer_department", required=False, allow_blank=True, max_length=200
    )
    contactPerson = serializers.CharField(
        source="contact_person", required=False, allow_blank=True, max_length=200
    )
    contactEmail = serializers.CharField(
        source="contact_email", required=False, allow_blank=True, max_length=200
    )
    updateFrequency = serializers.ChoiceField(
        source="update_frequency", required=False, choices=UpdateFrequency.choices
    )
    providerOrganization = serializers.CharField(
        source="provider_organization", required=False, allow_blank=True, max_length=200
    )
    documentationUrl = serializers.URLField(source="documentation_url", required=False, allow_blank=True)
    labels = serializers.JSONField(
        required=False, help_text="Key-value pairs of keywords related for the object type"
    )
    createdAt = serializers.DateField(source="created_at", read_only=True)
    modifiedAt = serializers.DateField(source="modified_at", read_only=True)
    allowGeometry = serializers.BooleanField(source="allow_geometry", required=False)
    versions = serializers.SerializerMethodField()

    class Meta:
        model = ObjectType
        fields = [
            "url",
            "uuid",
            "name",
            "namePlural",
            "description",
            "dataClassification",
            "maintainerOrganization",
            "maintainerDepartment",
            "contactPerson",
            "contactEmail",
            "source",
            "updateFrequency",
            "providerOrganization",
            "documentationUrl",
            "labels",
            "createdAt",
            "modifiedAt",
            "allowGeometry",
            "versions",
        ]
        extra_kwargs = {"description": {"required": False}, "source": {"required": False}}
        validators = []  # uniqueness per organisation is the service's

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return services.objecttype_url(obj, self.context.get("request"))

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_versions(self, obj) -> list[str]:
        request = self.context.get("request")
        return [services.version_url(obj, v.version, request) for v in obj.versions.all()]

    def validate_labels(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError("labels moet een JSON-object zijn.")
        return value


# --- Objects API --------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.URI)
class ReferenceField(serializers.CharField):
    """A URL of a resource of this installation. Checked by resolving it, not by Django's
    URLValidator, which refuses host names without a dot (``localhost``-like internal names)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault("min_length", 1)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not value.startswith(("http://", "https://")):
            raise serializers.ValidationError("Voer een geldige URL in.", code="invalid")
        return value


class ObjectRecordSerializer(serializers.Serializer):
    index = serializers.IntegerField(
        read_only=True, help_text="Incremental index number of the object record."
    )
    typeVersion = serializers.IntegerField(
        min_value=0, max_value=32767, help_text="Version of the OBJECTTYPE for data in the object record"
    )
    data = serializers.JSONField(required=False, help_text="Object data, based on OBJECTTYPE")
    geometry = serializers.JSONField(
        required=False,
        allow_null=True,
        help_text="Point, linestring or polygon object which represents the coordinates of the object.",
    )
    startAt = serializers.DateField(help_text="Legal start date of the object record")
    endAt = serializers.DateField(read_only=True, help_text="Legal end date of the object record")
    registrationAt = serializers.DateField(
        read_only=True, help_text="The date when the record was registered in the system"
    )
    correctionFor = serializers.CharField(
        required=False, allow_null=True, help_text="Index of the record corrected by the current record"
    )
    correctedBy = serializers.CharField(
        read_only=True, help_text="Index of the record, which corrects the current record"
    )

    def validate_correctionFor(self, value):  # noqa: N802 - the OAS field name
        if value in (None, ""):
            return None
        try:
            return int(value)
        except ValueError as error:
            raise serializers.ValidationError(
                "correctionFor is de index (een getal) van een record."
            ) from error

    def validate_data(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError("data moet een JSON-object zijn.")
        return value


class ObjectSerializer(serializers.Serializer):
    url = serializers.URLField(
        read_only=True,
        help_text="URL reference to this object. This is the unique "
        "identification and location of this object.",
    )
    uuid = serializers.UUIDField(required=False, help_text="Unique identifier (UUID4)")
    type = ReferenceField(help_text="Url reference to OBJECTTYPE in Objecttypes API")
    record = ObjectRecordSerializer(help_text="State of the OBJECT at a certain time")


class PatchedObjectSerializer(ObjectSerializer):
    type = ReferenceField(required=False)
    record = ObjectRecordSerializer(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields["record"].fields.values():
            field.required = False


class HistoryRecordSerializer(ObjectRecordSerializer):
    correctionFor = serializers.CharField(
        read_only=True, help_text="Index of the record corrected by the current record"
    )


class ListQuerySerializer(serializers.Serializer):
    type = ReferenceField(required=False)
    typeVersion = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    date = serializers.DateField(required=False)
    registrationDate = serializers.DateField(required=False)
    data_attrs = serializers.CharField(required=False, max_length=2000)
    data_attr = serializers.ListField(
        child=serializers.CharField(max_length=1000), required=False, max_length=20
    )
    data_icontains = serializers.CharField(required=False, max_length=200)
    ordering = serializers.CharField(required=False, max_length=500)

    def validate(self, attrs):
        if attrs.get("date") and attrs.get("registrationDate"):
            raise serializers.ValidationError(
                {"registrationDate": "date en registrationDate kunnen niet samen gebruikt worden."}
            )
        return attrs


class NearSerializer(serializers.Serializer):
    point = serializers.ListField(
        child=serializers.FloatField(), min_length=2, max_length=2, help_text="[longitude, latitude] (WGS84)"
    )
    distance = serializers.FloatField(min_value=0, max_value=50_000, help_text="Metres")


class GeoWithinSerializer(serializers.Serializer):
    within = serializers.JSONField(required=False, help_text="GeoJSON (Multi)Polygon")
    near = NearSerializer(
        required=False, help_text="Raadhuis extension: objects within `distance` metres of `point`."
    )

    def validate(self, attrs):
        if ("within" in attrs) == ("near" in attrs):
            raise serializers.ValidationError("Geef within of near (precies een van beide).")
        return attrs


class ObjectSearchSerializer(ListQuerySerializer):
    geometry = GeoWithinSerializer(required=False)


class PermissionSerializer(serializers.Serializer):
    type = ReferenceField(help_text="Url reference to OBJECTTYPE in Objecttypes API")
    mode = serializers.ChoiceField(choices=["read_only", "read_and_write"], help_text="Permission mode")
    use_fields = serializers.BooleanField(help_text="Use field-based authorization")
    fields = serializers.JSONField(
        allow_null=True,
        help_text="Fields allowed for this token in relation to objecttype versions. Supports only "
        "first level of the `record.data` properties",
    )
