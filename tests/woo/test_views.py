"""The screens: login and role required, tenancy and confidentiality, bad input, the public page."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.woo import services
from raadhuis.woo.models import Beoordeling, DossierItem, WooVerzoek
from tests.woo.conftest import make_pdf


@pytest.fixture
def dossier(woo_setup):
    a = woo_setup["a"]
    with tenancy.scope_for([a.pk]):
        verzoek = services.create_verzoek(
            a,
            onderwerp="Bomenkap",
            verzoeker="J. Jansen",
            ontvangen_op=timezone.localdate() - timedelta(days=2),
        )
        document = services.import_pdf(a, make_pdf(), titel="Brief over de bomenkap")
        secret = services.import_pdf(a, make_pdf(), titel="Geheime notitie", vertrouwelijkheid="geheim")
        item = services.add_to_dossier(verzoek, [document])[0]
        secret_item = DossierItem.objects.create(
            organisation=a, verzoek=verzoek, document=secret, volgnummer=9
        )
    return {"verzoek": verzoek, "item": item, "secret_item": secret_item, "document": document}


def test_employee_screens_need_login_and_the_woo_role(client, employee_client, employees, dossier):
    assert client.get("/woo/").status_code == 302  # to the login
    behandelaar = employee_client(employees["behandelaar"])
    assert behandelaar.get("/woo/").status_code == 403


def test_other_municipalitys_jurist_gets_404_everywhere(employee_client, employees, dossier):
    other = employee_client(employees["jurist_b"])
    verzoek, item = dossier["verzoek"], dossier["item"]
    for url in (
        f"/woo/verzoek/{verzoek.uuid}/",
        f"/woo/document/{item.uuid}/",
        f"/woo/document/{item.uuid}/pagina/1.png",
        f"/woo/verzoek/{verzoek.uuid}/inventaris.csv",
    ):
        assert other.get(url).status_code == 404, url
    assert other.post(f"/woo/verzoek/{verzoek.uuid}/publiceren/").status_code == 404
    page = other.get("/woo/verzoek/", follow=True)
    assert page.status_code == 404


def test_search_shows_own_documents_and_hides_secret_ones(employee_client, employees, dossier, woo_setup):
    with tenancy.scope_for([woo_setup["b"].pk]):
        services.import_text(woo_setup["b"], "bomenkap in Beestad", titel="Beestad bomenkap")
    jurist = employee_client(employees["jurist_a"])
    page = jurist.get(f"/woo/verzoek/{dossier['verzoek'].uuid}/", {"q": "bomenkap"}).content.decode()
    assert "Brief over de bomenkap" in page
    assert "Beestad" not in page and "Geheime notitie" not in page.split("Archief doorzoeken")[1]


def test_a_document_above_the_jurists_level_cannot_be_reviewed(employee_client, employees, dossier):
    jurist = employee_client(employees["jurist_a"])
    assert jurist.get(f"/woo/document/{dossier['secret_item'].uuid}/").status_code == 404


def test_review_screen_shows_proposals_and_page_images(employee_client, employees, dossier):
    jurist = employee_client(employees["jurist_a"])
    item = dossier["item"]
    page = jurist.get(f"/woo/document/{item.uuid}/")
    assert page.status_code == 200
    assert "5.1.1e" in page.content.decode() and "123456782" in page.content.decode()
    image = jurist.get(f"/woo/document/{item.uuid}/pagina/1.png")
    assert image["Content-Type"] == "image/png" and image.content[:4] == b"\x89PNG"
    assert jurist.get(f"/woo/document/{item.uuid}/pagina/7.png").status_code == 404


def test_review_forms_give_dutch_errors(employee_client, employees, dossier):
    jurist = employee_client(employees["jurist_a"])
    url = f"/woo/document/{dossier['item'].uuid}/"
    page = jurist.post(url, {"actie": "lakking", "grond": "9.9"}).content.decode()
    assert "Selecteer een geldige keuze" in page or "geldige" in page
    page = jurist.post(url, {"actie": "lakking", "grond": "5.1.2e"}).content.decode()
    assert "Geef een tekst" in page
    page = jurist.post(
        url, {"actie": "beoordeling", "beoordeling": "deels_openbaar", "motivering": "x"}
    ).content.decode()
    assert "Motiveer" in page
    page = jurist.post(
        url,
        {
            "actie": "lakking",
            "grond": "5.1.2e",
            "pagina": "1",
            "x0": "50",
            "y0": "50",
            "x1": "10",
            "y1": "60",
        },
    ).content.decode()
    assert "kader ligt niet" in page


def test_import_refuses_wrong_types_and_broken_pdfs(employee_client, employees, woo_setup):
    jurist = employee_client(employees["jurist_a"])
    page = jurist.post(
        "/woo/import/", {"bestand": SimpleUploadedFile("x.exe", b"MZ\x90"), "vertrouwelijkheid": "openbaar"}
    ).content.decode()
    assert "niet ondersteund" in page
    page = jurist.post(
        "/woo/import/",
        {"bestand": SimpleUploadedFile("x.pdf", b"%PDF-1.4 kapot"), "vertrouwelijkheid": "openbaar"},
    ).content.decode()
    assert "PDF" in page and "geïmporteerd" not in page
    ok = jurist.post(
        "/woo/import/",
        {"bestand": SimpleUploadedFile("brief.pdf", make_pdf()), "vertrouwelijkheid": "openbaar"},
        follow=True,
    )
    assert "1 document(en) geïmporteerd" in ok.content.decode()


def test_register_request_with_field_errors(employee_client, employees, woo_setup):
    jurist = employee_client(employees["jurist_a"])
    page = jurist.post(
        "/woo/", {"onderwerp": "", "verzoeker": "X", "ontvangen_op": "gisteren"}
    ).content.decode()
    assert "Dit veld is vereist" in page and "Voer een geldige datum in" in page
    created = jurist.post(
        "/woo/",
        {
            "onderwerp": "Subsidies 2024",
            "verzoeker": "Krant",
            "ontvangen_op": timezone.localdate().isoformat(),
        },
        follow=True,
    )
    assert "geregistreerd" in created.content.decode()


def test_full_path_to_the_public_page(client, employee_client, employees, dossier):
    jurist = employee_client(employees["jurist_a"])
    verzoek, item = dossier["verzoek"], dossier["item"]
    with tenancy.system_scope():
        dossier["secret_item"].delete()
    assert jurist.get(f"/woo/document/{item.uuid}/").status_code == 200  # runs detection
    assert jurist.post(f"/woo/document/{item.uuid}/alles-accepteren/").status_code == 302
    jurist.post(
        f"/woo/document/{item.uuid}/",
        {
            "actie": "beoordeling",
            "beoordeling": Beoordeling.DEELS_OPENBAAR,
            "motivering": "Namen en contactgegevens van de aanvrager gelakt.",
        },
    )
    assert jurist.get(f"/woo/verzoek/{verzoek.uuid}/inventaris.xlsx").content[:2] == b"PK"
    jurist.post(f"/woo/verzoek/{verzoek.uuid}/publiceren/")
    with tenancy.system_scope():
        assert WooVerzoek.objects.get(pk=verzoek.pk).gepubliceerd_op is not None
    slug = dossier["verzoek"].organisation.slug
    index = client.get(f"/woo/openbaar/{slug}/").content.decode()
    assert "Bomenkap" in index and "Convenanten" in index  # art. 3.3 categories
    detail = client.get(f"/woo/openbaar/{slug}/{verzoek.uuid}/").content.decode()
    assert "Brief over de bomenkap" in detail and "5.1.2e" in detail
    pdf = client.get(f"/woo/openbaar/document/{item.uuid}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and b"123456782" not in pdf.content
    assert str(item.uuid) in client.get("/woo/openbaar/sitemap.xml").content.decode()
    assert (
        "diwoo:officieleTitel"
        in client.get(f"/woo/openbaar/{slug}/{verzoek.uuid}/diwoo.xml").content.decode()
    )
    assert client.get(f"/woo/openbaar/{slug}/{verzoek.uuid}/inventarislijst.csv").status_code == 200


def test_unpublished_requests_are_not_public(client, dossier):
    slug = dossier["verzoek"].organisation.slug
    assert client.get(f"/woo/openbaar/{slug}/{dossier['verzoek'].uuid}/").status_code == 404
    assert client.get(f"/woo/openbaar/document/{dossier['item'].uuid}.pdf").status_code == 404
    assert client.get("/woo/openbaar/bestaat-niet/").status_code == 404


def test_release_waits_two_weeks_after_a_third_party_objected(dossier):
    verzoek = dossier["verzoek"]
    with tenancy.scope_for([verzoek.organisation_id]):
        verzoek.besluit_bekendgemaakt = timezone.localdate()
        verzoek.gepubliceerd_op = timezone.now()
        verzoek.derde_bedenkingen = True
        verzoek.save()
        assert not services.is_released(verzoek)
        assert services.is_released(verzoek, timezone.localdate() + timedelta(days=14))


def test_administrator_keeps_the_public_officials_of_their_own_organisation(employee_client, woo_setup):
    from tests.factories import member

    with tenancy.system_scope():
        beheerder = member(woo_setup["a"], "beheerder", username="beheerder-a", is_staff=True)
    admin = employee_client(beheerder)
    page = admin.get("/admin/woo/publicterm/add/")
    assert page.status_code == 200
    content = page.content.decode()
    assert woo_setup["a"].name in content and woo_setup["b"].name not in content
