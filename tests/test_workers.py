"""The suite's spread over xdist workers keeps each module-scoped fixture on one worker."""

from __future__ import annotations

import re
from pathlib import Path

from tests.workers import SHARED_FIXTURE_MODULES, ModuleGroups

ROOT = Path(__file__).resolve().parent.parent
MODULE_SCOPED = re.compile(r"""@pytest\.fixture\([^)]*scope=["']module["']""")


def test_every_module_with_a_module_scoped_fixture_is_one_group() -> None:
    # given: the test modules that declare a module-scoped fixture
    declaring = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("test_*.py")
        if MODULE_SCOPED.search(path.read_text(encoding="utf-8"))
    }
    # then: each is a group of its own (its tests share one worker), and no group is stale
    assert declaring == SHARED_FIXTURE_MODULES


def test_a_grouped_module_is_one_work_unit_and_any_other_test_its_own() -> None:
    # given: xdist sends the tests of one scope to one worker
    scheduler = ModuleGroups.__new__(ModuleGroups)  # _split_scope reads no state
    browser, other = "tests/web/test_browser.py", "tests/test_nip.py"
    # then
    assert {scheduler._split_scope(f"{browser}::test_{n}") for n in "ab"} == {browser}
    assert scheduler._split_scope(f"{other}::test_a") == f"{other}::test_a"
