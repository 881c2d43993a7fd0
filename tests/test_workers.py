"""The suite's spread over xdist workers keeps each costly shared fixture on one worker."""

from __future__ import annotations

import re
from pathlib import Path

from tests.workers import GROUPS, ModuleGroups

ROOT = Path(__file__).resolve().parent.parent
MODULE_SCOPED = re.compile(r"""@pytest\.fixture\([^)]*scope=["']module["']""")
USES_DEMO_TEMPLATE = re.compile(r"\bdemo_db\b|\bdemo_database\b|\.demo\(")


def _modules(pattern: re.Pattern[str]) -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("test_*.py")
        if path.name != "test_workers.py" and pattern.search(path.read_text(encoding="utf-8"))
    }


def test_every_costly_shared_fixture_is_made_on_one_worker() -> None:
    # given: the modules with a module-scoped fixture, and those reading the demo template
    module_scoped, demo = _modules(MODULE_SCOPED), _modules(USES_DEMO_TEMPLATE)
    # then: each module-scoped one is in a group, the demo readers share one, none is stale
    assert module_scoped <= set(GROUPS)
    assert {GROUPS.get(module) for module in demo} == {"demo"}
    assert set(GROUPS) == module_scoped | demo


def test_a_group_is_one_work_unit_and_any_other_test_its_own() -> None:
    # given: xdist sends the tests of one scope to one worker
    scheduler = ModuleGroups.__new__(ModuleGroups)  # _split_scope reads no state
    demo = ["tests/workflows/test_demo_chains.py", "tests/workflows/test_demo_requests.py"]
    other = "tests/test_nip.py::test_a"
    # then
    assert {scheduler._split_scope(f"{m}::test_a[sqlite]") for m in demo} == {"demo"}
    assert scheduler._split_scope(other) == other
