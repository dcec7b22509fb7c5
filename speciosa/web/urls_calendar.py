"""URLs of the calendar: its page (reminder time, feed address), the download, and the feed by token."""

from django.urls import path

from speciosa.web.views import calendar

urlpatterns = [
    path("calendar", calendar.calendar_page, name="calendar"),
    path("calendar/reminder", calendar.reminder_save, name="calendar_reminder"),
    path("calendar/feed", calendar.feed_create, name="calendar_feed_create"),
    path("calendar/feed/revoke", calendar.feed_revoke, name="calendar_feed_revoke"),
    path("calendar/speciosa.ics", calendar.calendar_download, name="calendar_download"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]
