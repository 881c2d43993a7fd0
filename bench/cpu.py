"""Who spent the CPU of a benchmark run: processes by pid and the whole machine, from /proc.

Linux only; elsewhere every figure is 0. On a shared machine the difference between the
machine's busy time and the benchmark's own processes is the other work that ran meanwhile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_seconds(pid: int) -> float:
    """User and system CPU seconds of one process so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent on anything but idling, since boot."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / _TICK


@dataclass
class Meter:
    """CPU seconds of groups of processes between :meth:`start` and :meth:`stop`."""

    groups: dict[str, list[int]]
    _before: dict[int, float] | None = None
    _machine: float = 0.0

    def start(self) -> None:
        self._before = {p: process_seconds(p) for pids in self.groups.values() for p in pids}
        self._machine = machine_busy_seconds()

    def add(self, group: str, pids: list[int]) -> None:
        """Processes found later (database backends): counted from 0 if they are new."""
        self.groups[group] = sorted(set(self.groups.get(group, [])) | set(pids))

    def stop(self) -> dict[str, float]:
        before = self._before or {}
        spent = {
            group: sum(process_seconds(p) - before.get(p, 0.0) for p in pids)
            for group, pids in self.groups.items()
        }
        spent["machine"] = machine_busy_seconds() - self._machine
        return spent
