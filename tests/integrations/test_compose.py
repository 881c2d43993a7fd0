"""deploy/compose.yaml: the processes docs/operations.md describes, configured by JENJANG_* only."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_compose_runs_the_documented_processes_configured_by_jenjang_variables() -> None:
    text = (ROOT / "deploy" / "compose.yaml").read_text()
    compose = yaml.safe_load(text)
    services = compose["services"]
    assert set(services) == {"db", "migrate", "web1", "web2", "dispatcher", "scheduler", "proxy"}
    commands = {name: " ".join(s.get("command", [])) for name, s in services.items()}
    assert commands["migrate"] == "jenjang migrate"
    assert commands["web1"] == commands["web2"] == "jenjang serve"
    assert commands["dispatcher"].startswith("jenjang dispatch")
    assert "jenjang tick" in commands["scheduler"]
    # servers wait for the migration (migrations first)
    assert services["web1"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    # every variable the operator sets is a JENJANG_* one
    assert set(re.findall(r"\$\{(\w+)", text)) <= {
        "JENJANG_DB_PASSWORD",
        "JENJANG_DOMAIN",
        "JENJANG_VERSION",
    }
    example = (ROOT / "deploy" / "jenjang.env.example").read_text().splitlines()
    assert all(line.startswith("JENJANG_") for line in example if line and line[0] != "#")
    assert "{$JENJANG_DOMAIN}" in (ROOT / "deploy" / "Caddyfile").read_text()
