"""Objecten tests: object types in two municipalities, and API clients with permissions."""

import pytest
from rest_framework.test import APIClient

from raadhuis.objecten import services
from raadhuis.objecten.models import ObjectTypePermission
from raadhuis.platform import tenancy
from raadhuis.zgw.autorisaties.models import Applicatie, ClientCredential
from tests.zgw.conftest import make_token

SECRET = "een-geheim-van-voldoende-lengte-"

BOOM_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["soort"],
    "properties": {
        "soort": {"type": "string"},
        "hoogte": {"type": "number", "minimum": 0},
        "plantjaar": {"type": "integer"},
        "conditie": {"type": "string", "enum": ["goed", "matig", "slecht"]},
        "eigenaar": {"type": "string"},
        "afmetingen": {"type": "object"},
    },
}


@pytest.fixture
def aadorp(two_municipalities):
    return two_municipalities[0]


@pytest.fixture
def beestad(two_municipalities):
    return two_municipalities[1]


@pytest.fixture
def boom(aadorp):
    with tenancy.scope_for([aadorp.pk]):
        return services.ensure_objecttype(
            organisation=aadorp, name="boom", json_schema=BOOM_SCHEMA, name_plural="bomen"
        )


@pytest.fixture
def in_aadorp(aadorp):
    with tenancy.scope_for([aadorp.pk]):
        yield


@pytest.fixture
def objecten_client(db):
    """``objecten_client(organisation, alles=False, permissions={ref: ("read_only", fields|None)})``."""
    counter = iter(range(1_000_000))

    def build(organisation, alles=False, permissions=None):
        client_id = f"objecten-{next(counter)}-{organisation.slug}"
        with tenancy.system_scope():
            applicatie = Applicatie.objects.create(
                organisation=organisation, label=client_id, heeft_alle_autorisaties=alles
            )
            ClientCredential.objects.create(
                applicatie=applicatie, client_id=client_id, secret=SECRET + client_id
            )
            for ref, (mode, fields) in (permissions or {}).items():
                ObjectTypePermission.objects.create(
                    organisation=organisation,
                    applicatie_uuid=applicatie.uuid,
                    object_type_id=_type_pk(ref),
                    mode=mode,
                    use_fields=fields is not None,
                    fields=list(fields or []),
                )
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(client_id, SECRET + client_id)}")
        api.applicatie = applicatie
        return api

    return build


def _type_pk(ref) -> int:
    from raadhuis.objecten.models import ObjectType

    return ObjectType.objects.get(uuid=ref.uuid).pk
