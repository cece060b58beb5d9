"""Deploy checks: ``raadhuis check --deploy`` fails on unsafe production settings."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def production_settings(app_configs, **kwargs):
    errors = []
    if not settings.PRODUCTION:
        errors.append(Error("RAADHUIS_MODE is not 'production'.", id="raadhuis.E001"))
    if settings.DEBUG:
        errors.append(Error("DEBUG must be off in production.", id="raadhuis.E002"))
    if len(settings.SECRET_KEY) < 50 or (settings.VAR_DIR / "secret_key").exists() and not settings.PRODUCTION:
        errors.append(Error("SECRET_KEY must be set from the environment, 50+ characters.",
                            id="raadhuis.E003"))
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        errors.append(Error("ALLOWED_HOSTS must name the hosts explicitly.", id="raadhuis.E004"))
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        errors.append(Error("Production needs PostgreSQL (DATABASE_URL), not SQLite.",
                            id="raadhuis.E005"))
    if not (settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE):
        errors.append(Error("Cookies must be secure (SECURE_COOKIES).", id="raadhuis.E006"))
    if not settings.BROKER_URL:
        errors.append(Error("Production needs BROKER_URL for durable background work.",
                            id="raadhuis.E007"))
    return errors
