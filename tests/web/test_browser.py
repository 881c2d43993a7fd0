"""The portal in a real browser (Chromium via Playwright) on the demo data.

One demo server for the module; each person in their own browser context. Every request the
browser makes is intercepted: anything not addressed to the test server fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.databases import Templates
from tests.web.live import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORD,
    LiveServer,
    demo_server,
    require_chromium,
)

pytestmark = pytest.mark.slow

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, templates: Templates) -> Iterator[LiveServer]:
    require_chromium()
    migrated = templates.sqlite()  # a copy of the migrated template: the demo only loads
    with demo_server(
        tmp_path_factory.mktemp("live"), Path(migrated.url.removeprefix("sqlite://"))
    ) as server:
        templates.drop(migrated)
        yield server
        assert not server.outside, f"requests left 127.0.0.1: {server.outside}"


@pytest.fixture(scope="module")
def chromium(live: LiveServer) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """Where screenshots go, or None: taken only when asked for (they cost the suite's CPU)."""
    where = os.environ.get("JENJANG_TEST_ARTEFACTS")
    if os.environ.get("JENJANG_UPDATE_SCREENSHOTS") == "1" and not where:
        return tmp_path_factory.mktemp("artefacts")
    if not where:
        return None
    path = Path(where)
    path.mkdir(parents=True, exist_ok=True)
    return path


class Person:
    """One user in their own browser context, kept on 127.0.0.1."""

    def __init__(self, chromium: Any, live: LiveServer, username: str, **options: Any) -> None:
        self.live = live
        self.context = chromium.new_context(base_url=live.base_url, **options)
        self.context.route("**/*", self._only_local)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.goto("/login")
        self.page.fill("#username", username)
        self.page.fill("#password", PASSWORD)
        self.page.locator("main button[type=submit]").click()
        self.page.wait_for_url(lambda url: "/login" not in url)

    def _only_local(self, route: Any) -> None:
        if route.request.url.startswith(self.live.base_url + "/"):
            route.continue_()
        else:
            self.live.outside.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()


def decide(person: Person, request_path: str, button_text: str = "Simpan keputusan") -> None:
    page = person.page
    page.goto(request_path)
    page.locator("#action").check()  # the first choice: approve
    page.get_by_role("button", name=button_text).click()
    page.wait_for_url(lambda url: "done=approve" in url)


def test_promotion_journey_with_live_queue(chromium: Any, live: LiveServer) -> None:
    from playwright.sync_api import expect

    supervisor = Person(chromium, live, "atasan.serang")
    supervisor.page.goto("/queue")
    employee = Person(chromium, live, "pegawai.serang")
    page = employee.page
    # the employee fills the form, sees the checks with their regulation, then sends
    page.goto("/requests/new/promotion")
    page.locator("#type").check()
    page.fill("#reason", "Sudah lebih dari empat tahun dalam pangkat")
    page.get_by_role("button", name="Lanjut").click()
    expect(page.locator("h1")).to_have_text("Periksa permohonan Anda")
    expect(page.locator("main table")).to_contain_text("PP 99/2000")
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_url(lambda url: "done=submit" in url)
    request_path = page.url.split("?")[0].removeprefix(live.base_url)
    expect(page.locator("[aria-current=step]")).to_have_text("Pemeriksaan atasan")
    # the supervisor's queue shows it without a reload (htmx polling)
    expect(supervisor.page.locator(f'#queue-items a[href="{request_path}"]')).to_be_visible()
    decide(supervisor, request_path)
    for username in ("hr.serang", "komite1.serang", "komite2.serang"):
        approver = Person(chromium, live, username)
        decide(approver, request_path)
        approver.close()
    # the employee sees it approved, with the rank it gives as the outcome
    page.goto(request_path)
    expect(page.locator("main p .tag")).to_have_text("Disetujui")
    outcome = page.locator("section[aria-labelledby=outcome]")
    expect(outcome).to_contain_text("III/c")
    expect(outcome).to_contain_text("TMT")
    supervisor.close()
    employee.close()


def test_return_and_resubmit(chromium: Any, live: LiveServer) -> None:
    from playwright.sync_api import expect

    employee = Person(chromium, live, "pegawai.serang")
    page = employee.page
    page.goto("/requests/new/rotation")
    page.locator("#targetPositionId").select_option(index=1)
    page.fill("#reason", "Penyegaran")
    page.get_by_role("button", name="Lanjut").click()
    send = page.get_by_role("button", name="Kirim permohonan")
    if send.count() == 0:
        pytest.skip("the first vacant position is not open to this employee in the demo")
    send.click()
    page.wait_for_url(lambda url: "done=submit" in url)
    request_path = page.url.split("?")[0].removeprefix(live.base_url)
    supervisor = Person(chromium, live, "atasan.serang")
    s = supervisor.page
    s.goto(request_path)
    s.locator("#action-RETURN").check()
    s.get_by_role("button", name="Simpan keputusan").click()
    expect(s.locator(".error-summary")).to_contain_text("Pilih alasan")  # a reason is needed
    s.locator("#action-RETURN").check()
    s.locator("#reasonCode").select_option("INCOMPLETE_DOCUMENTS")
    s.fill("#comment", "Lengkapi SK terakhir")
    s.get_by_role("button", name="Simpan keputusan").click()
    s.wait_for_url(lambda url: "done=return" in url)
    page.goto(request_path)
    expect(page.locator("main")).to_contain_text("Lengkapi SK terakhir")
    page.fill("#resubmit-comment", "SK sudah dilampirkan")
    page.get_by_role("button", name="Kirim ulang permohonan").click()
    page.wait_for_url(lambda url: "done=resubmit" in url)
    expect(page.locator("[aria-current=step]")).to_have_text("Pemeriksaan atasan")
    supervisor.close()
    employee.close()


def test_other_agencies_and_other_employees_urls_are_404(chromium: Any, live: LiveServer) -> None:
    from playwright.sync_api import expect

    employee = Person(chromium, live, "pegawai.serang")
    employee.page.goto("/requests")
    first = employee.page.locator("main table a").first
    request_path = first.get_attribute("href")
    assert request_path
    employee.close()
    for username in ("pegawai.tangsel", "komite3.tangsel"):
        outsider = Person(chromium, live, username)
        response = outsider.page.goto(request_path)
        assert response is not None and response.status == 404
        expect(outsider.page.locator("h1")).to_have_text("Halaman tidak ditemukan")
        outsider.close()
    # another employee's request, for an employee of the same agency
    hr = Person(chromium, live, "hr.serang")
    hr.page.goto("/queue")
    others = hr.page.locator("#queue-items a[href^='/requests/']").first.get_attribute("href")
    hr.close()
    assert others
    employee = Person(chromium, live, "pegawai.serang")
    response = employee.page.goto(others)
    assert response is not None and response.status == 404
    expect(employee.page.locator("h1")).to_have_text("Halaman tidak ditemukan")
    employee.close()


MAIN_PAGES = {
    "pegawai.serang": [
        "/",
        "/requests",
        "/requests/new/promotion",
        "/development",
        "PROFILE",
        "REQUEST",
    ],
    "atasan.serang": ["/queue", "/delegation", "/notifications"],
    "hr.serang": [
        "/hr",
        "/hr/talent?box=9",
        "/hr/fairness",
        "/hr/budget",
        "/employees",
        "/hr/employees/new",
        "/hr/accounts",
    ],
    "admin.serang": ["/admin", "/admin/webhooks"],
}


def _pages(person: Person, username: str) -> list[tuple[str, str]]:
    """(path, screenshot name) of the user's main pages."""
    paths = []
    for path in MAIN_PAGES[username]:
        name = path.split("?")[0].strip("/").replace("/", "-") or "home"
        if path == "PROFILE":
            person.page.goto("/")
            path = person.page.locator("main a[href^='/employees/']").first.get_attribute("href")
            name = "profile"
        elif path == "REQUEST":
            person.page.goto("/requests")
            path = person.page.locator("main table a").first.get_attribute("href")
            name = "request"
        paths.append((path or "/", name))
    return paths


def test_main_pages_are_accessible_and_photographed(
    chromium: Any, live: LiveServer, artefacts: Path | None
) -> None:
    """Every main page answers in both languages and passes axe (WCAG 2.2 AA) in Indonesian.

    The English page has the same markup, so axe runs once; with JENJANG_TEST_ARTEFACTS (or
    JENJANG_UPDATE_SCREENSHOTS=1) each page is photographed in both languages too.
    """
    problems: list[str] = []
    for username in MAIN_PAGES:
        # axe is injected by the test, so this context alone may bypass the page's CSP
        person = Person(
            chromium, live, username, bypass_csp=True, viewport={"width": 1280, "height": 900}
        )
        for path, name in _pages(person, username):
            for lang in ("id", "en"):
                page = person.page
                response = page.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
                assert response is not None and response.ok, f"{path} [{lang}]"
                assert page.get_attribute("html", "lang") == lang, f"{path} [{lang}]"
                # goto waits for the load event: the pages load nothing after it (the queue's
                # list polls every 3 s), so axe and the camera see the whole page
                if artefacts is not None:
                    page.screenshot(
                        path=artefacts / f"{name}.{lang}.jpg", full_page=True, quality=70
                    )
                if lang != "id":
                    continue  # the same markup in English: checked once
                page.add_script_tag(path=str(AXE))
                result = page.evaluate(
                    "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']})"
                )
                for violation in result["violations"]:
                    if violation["impact"] in ("serious", "critical"):
                        targets = [n["target"] for n in violation["nodes"]][:3]
                        problems.append(f"{path} [{lang}] {violation['id']}: {json.dumps(targets)}")
        person.close()
    # a phone-sized screen: the dashboard still fits
    phone = Person(chromium, live, "pegawai.serang", viewport={"width": 375, "height": 740})
    phone.page.goto("/")
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    if artefacts is not None:
        phone.page.screenshot(path=artefacts / "home.phone.jpg", full_page=True, quality=70)
        if os.environ.get("JENJANG_UPDATE_SCREENSHOTS") == "1":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            for shot in artefacts.glob("*.jpg"):
                shutil.copy(shot, SCREENSHOTS / shot.name)
    phone.close()
    assert not problems, "\n".join(problems)
    assert width <= 380, f"the dashboard scrolls sideways on a phone ({width}px)"


def test_graphiql_runs_from_our_own_files(chromium: Any, live: LiveServer) -> None:
    from playwright.sync_api import Route, expect

    context = chromium.new_context(base_url=live.base_url)
    blocked: list[str] = []

    def only_our_own(route: Route) -> None:
        if route.request.url.startswith(live.base_url + "/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_our_own)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/graphql")
    expect(page.locator(".graphiql-container")).to_be_visible(timeout=15_000)
    context.close()
    live.outside.extend(blocked)
    assert not [e for e in errors if "Content Security Policy" in e], errors
