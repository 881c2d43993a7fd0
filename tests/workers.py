"""How the suite is spread over pytest-xdist's worker processes (``--dist loadgroup``).

Each test goes to whichever worker is free, except the tests of a module whose module-scoped
fixture is costly (the demo loaded once per backend, the demo served to Chromium): those go to
one worker together, which so makes the fixture once. Such groups are handed out first (xdist
orders work by its number of tests), so the longest of them does not end the run alone.

xdist's own ``xdist_group`` mark would say the same, but with pytest 9.2 xdist 3.8 cannot apply
it (it renames the test's node id, which pytest 9.2 no longer allows): this scheduler groups by
module instead, and still honours the mark where xdist applies it.
"""

from __future__ import annotations

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadGroupScheduling

# Modules with a module-scoped fixture; tests/foundation/test_test_databases.py keeps it whole.
SHARED_FIXTURE_MODULES = frozenset(
    {
        "tests/foundation/test_demo_data.py",
        "tests/foundation/test_demo_development.py",
        "tests/web/test_browser.py",
    }
)


class ModuleGroups(LoadGroupScheduling):
    """xdist's load-group scheduling, with the modules above as groups."""

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return module if module in SHARED_FIXTURE_MODULES else super()._split_scope(nodeid)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> ModuleGroups | None:
    if config.getvalue("dist") != "loadgroup":
        return None  # another --dist given on the command line: xdist's own
    return ModuleGroups(config, log)
