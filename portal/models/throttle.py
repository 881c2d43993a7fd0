"""Counters of the rate limit and the login throttle, shared by every server process."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class RateCounter(Model):
    """Hits of one key (a principal, an account, a client address) in one fixed time window.

    Incremented with one atomic upsert (``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``) on
    PostgreSQL and SQLite alike; rows of past windows are deleted now and then.
    """

    id = fields.BigIntField(primary_key=True)
    key = fields.CharField(max_length=200)
    window = fields.BigIntField()  # start of the window, seconds since the epoch
    hits = fields.IntField(default=0)
    expires = fields.BigIntField(db_index=True)  # seconds since the epoch: delete after

    class Meta:
        table = "rate_counter"
        unique_together = (("key", "window"),)
