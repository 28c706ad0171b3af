"""PostgreSQL: the vectors and their GIN index move to the narrow table search_match, kept by triggers
(search.engines.schema.PG_MATCH_FORWARD), so that a search never reads the wide document rows. Nothing on SQLite."""

from django.db import migrations

from search.engines import schema


class Migration(migrations.Migration):
    dependencies = [("search", "0002_rank_vector")]

    operations = [migrations.RunPython(schema.match_forward, schema.match_backward)]
