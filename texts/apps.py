from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class TextsConfig(AppConfig):
    name = "texts"
    verbose_name = _("Tekster")

    def ready(self) -> None:
        # Every app registers the texts a jobcenter can edit in <app>/editable_texts.py (see texts.registry).
        autodiscover_modules("editable_texts")
