"""The daily check-in reminder's time moves from the calendar feed onto the profile (a profile setting,
carried in the journal export); any time already set is kept."""

from typing import Any

from django.db import migrations, models


def reminder_to_profile(apps: Any, schema_editor: Any) -> None:
    feeds = apps.get_model("journal", "CalendarFeed").objects.filter(reminder_time__isnull=False)
    profiles = apps.get_model("journal", "Profile").objects
    for feed in feeds:
        profiles.update_or_create(user_id=feed.user_id, defaults={"checkin_reminder": feed.reminder_time})


def reminder_to_feed(apps: Any, schema_editor: Any) -> None:
    profiles = apps.get_model("journal", "Profile").objects.filter(checkin_reminder__isnull=False)
    feeds = apps.get_model("journal", "CalendarFeed").objects
    for profile in profiles:
        feeds.update_or_create(user_id=profile.user_id, defaults={"reminder_time": profile.checkin_reminder})


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0011_share_link"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="checkin_reminder",
            field=models.TimeField(blank=True, null=True, verbose_name="check-in reminder"),
        ),
        migrations.RunPython(reminder_to_profile, reminder_to_feed),
        migrations.RemoveField(model_name="calendarfeed", name="reminder_time"),
    ]
