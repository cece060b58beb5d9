from django.urls import path

from raadhuis.inzicht import views

app_name = "opendata"

urlpatterns = [
    path("<slug:org>/", views.open_data, name="index"),
    path("<slug:org>/woordenboek.json", views.woordenboek, name="woordenboek"),
    path("<slug:org>/<slug:dataset>.<str:formaat>", views.open_data_file, name="bestand"),
]
