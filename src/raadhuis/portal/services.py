"""The door of the portal for other components (werkplek, klantcontact): messages to residents."""

from __future__ import annotations

from raadhuis.portal.models import Message


def send_message_to_resident(
    *, organisation, subject: str, body: str, bsn: str = "", kvk: str = "", zaak_uuid=None
) -> Message:
    """Put a message from the municipality in the resident's portal inbox."""
    if not bsn and not kvk:
        raise ValueError("A message needs the resident's BSN or KvK number.")
    return Message.objects.create(
        organisation=organisation,
        bsn=bsn,
        kvk="" if bsn else kvk,
        zaak_uuid=zaak_uuid,
        direction=Message.Direction.TO_RESIDENT,
        subject=subject[:200],
        body=body,
    )


def messages_of(*, bsn: str = "", kvk: str = "", zaak_uuid=None) -> list[Message]:
    lookup = {"bsn": bsn} if bsn else {"kvk": kvk, "bsn": ""}
    if zaak_uuid is not None:
        lookup["zaak_uuid"] = zaak_uuid
    return list(Message.objects.filter(**lookup))


def published_products(organisation) -> list[dict]:
    """The published products of a municipality as plain text with the path of their page
    (for the chatbot's knowledge base): slug, name, text and url."""
    from django.urls import reverse

    from raadhuis.portal.models import Product

    products = Product.objects.filter(organisation=organisation, published=True).order_by("name")
    return [
        {
            "slug": product.slug,
            "name": product.name,
            "keywords": product.keywords,
            "text": "\n".join(
                part
                for part in (product.summary, product.description, product.conditions, product.costs,
                             product.how_to_apply)
                if part
            ),
            "url": reverse("portal:product", kwargs={"org": organisation.slug, "slug": product.slug}),
        }
        for product in products
    ]


def melding_categories() -> dict[str, str]:
    """The categories of a melding openbare ruimte (key -> Dutch label)."""
    from raadhuis.portal.views_melding import CATEGORIES

    return {key: str(label) for key, label in CATEGORIES}


def create_melding(
    organisation, *, category: str, description: str, location_text: str = "", postcode: str = "",
    huisnummer: int | None = None, email: str = "", photo=None,
):
    """Register a melding openbare ruimte (MOR zaak, first status, melder, photo) as the portal
    form does; the location is a postcode and house number (looked up in the BAG) or free text.
    Returns the zaak, or raises ``LookupError`` when the MOR zaaktype is not published."""
    from raadhuis.portal import views_melding
    from raadhuis.portal.uploads import check_upload
    from raadhuis.zgw.catalogi import services as catalogi

    zaaktype = catalogi.current_zaaktype(views_melding.ZAAKTYPE)
    if zaaktype is None:
        raise LookupError("The MOR zaaktype is not published.")
    point, address = None, location_text
    if postcode and huisnummer:
        found = views_melding.lookup_address(postcode, huisnummer)
        if found is not None:
            point, address = found
    if photo is not None:
        photo.detected_type = check_upload(photo, accept=views_melding.PHOTO_TYPES,
                                           max_bytes=views_melding.PHOTO_MAX)
    data = {"category": category if category in melding_categories() else "overig",
            "description": description, "address": address, "point": point, "email": email, "photo": photo}
    return views_melding.create_melding(organisation, zaaktype, data)


def resident_of(request):
    """The resident logged in on the portal in this session (BSN/KvK), or None."""
    from raadhuis.portal.auth import current_resident

    return current_resident(request)


def portal_page(view):
    """Decorate a view of another component that is a page of Mijn gemeente (e.g. the chat):
    the municipality of the URL's ``org``, its tenant scope and the logged-in resident."""
    from raadhuis.portal.scoping import portal_view

    return portal_view(view)


def render_page(request, template: str, context: dict | None = None, status: int = 200):
    """Render a template that extends ``portal/base.html`` with the municipality's theme."""
    from raadhuis.portal.scoping import page

    return page(request, template, context, status=status)
