from django.urls import path

from raadhuis.inzicht import views

app_name = "inzicht"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("zaken/", views.zaken, name="zaken"),
    path("export/<slug:code>.csv", views.export_csv, name="csv"),
    path("rapport.pdf", views.rapport, name="rapport"),
]
