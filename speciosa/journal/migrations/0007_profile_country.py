from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0006_profile_findings_assessed"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="country",
            field=models.CharField(blank=True, default="", max_length=2, verbose_name="country"),
        ),
    ]
