from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from meetings.sitemaps import SITEMAPS


def favicon(request):
    # Resolved per request: in production the hashed name exists only after collectstatic.
    return redirect(static("img/favicon.svg"), permanent=True)


admin.site.site_header = "NAVO-brievenarchief: beheer"

urlpatterns = [
    # Browsers ask for /favicon.ico on every page that names none (the admin's).
    path("favicon.ico", favicon),
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/", include("meetings.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("meetings.urls")),
    prefix_default_language=False,
)
