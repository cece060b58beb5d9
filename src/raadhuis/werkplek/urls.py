from django.urls import path

from raadhuis.werkplek import views

app_name = "werkplek"
ACTIONS = [
    "oppakken",
    "toewijzen",
    "status",
    "resultaat",
    "besluit",
    "afsluiten",
    "heropenen",
    "opschorten",
    "hervatten",
    "verlengen",
    "notitie",
    "bericht",
    "document",
    "brp",
    "proces_opnieuw",
    "overnemen",
]

urlpatterns = [
    path("", views.queue, name="queue"),
    path("volgende/", views.pick_up_next, name="volgende"),
    path("zoeken/", views.zoeken, name="zoeken"),
    path("nieuw/", views.intake, name="intake"),
    path("zaken/<uuid:zaak_uuid>/", views.zaak_detail, name="zaak"),
    path("zaken/<uuid:zaak_uuid>/documenten/<uuid:document_uuid>/", views.document_download, name="document"),
    path(
        "zaken/<uuid:zaak_uuid>/documenten/<uuid:document_uuid>/voorbeeld/",
        views.document_voorbeeld,
        name="voorbeeld",
    ),
    path(
        "zaken/<uuid:zaak_uuid>/documenten/<uuid:document_uuid>/voorbeeld/<int:pagina>.png",
        views.document_pagina,
        name="pagina",
    ),
    path("zaken/<uuid:zaak_uuid>/taken/<uuid:task_id>/", views.procestaak, name="procestaak"),
    *[path(f"zaken/<uuid:zaak_uuid>/{name}/", getattr(views, name), name=name) for name in ACTIONS],
]
