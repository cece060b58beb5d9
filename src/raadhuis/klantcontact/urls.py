from django.urls import path

from raadhuis.klantcontact import views

app_name = "klantcontact"

urlpatterns = [
    path("kcc/", views.console, name="console"),
    path("kcc/gesprekken/<uuid:uuid>/", views.console_gesprek, name="console-gesprek"),
    path("kcc/gesprekken/<uuid:uuid>/berichten/", views.console_berichten, name="console-berichten"),
    path("<slug:org>/chat/", views.chat, name="chat"),
    path("<slug:org>/gesprek/", views.gesprek_page, name="gesprek"),
    path("<slug:org>/veelgestelde-vragen/", views.faq_page, name="faq"),
]
