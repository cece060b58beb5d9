from django.urls import path

from raadhuis.wegen import api, views

app_name = "wegen"

urlpatterns = [
    path("", views.index, name="index"),
    path("wegvak/<uuid:uuid>/", views.segment_detail, name="segment"),
    path("prioriteiten.<str:fmt>", views.export, name="export"),
    path("wegennet/", views.upload_network, name="upload-network"),
    path("ritten/", views.upload_trace, name="upload-trace"),
    path("bodembeweging/", views.upload_ground_motion, name="upload-ground-motion"),
    path("api/v1/voertuigen", api.VehiclesView.as_view(), name="api-vehicles"),
    path("api/v1/ritten", api.TracesView.as_view(), name="api-traces"),
    path("api/v1/ritten/<uuid:uuid>", api.TraceView.as_view(), name="api-trace"),
]
