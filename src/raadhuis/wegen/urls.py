from django.urls import include, path

from raadhuis.wegen import views

app_name = "wegen"

urlpatterns = [
    path("", views.index, name="index"),
    path("wegvak/<uuid:uuid>/", views.segment_detail, name="segment"),
    path("prioriteiten.<str:fmt>", views.export, name="export"),
    path("wegennet/", views.upload_network, name="upload-network"),
    path("ritten/", views.upload_trace, name="upload-trace"),
    path("bodembeweging/", views.upload_ground_motion, name="upload-ground-motion"),
    path("", include("raadhuis.wegen.api_urls")),
]
