from django.urls import path

from raadhuis.registers.api.views import AdressenView, AdresView, PersonenView

app_name = "haalcentraal"
urlpatterns = [
    path("api/brp/personen", PersonenView.as_view(), name="brp-personen"),
    path("api/bag/adressen", AdressenView.as_view(), name="bag-adressen"),
    path("api/bag/adressen/<str:identificatie>", AdresView.as_view(), name="bag-adres"),
]
