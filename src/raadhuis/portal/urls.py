from django.urls import path

from raadhuis.portal import views_account, views_cases, views_melding, views_public, views_requests, views_woo

app_name = "portal"

urlpatterns = [
    path("", views_public.root, name="root"),
    path("<slug:org>/", views_public.home, name="home"),
    path("<slug:org>/thema.css", views_public.theme_css, name="theme-css"),
    path("<slug:org>/logo", views_public.logo, name="logo"),
    path("<slug:org>/producten/", views_public.products, name="products"),
    path("<slug:org>/producten/<slug:slug>/", views_public.product, name="product"),
    path("<slug:org>/producten/<slug:slug>/aanvragen/", views_requests.start, name="start"),
    path("<slug:org>/aanvraag/<uuid:uuid>/stap/<int:number>/", views_requests.step, name="step"),
    path("<slug:org>/aanvraag/<uuid:uuid>/overzicht/", views_requests.summary, name="summary"),
    path("<slug:org>/aanvraag/<uuid:uuid>/ontvangen/", views_requests.confirmation, name="confirmation"),
    path("<slug:org>/betaling/<uuid:reference>/testbetaling/", views_requests.test_payment, name="testpay"),
    path("<slug:org>/betaling/<uuid:reference>/terug/", views_requests.payment_return, name="payment-return"),
    path("<slug:org>/inloggen/", views_account.login, name="login"),
    path("<slug:org>/inloggen/simulator/", views_account.simulator, name="simulator"),
    path("<slug:org>/inloggen/<slug:method>/", views_account.oidc_start, name="oidc-start"),
    path("<slug:org>/inloggen-terug/", views_account.oidc_callback, name="oidc-callback"),
    path("<slug:org>/uitloggen/", views_account.logout, name="logout"),
    path("<slug:org>/mijn-zaken/", views_cases.my_cases, name="my-cases"),
    path("<slug:org>/mijn-zaken/<uuid:uuid>/", views_cases.case, name="case"),
    path(
        "<slug:org>/mijn-zaken/<uuid:uuid>/documenten/<uuid:document_uuid>/",
        views_cases.document,
        name="case-document",
    ),
    path("<slug:org>/mijn-zaken/<uuid:uuid>/bericht/", views_cases.send_message, name="case-message"),
    path("<slug:org>/mijn-zaken/<uuid:uuid>/document-toevoegen/", views_cases.upload, name="case-upload"),
    path("<slug:org>/berichten/", views_cases.inbox, name="inbox"),
    path("<slug:org>/berichten/<uuid:uuid>/", views_cases.message, name="message"),
    path("<slug:org>/melding/", views_melding.melding, name="melding"),
    path("<slug:org>/melding/ontvangen/", views_melding.melding_done, name="melding-done"),
    path("<slug:org>/woo-verzoek/", views_woo.woo_verzoek, name="woo"),
    path("<slug:org>/woo-verzoek/ontvangen/", views_woo.woo_done, name="woo-done"),
]
