from django.contrib.admin.apps import AdminConfig


class RaadhuisAdminConfig(AdminConfig):
    """Django's admin, with the two-factor admin site as default site."""

    default_site = "raadhuis.platform.accounts.admin_site.RaadhuisAdminSite"
