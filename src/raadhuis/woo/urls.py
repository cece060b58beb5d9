from django.urls import path

from raadhuis.woo import views

app_name = "woo"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("import/", views.import_document, name="import"),
    path("verzoek/<uuid:uuid>/", views.verzoek_detail, name="verzoek"),
    path("verzoek/<uuid:uuid>/documenten/", views.add_documents, name="add-documents"),
    path("verzoek/<uuid:uuid>/verdagen/", views.verdaag, name="verdaag"),
    path("verzoek/<uuid:uuid>/opschorten/", views.schort_op, name="schort-op"),
    path("verzoek/<uuid:uuid>/inventaris.csv", views.inventory, {"fmt": "csv"}, name="inventory-csv"),
    path("verzoek/<uuid:uuid>/inventaris.xlsx", views.inventory, {"fmt": "xlsx"}, name="inventory-xlsx"),
    path("verzoek/<uuid:uuid>/besluit.txt", views.decision_preview, name="decision"),
    path("verzoek/<uuid:uuid>/publiceren/", views.publish, name="publish"),
    path("document/<uuid:uuid>/", views.review, name="review"),
    path("document/<uuid:uuid>/alles-accepteren/", views.accept_all, name="accept-all"),
    path("document/<uuid:uuid>/lakking/<int:pk>/", views.decide_lakking, name="decide"),
    path("document/<uuid:uuid>/pagina/<int:page>.png", views.page_image, name="page"),
    path("openbaar/sitemap.xml", views.sitemap, name="sitemap"),
    path("openbaar/document/<uuid:uuid>.pdf", views.public_document, name="public-document"),
    path("openbaar/<slug:slug>/", views.public_index, name="public"),
    path("openbaar/<slug:slug>/<uuid:uuid>/", views.public_verzoek, name="public-verzoek"),
    path(
        "openbaar/<slug:slug>/<uuid:uuid>/inventarislijst.csv",
        views.public_inventory,
        name="public-inventory",
    ),
    path("openbaar/<slug:slug>/<uuid:uuid>/diwoo.xml", views.public_diwoo, name="public-diwoo"),
]
