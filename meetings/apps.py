from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"
    verbose_name = _("NAVO-brieven")

    def ready(self):
        from . import marker
        from .search import signals

        signals.connect(self)
        marker.connect(self)
