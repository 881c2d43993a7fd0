"""User accounts: a one-time link opens the account, roles and deactivation, admin guards."""

from __future__ import annotations

import httpx

from portal.app import build_app
from portal.auth import issue_access_token
from portal.models import PasswordLink, User
from portal.settings import Settings
from portal.vocabulary import Role
from schema import schema
from schema.context import Context
from tests import factories
from tests.personnel.world import run, world

CREATE = """
mutation Create($input: CreateUserAccountInput!, $key: String) {
  createUserAccount(input: $input, idempotencyKey: $key) {
    __typename
    ... on PasswordLinkIssued { url user { id username isActive roles employee { nip } } }
    ... on Error { message }
  }
}
"""
ROLES = """
mutation Roles($input: SetUserRolesInput!) {
  setUserRoles(input: $input) {
    __typename
    ... on UserAccountSaved { user { roles } }
    ... on Error { message }
  }
}
"""
ACTIVE = """
mutation Active($input: SetUserActiveInput!) {
  setUserActive(input: $input) { __typename ... on Error { message } }
}
"""
ACCOUNTS = "{ userAccounts { username roles } }"
VIEWER = "{ viewer { username } }"


def _client(settings: Settings) -> httpx.AsyncClient:
    app = build_app(settings, manage_db=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def test_a_new_account_is_opened_once_by_its_link_and_closed_by_deactivation(db) -> None:
    # given
    w = await world()
    settings = Settings(database_url=db.url)
    head = w.gid("Employee", w.office.head.id)
    data = {"username": "Kepala.Serang", "roles": ["EMPLOYEE"], "employeeId": head}
    created = (await run(w.viewers["hr"], CREATE, input=data, key="acct-1"))["createUserAccount"]
    retried = (await run(w.viewers["hr"], CREATE, input=data, key="acct-1"))["createUserAccount"]
    token = created["url"].split("#token=", 1)[1]
    new_password = "kepala-bkpsdm-2026"
    async with _client(settings) as http:
        # when
        short = await http.post("/auth/password", data={"token": token, "password": "pendek"})
        opened = await http.post("/auth/password", data={"token": token, "password": new_password})
        spent = await http.post(
            "/auth/password",
            data={"token": token, "password": "another-password-123"},
            headers={"Accept-Language": "en"},
        )
        login = await http.post(
            "/auth/token", data={"username": "kepala.serang", "password": new_password}
        )
        bearer = {"Authorization": f"Bearer {login.json()['access_token']}"}
        before = await http.post("/graphql", json={"query": VIEWER}, headers=bearer)
        await run(w.viewers["hr"], ACTIVE, input={"userId": created["user"]["id"], "active": False})
        after = await http.post("/graphql", json={"query": VIEWER}, headers=bearer)
    # then
    assert created["user"]["username"] == "kepala.serang"
    assert created["user"]["employee"] == {"nip": w.office.head.nip}
    assert retried["url"] is None and retried["user"] == created["user"]
    assert short.status_code == 400 and "12 karakter" in short.json()["error_description"]
    assert opened.status_code == 200
    assert spent.status_code == 400 and "not valid" in spent.json()["error_description"]
    assert login.status_code == 200
    assert before.json()["data"]["viewer"] == {"username": "kepala.serang"}
    assert after.status_code == 401
    assert await PasswordLink.filter(used_at=None).count() == 0


async def test_only_an_admin_grants_admin_or_touches_an_admin_and_nobody_their_own(db) -> None:
    # given
    w = await world()
    staff_user = w.gid("UserAccount", w.office.staff_user.id)
    admin = await User.get(username="admin.serang")
    admin_id = w.gid("UserAccount", admin.id)
    # when
    hr_grants_admin = await run(
        w.viewers["hr"], ROLES, input={"userId": staff_user, "roles": ["EMPLOYEE", "ADMIN"]}
    )
    hr_on_admin = await run(w.viewers["hr"], ACTIVE, input={"userId": admin_id, "active": False})
    admin_on_self = await run(
        w.viewers["admin"], ROLES, input={"userId": admin_id, "roles": ["EMPLOYEE"]}
    )
    admin_grants = await run(
        w.viewers["admin"], ROLES, input={"userId": staff_user, "roles": ["EMPLOYEE", "HR"]}
    )
    no_roles = await run(w.viewers["admin"], ROLES, input={"userId": staff_user, "roles": []})
    # then
    assert hr_grants_admin["setUserRoles"]["__typename"] == "NotPermitted"
    assert hr_on_admin["setUserActive"]["__typename"] == "NotPermitted"
    assert admin_on_self["setUserRoles"]["__typename"] == "NotPermitted"
    assert sorted(admin_grants["setUserRoles"]["user"]["roles"]) == ["EMPLOYEE", "HR"]
    assert no_roles["setUserRoles"]["__typename"] == "ValidationFailed"
    assert (await User.get(id=admin.id)).is_active


async def test_user_accounts_are_listed_for_hr_and_admin_only(db) -> None:
    # given
    w = await world()
    # when
    listed = await run(w.viewers["admin"], ACCOUNTS)
    refused = {}
    for role in ("employee", "supervisor", "committee", "write_token"):
        context = Context(settings=Settings(), viewer=w.viewers[role], language="en")
        result = await schema.execute(ACCOUNTS, context_value=context)
        refused[role] = result.errors[0].message if result.errors else None
    # then
    names = [a["username"] for a in listed["userAccounts"]]
    assert "pegawai.serang" in names and "hr.tangsel" not in names
    assert set(refused.values()) == {"Only HR and administrators see user accounts."}


async def test_a_deactivated_users_access_token_stops_working(db) -> None:
    # given
    w = await world()
    settings = Settings(database_url=db.url)
    user = await factories.user(w.office.agency, "tamu.serang", Role.EMPLOYEE)
    token = issue_access_token(user=user, secret=settings.secret_key, ttl_seconds=600)
    # when
    await run(
        w.viewers["hr"], ACTIVE, input={"userId": w.gid("UserAccount", user.id), "active": False}
    )
    async with _client(settings) as http:
        answer = await http.post(
            "/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {token}"}
        )
    # then
    assert answer.status_code == 401
