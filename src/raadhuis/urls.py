from django.contrib import admin
from django.urls import include, path
from two_factor.urls import urlpatterns as two_factor_urls

from raadhuis.platform import health, metrics

urlpatterns = [
    path("", include(two_factor_urls)),
    path("accounts/", include("raadhuis.platform.accounts.urls")),
    path("admin/", admin.site.urls),
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("autorisaties/", include("raadhuis.zgw.autorisaties.api.urls")),
    path("notificaties/", include("raadhuis.zgw.notificaties.api.urls")),
    path("catalogi/", include("raadhuis.zgw.catalogi.api.urls")),
    path("documenten/", include("raadhuis.zgw.documenten.api.urls")),
    path("zaken/", include("raadhuis.zgw.zaken.api.urls")),
    path("besluiten/", include("raadhuis.zgw.besluiten.api.urls")),
    path("werkplek/", include("raadhuis.werkplek.urls")),
    path("wegen/", include("raadhuis.wegen.urls")),
    path("haalcentraal/", include("raadhuis.registers.api.urls")),
    path("objecttypes/", include("raadhuis.objecten.api.urls_objecttypes")),
    path("objects/", include("raadhuis.objecten.api.urls_objects")),
    path("portaal/", include("raadhuis.portal.urls")),
    path("", include("raadhuis.sensoren.urls")),
    path("woo/", include("raadhuis.woo.urls")),
    path("klantcontact/", include("raadhuis.klantcontact.urls")),
    path("klantinteracties/", include("raadhuis.klantcontact.api.urls")),
    path("inzicht/", include("raadhuis.inzicht.urls")),
    path("open-data/", include("raadhuis.inzicht.urls_open")),
    path("", include("raadhuis.platform.urls")),
]
