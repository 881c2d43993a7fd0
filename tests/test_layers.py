"""The layering holds: no import runs back up (contracts in pyproject.toml, by import-linter)."""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_imports_point_one_way_down_the_layers() -> None:
    # given the contracts in pyproject.toml; when linted; then every contract is kept
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True) == 0
