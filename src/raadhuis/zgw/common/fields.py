"""Serializer fields for references between ZGW resources, expressed as URLs."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.zgw.common.urls import absolute_url, resolve_path
from raadhuis.zgw.common.validators import validate_http_url


@extend_schema_field(OpenApiTypes.URI)
class ResourceURLField(serializers.RelatedField):
    """A foreign key shown as the resource's URL, accepting a URL on input.

    The referenced record is looked up through the model's default (tenant-scoped) manager:
    a record of another organisation is, to this client, a URL that does not exist.
    Errors use the ZGW codes ``bad-url`` and ``invalid-resource``.
    """

    default_error_messages = {
        "bad-url": "De URL {value} is ongeldig of verwijst niet naar een bestaand object.",
        "invalid-resource": "De URL {value} verwijst niet naar een {resource}.",
        "incorrect_type": "Verwacht een URL, ontvangen {data_type}.",
    }

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return absolute_url(self.view_name, self.context.get("request"), uuid=value.uuid)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        match = resolve_path(data)
        if match is None:
            self.fail("bad-url", value=data)
        if match.url_name != self.view_name.rsplit(":", 1)[-1] or "uuid" not in match.kwargs:
            self.fail("invalid-resource", value=data, resource=self.view_name.rsplit(":", 1)[-1])
        record = self.get_queryset().filter(uuid=match.kwargs["uuid"]).first()
        if record is None:
            self.fail("bad-url", value=data)
        return record

    def use_pk_only_optimization(self) -> bool:
        return False


@extend_schema_field(OpenApiTypes.URI)
class URLField(serializers.CharField):
    """A URL of a resource that may live in another component or installation (a zaaktype
    in an external catalogue). Unlike DRF's URLField it takes hosts without a top-level
    domain (``catalogi-api:8000``), like the model validator ``validate_http_url``."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_http_url)
