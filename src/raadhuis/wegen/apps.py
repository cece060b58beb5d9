from django.apps import AppConfig


class WegenConfig(AppConfig):
    name = "raadhuis.wegen"
    label = "wegen"
    verbose_name = "Wegen: weginspectie uit voertuigsensoren"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from raadhuis.wegen import demo, streams  # noqa: F401 - register the demo loader and the stream handler
