"""How the suite is spread over pytest-xdist's worker processes (``--dist loadgroup``).

Each test goes to whichever worker is free, except the tests of the modules in ``GROUPS``: the
modules of one group go to one worker together, which so makes their costly fixture once (a
module-scoped fixture: the full demo loaded per backend, the demo served to Chromium; or the
session's demo template of tests/databases.py). Groups are handed out first (xdist orders work
by its number of tests), so the longest of them does not end the run alone.

xdist's own ``xdist_group`` mark would say the same, but with pytest 9.2 xdist 3.8 cannot apply
it (it renames the test's node id, which pytest 9.2 no longer allows): this scheduler groups by
module instead, and still honours the mark where xdist applies it.
"""

from __future__ import annotations

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadGroupScheduling

# tests/test_workers.py checks that every module with a module-scoped fixture or the demo
# template is here.
GROUPS = {
    "tests/foundation/test_demo_data.py": "demo-full",
    "tests/web/test_browser.py": "browser",
    "tests/foundation/test_demo_development.py": "demo",
    "tests/workflows/test_demo_chains.py": "demo",
    "tests/workflows/test_demo_requests.py": "demo",
}


class ModuleGroups(LoadGroupScheduling):
    """xdist's load-group scheduling, with the groups of modules above."""

    def _split_scope(self, nodeid: str) -> str:
        group = GROUPS.get(nodeid.split("::", 1)[0])
        return group if group else super()._split_scope(nodeid)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> ModuleGroups | None:
    if config.getvalue("dist") != "loadgroup":
        return None  # another --dist given on the command line: xdist's own
    return ModuleGroups(config, log)
