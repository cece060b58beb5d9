from django.urls import path, re_path

from raadhuis.sensoren import api, dashboard, register

app_name = "sensoren"

urlpatterns = [
    re_path(r"^sensorthings/v1\.1(?P<rest>/.*)?$", api.endpoint, name="sensorthings"),
    path("sensoren/register/", register.register_page, name="register"),
    path("sensoren/register.json", register.register_json, name="register-json"),
    path("sensoren/register.csv", register.register_csv, name="register-csv"),
    path("werkplek/sensoren/", dashboard.dashboard, name="dashboard"),
    path("werkplek/sensoren/datastreams/<int:pk>/", dashboard.datastream, name="dashboard-datastream"),
]
