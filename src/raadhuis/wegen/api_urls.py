"""The wegen REST API's URLs (``/wegen/api/v1/``), with its schema endpoints; included by
``wegen/urls.py`` and the urlconf from which its OpenAPI document is generated."""

from django.urls import path

from raadhuis.wegen import api
from raadhuis.wegen.api_schema import API_VERSION
from raadhuis.zgw.common.oas import schema_settings, schema_urlpatterns

SCHEMA_SETTINGS = {
    **schema_settings("wegen", "Wegen API", API_VERSION),
    "DESCRIPTION": "Voertuigen (vuilniswagens, bussen) met een GPS- en versnellingskastje registreren en hun "
    "ritten aanleveren; Raadhuis bepaalt er de IRI per wegvak en de gaten, drempels en voegen uit. Een "
    "voertuig kan ook streamen naar zijn SensorThings-Datastreams. Authenticatie met de ZGW-JWT van een "
    "API-client; fouten in het ZGW-formaat (application/problem+json).",
    "LICENSE": {"name": "EUPL-1.2"},
}

urlpatterns = [
    path("api/v1/voertuigen", api.VehiclesView.as_view(), name="api-vehicles"),
    path("api/v1/ritten", api.TracesView.as_view(), name="api-traces"),
    path("api/v1/ritten/<uuid:uuid>", api.TraceView.as_view(), name="api-trace"),
    *schema_urlpatterns("raadhuis.wegen.api_urls", SCHEMA_SETTINGS),
]
