"""KCC employees read and answer conversations; functional administrators keep the FAQ."""

from raadhuis.platform.models import Role
from raadhuis.platform.roles import grant

grant(Role.KCC, "klantcontact.view_klantcontact", "klantcontact.view_gesprek", "klantcontact.view_faq")
# The KCC console (views_kcc): record contacts, follow up tasks. Klantcontacten are never changed.
grant(
    Role.KCC,
    "klantcontact.add_klantcontact",
    "klantcontact.view_partij",
    "klantcontact.add_partij",
    "klantcontact.view_internetaak",
    "klantcontact.add_internetaak",
    "klantcontact.change_internetaak",
)
grant(
    Role.BEHEERDER,
    "klantcontact.view_faq",
    "klantcontact.add_faq",
    "klantcontact.change_faq",
    "klantcontact.delete_faq",
    "klantcontact.view_klantcontact",
)
