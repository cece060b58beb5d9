"""Shared fixtures of the browser tests: Playwright with the system Chromium, and an axe-core scan.

Reusable by every module with pages (portal, werkplek)::

    def test_page(live_server, page, axe_check):
        page.goto(live_server.url + "/portaal/voorbeeldstad/")
        axe_check(page)

The tests skip cleanly when Playwright or ``/usr/bin/chromium`` is missing locally; CI installs
Chromium (``.ci/run``). Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the test's ORM calls are still
# plain synchronous code, which Django would otherwise refuse next to a running loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


def _skip_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) and page; nothing leaves the machine."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1024, "height": 900})
    context.route("**/*", _local_only)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _local_only(route):
    host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
    if host in ("localhost", "127.0.0.1", "[::1]") or route.request.url.startswith("data:"):
        route.continue_()
    else:
        route.abort()  # e.g. PDOK map tiles: the tests run offline


def axe_path() -> Path:
    return Path(settings.PORTAL_NODE_MODULES) / "axe-core" / "axe.min.js"


@pytest.fixture
def log_in(page, live_server):
    """``log_in(user)``: the browser carries a session of ``user`` with a verified second
    factor, as after the werkplek's sign-in."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.factories import verified_device

    def sign_in(user) -> None:
        client = Client()
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
        session.save()
        name = settings.SESSION_COOKIE_NAME
        cookie = {"name": name, "value": client.cookies[name].value, "url": live_server.url}
        page.context.add_cookies([cookie])

    return sign_in


@pytest.fixture
def axe_check():
    """``axe_check(page)``: run axe-core (WCAG 2.1 A/AA) on the page; fail on serious or
    critical violations, listing them. Returns all violations for further checks."""

    def check(page, *, context: str = ""):
        if not axe_path().exists():
            pytest.fail(f"axe-core missing at {axe_path()} (run `make install`)")
        origin = "/".join(page.url.split("/")[:3])
        # Served from the same origin, so the page's content security policy allows it.
        page.add_script_tag(url=f"{origin}{settings.STATIC_URL}vendor/axe-core/axe.min.js")
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
        if blocking:
            lines = [f"{v['impact']}: {v['id']} – {v['help']} "
                     f"({', '.join(str(n['target'][0]) for n in v['nodes'][:3])})" for v in blocking]
            pytest.fail(f"Accessibility violations on {context or page.url}:\n" + "\n".join(lines))
        return result["violations"]

    return check
