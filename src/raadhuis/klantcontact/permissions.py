"""KCC employees read and answer conversations; functional administrators keep the FAQ."""

from raadhuis.platform.models import Role
from raadhuis.platform.roles import grant

grant(Role.KCC, "klantcontact.view_klantcontact", "klantcontact.view_gesprek", "klantcontact.view_faq")
grant(
    Role.BEHEERDER,
    "klantcontact.view_faq",
    "klantcontact.add_faq",
    "klantcontact.change_faq",
    "klantcontact.delete_faq",
    "klantcontact.view_klantcontact",
)
