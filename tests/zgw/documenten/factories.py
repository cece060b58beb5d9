"""Documents for other components' tests: ``make_document(iot)`` → the document's URL.

Once the Documenten component is installed, the Zaken and Besluiten components resolve
informatieobject URLs through it (zrc-003, brc-003): a test that relates a document needs a
real one, made here through the service as the API would.
"""

from datetime import date

from raadhuis.platform import tenancy
from raadhuis.zgw.documenten import services

HOST = "http://testserver"


def make_document(informatieobjecttype, *, host: str = HOST, **values) -> str:
    organisation = informatieobjecttype.organisation
    attrs = {
        "bronorganisatie": organisation.rsin,
        "creatiedatum": date(2025, 3, 1),
        "titel": "Bijlage",
        "auteur": "Test",
        "taal": "nld",
        "informatieobjecttype": informatieobjecttype,
        **values,
    }
    with tenancy.scope_for([organisation.pk]):
        version = services.create_document(attrs)
    return f"{host}/documenten/api/v1/enkelvoudiginformatieobjecten/{version.document.uuid}"
