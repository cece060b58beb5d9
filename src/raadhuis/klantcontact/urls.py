from django.urls import path

from raadhuis.klantcontact import views, views_kcc

app_name = "klantcontact"

urlpatterns = [
    path("kcc/", views_kcc.home, name="console"),
    path("kcc/inwoners/", views_kcc.kies_inwoner, name="kcc-kies"),
    path("kcc/partijen/<uuid:uuid>/", views_kcc.partij, name="kcc-partij"),
    path("kcc/contact/", views_kcc.contact_nieuw, name="kcc-contact-nieuw"),
    path("kcc/contacten/<uuid:uuid>/", views_kcc.contact, name="kcc-contact"),
    path("kcc/taken/", views_kcc.taken, name="kcc-taken"),
    path("kcc/taken/<uuid:uuid>/", views_kcc.taak_actie, name="kcc-taak"),
    path("kcc/gesprekken/<uuid:uuid>/", views.console_gesprek, name="console-gesprek"),
    path("kcc/gesprekken/<uuid:uuid>/berichten/", views.console_berichten, name="console-berichten"),
    path("<slug:org>/chat/", views.chat, name="chat"),
    path("<slug:org>/gesprek/", views.gesprek_page, name="gesprek"),
    path("<slug:org>/veelgestelde-vragen/", views.faq_page, name="faq"),
]
