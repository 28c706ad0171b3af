"""Human-readable, unique reference numbers such as ``SMRF-2024-000123``.

One counter row per (prefix, year) is incremented by a single ``INSERT ... ON CONFLICT DO UPDATE ...
RETURNING`` statement, so concurrent submissions never share a number: on PostgreSQL the row lock
is held until the submitting transaction ends, and a rolled-back submission gives its number back.
"""

import re

from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _

REFERENCE_PATTERN = re.compile(r"^[A-Z]{2,8}-\d{4}-\d{6,}$")


class ReferenceCounter(models.Model):
    prefix = models.CharField(_("prefix"), max_length=16)
    year = models.PositiveIntegerField(_("year"))
    last_value = models.PositiveBigIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="records_reference_counter_unique")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last_value}"


def format_reference(prefix, year, value, width=6):
    return f"{prefix}-{year}-{value:0{width}d}"


def _upsert_sql():
    quote = connection.ops.quote_name
    table = quote(ReferenceCounter._meta.db_table)
    prefix, year, last = quote("prefix"), quote("year"), quote("last_value")
    return (
        f"INSERT INTO {table} ({prefix}, {year}, {last}) VALUES (%s, %s, 1) "
        f"ON CONFLICT ({prefix}, {year}) DO UPDATE SET {last} = {table}.{last} + 1 "
        f"RETURNING {last}"
    )


def next_value(prefix, year):
    """Take the next number of the (prefix, year) sequence, atomically."""
    if connection.vendor in ("postgresql", "sqlite"):
        with connection.cursor() as cursor:
            cursor.execute(_upsert_sql(), [prefix, year])
            return cursor.fetchone()[0]
    with transaction.atomic():  # other databases: lock the row
        ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
        counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
        counter.last_value += 1
        counter.save(update_fields=["last_value"])
        return counter.last_value


def next_reference(prefix, year, width=6):
    """The next reference number, e.g. ``next_reference("SMRF", 2024)`` -> ``"SMRF-2024-000124"``.

    Call it inside the transaction that stores the record, so a failed store returns the number.
    """
    return format_reference(prefix, year, next_value(prefix, year), width)


def reserve_up_to(prefix, year, value):
    """Make sure the sequence continues after ``value`` (used after records were bulk-created)."""
    with transaction.atomic():
        counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(prefix=prefix, year=year)
        if counter.last_value < value:
            counter.last_value = value
            counter.save(update_fields=["last_value"])
