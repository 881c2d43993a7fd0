"""A throwaway PostgreSQL cluster on its own free port, for tests that stop and start a database.

Made with the installed server binaries (``initdb``, ``pg_ctl``) in a temporary directory, run as
the ``postgres`` OS user when the tests run as root (``initdb`` refuses root); only 127.0.0.1;
every command is bounded in time; the directory is removed afterwards.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.api.live import free_port

COMMAND_TIMEOUT = 60


def binaries() -> Path | None:
    """The newest installed PostgreSQL ``bin`` directory with ``initdb``, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    return Path(found[-1]).parent if found else None


def _version(path: str) -> int:
    part = Path(path).parents[1].name
    return int(part) if part.isdigit() else 0


@dataclass
class Cluster:
    bindir: Path
    datadir: Path
    port: int
    user: str | None  # run as this OS user (None: as ourselves)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=COMMAND_TIMEOUT)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.datadir} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.datadir / "server.log")
        self._run(
            "pg_ctl", "-D", str(self.datadir / "data"), "-o", options, "-l", log, "-w", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.datadir / "data"), "-m", mode, "-w", "stop")


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """A running cluster (trust authentication, user ``postgres``), removed when the block ends."""
    bindir = binaries()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server binaries installed")
    user = "postgres" if os.geteuid() == 0 else None
    datadir = Path(tempfile.mkdtemp(prefix="jenjang-pg-"))
    if user:
        entry = pwd.getpwnam(user)
        os.chown(datadir, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(bindir, datadir, free_port(), user)
    try:
        cluster._run("initdb", "-D", str(datadir / "data"), "-A", "trust", "-U", "postgres")
        cluster.start()
        yield cluster
    finally:
        with contextlib.suppress(Exception):
            cluster.stop("immediate")
        shutil.rmtree(datadir, ignore_errors=True)
