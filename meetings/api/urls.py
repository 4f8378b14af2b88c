from django.urls import path, re_path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/<int:pk>/", views.letter_detail, name="letter_detail"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<slug:slug>/", views.country_detail, name="country_detail"),
    path("ministers/", views.minister_list, name="minister_list"),
    path("ministers/<slug:slug>/", views.minister_detail, name="minister_detail"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("search/", views.search, name="search"),
    # Last, and only for addresses ending in a slash, so that "/api/letters" still gets
    # CommonMiddleware's redirect to "/api/letters/".
    re_path(r"^(?P<path>.+/)$", views.not_found),
]
