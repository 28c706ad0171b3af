"""PostgreSQL: a small vector of the title, summary and tags beside the full one, to rank results on
(search.engines.schema.PG_RANK_FORWARD). Nothing on SQLite."""

from django.db import migrations

from search.engines import schema


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(schema.rank_forward, schema.rank_backward)]
