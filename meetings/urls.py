from django.urls import path

from .feeds import LatestLettersFeed
from .views import catalog, exports, home, letters, meetings, search

app_name = "meetings"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("bijeenkomsten/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("bijeenkomsten/export.csv", exports.meetings_csv, name="meeting_csv"),
    path("bijeenkomsten/<slug:slug>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path("brieven/", letters.LetterListView.as_view(), name="letter_list"),
    path("brieven/<int:pk>/", letters.LetterDetailView.as_view(), name="letter_detail"),
    path("brieven/<int:pk>/origineel", letters.original_file, name="letter_original"),
    path("bewindspersonen/", catalog.MinisterListView.as_view(), name="minister_list"),
    path("bewindspersonen/<slug:slug>/", catalog.MinisterDetailView.as_view(), name="minister_detail"),
    path("landen/", catalog.CountryListView.as_view(), name="country_list"),
    path("landen/<slug:slug>/", catalog.CountryDetailView.as_view(), name="country_detail"),
    path("landen/<slug:slug>/deelname.csv", exports.country_csv, name="country_csv"),
    path("onderwerpen/", catalog.TopicListView.as_view(), name="topic_list"),
    path("onderwerpen/<slug:slug>/", catalog.TopicDetailView.as_view(), name="topic_detail"),
    path("dekking/", meetings.CoverageView.as_view(), name="coverage"),
    path("feeds/brieven.atom", LatestLettersFeed(), name="letter_feed"),
    path("zoeken/", search.search_page, name="search"),
    path("zoeken/feed.atom", search.SearchFeed(), name="search_feed"),
]
