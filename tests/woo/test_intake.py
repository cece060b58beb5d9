"""Intake through the one door: the requester as initiator and the term in the receipt status."""

from datetime import date

import pytest

from raadhuis.platform import tenancy
from raadhuis.woo import services
from raadhuis.woo.models import WooVerzoek
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.catalogi.models import Roltype
from raadhuis.zgw.zaken import services as zaken


@pytest.fixture
def scope_a(woo_setup):
    with tenancy.scope_for([woo_setup["a"].pk]):
        yield woo_setup["a"]


def test_the_first_status_states_the_term_and_the_requester_is_initiator(scope_a):
    zaaktype = catalogi.current_zaaktype("WOO", date(2025, 1, 6))
    Roltype.objects.create(zaaktype=zaaktype, omschrijving="Aanvrager", omschrijving_generiek="initiator")
    verzoek = services.create_verzoek(
        scope_a, onderwerp="Bomenkap", verzoeker="J. Jansen", ontvangen_op=date(2025, 1, 6),
        bsn="999990019", email="j@example.nl",
    )
    zaak = zaken.get_zaak(verzoek.zaak_uuid)
    toelichting = zaken.current_status(zaak).statustoelichting
    assert "06-01-2025" in toelichting and "03-02-2025" in toelichting  # Woo 4.4: 4 weeks after receipt
    [rol] = zaak.rollen.all()
    assert (rol.inp_bsn, rol.contactpersoon_rol_emailadres) == ("999990019", "j@example.nl")


def test_an_employee_registration_without_contact_details_makes_no_rol(scope_a):
    verzoek = services.create_verzoek(scope_a, onderwerp="x", verzoeker="NRC", ontvangen_op=date(2025, 1, 6))
    assert not zaken.get_zaak(verzoek.zaak_uuid).rollen.exists()


def test_a_requester_needs_an_initiator_roltype(scope_a):
    with pytest.raises(services.WooError, match="roltype initiator"):
        services.create_verzoek(
            scope_a, onderwerp="x", verzoeker="y", ontvangen_op=date(2025, 1, 6), email="y@example.nl"
        )
    assert not WooVerzoek.objects.exists()
