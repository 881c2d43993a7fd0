"""The time source; tests set it, everything else reads it (never ``datetime.now`` directly)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


class Clock:
    """UTC now, frozen or shifted by tests."""

    def __init__(self) -> None:
        self._frozen: datetime | None = None
        self._offset = timedelta(0)

    def now(self) -> datetime:
        if self._frozen is not None:
            return self._frozen
        return datetime.now(UTC) + self._offset

    def today(self) -> date:
        return self.now().date()

    def freeze(self, moment: datetime) -> None:
        """Stop the clock at ``moment`` (must be timezone-aware)."""
        if moment.tzinfo is None:
            raise ValueError("freeze needs an aware datetime")
        self._frozen = moment.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        if self._frozen is not None:
            self._frozen += delta
        else:
            self._offset += delta

    def reset(self) -> None:
        self._frozen = None
        self._offset = timedelta(0)


clock = Clock()
