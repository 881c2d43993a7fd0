"""``jenjang user create`` bootstraps the first administrator of an agency."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from portal import db as portal_db
from portal.auth import verify_password
from portal.cli import app as cli
from portal.models import Agency, AuditEntry, User, UserRole
from portal.models.base import column_values
from portal.settings import get_settings
from portal.vocabulary import Role


@pytest.fixture
def url(database: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("JENJANG_DATABASE_URL", database.url)
    get_settings.cache_clear()
    yield database.url
    get_settings.cache_clear()


def _in_db(url: str, work: Any) -> Any:
    async def runner() -> Any:
        await portal_db.init_db(url)
        try:
            return await work()
        finally:
            await portal_db.close_db()

    return asyncio.run(runner())


def test_user_create_makes_an_admin_with_a_password_and_an_audit_entry(url: str) -> None:
    # given
    _in_db(url, lambda: Agency.create(code="serang", name="Pemerintah Kota Serang"))
    args = ["user", "create", "--agency", "serang", "--username", "Admin.Serang"]
    # when
    short = CliRunner().invoke(cli, args, input="pendek\npendek\n")
    made = CliRunner().invoke(cli, args, input="admin-password-2026\nadmin-password-2026\n")
    again = CliRunner().invoke(cli, args, input="admin-password-2026\nadmin-password-2026\n")

    async def check() -> tuple[bool, list[Role], list[str]]:
        user = await User.get(username="admin.serang")
        roles = await column_values(UserRole.filter(user=user), "role", Role)
        actions = await column_values(AuditEntry.all(), "actor_username", str)
        return verify_password(user.password_hash, "admin-password-2026"), roles, actions

    # then
    assert short.exit_code == 1
    assert made.exit_code == 0, made.output
    assert "created admin.serang (ADMIN)" in made.output
    assert again.exit_code == 1
    assert _in_db(url, check) == (True, ["ADMIN"], ["cli"])
