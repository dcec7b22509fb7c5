
from django.db import migrations, models

#: SQLite only: the full-text index (FTS5, porter stemming over unicode61) and its vocabulary (fts5vocab,
#: for typo correction). PostgreSQL builds its SearchVector in the query (speciosa.journal.search).
FTS_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS journal_search_fts USING fts5("
    "title, text, doc_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS journal_search_vocab USING fts5vocab(journal_search_fts, 'row')",
)
FTS_DROP = ("DROP TABLE IF EXISTS journal_search_vocab", "DROP TABLE IF EXISTS journal_search_fts")


def fts_create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in FTS_CREATE:
            schema_editor.execute(sql)


def fts_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in FTS_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0013_taper_and_selfchecks'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchIndexState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('digest', models.CharField(max_length=64)),
                ('built_at', models.DateTimeField()),
                ('documents', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=16)),
                ('key', models.CharField(max_length=200)),
                ('title', models.TextField()),
                ('url', models.TextField()),
                ('text', models.TextField()),
                ('sources', models.JSONField(default=list)),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.UniqueConstraint(fields=('kind', 'key'), name='search_document_kind_key')],
            },
        ),
        migrations.RunPython(fts_create, fts_drop),
    ]
