"""Playwright fixtures driving Debian's Chromium (never a downloaded browser)."""

import asyncio
import os
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from linija.testing.services import service_missing

CHROMIUM = os.environ.get("LINIJA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM):
        service_missing(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_context(chromium):
    context = chromium.new_context(locale="lt-LT", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context, seeded):
    return browser_context.new_page()


@pytest.fixture(autouse=True)
def _no_browser_loop_outside_browser_tests(request):
    """Playwright's sync API leaves its event loop marked as running in the main thread for the
    rest of the session; a later test without the browser would find it, and ``async_to_sync``
    (every broadcast after a commit) refuses to run under a running loop. Hide it from such
    tests, and give it back afterwards."""
    if "chromium" in request.fixturenames:
        yield
        return
    loop = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    yield
    asyncio._set_running_loop(loop)


def outside_the_browser_loop(function, **kwargs):
    """Run a service in a thread of its own: its broadcast after the commit must not meet the
    event loop Playwright leaves in the test's thread."""

    def run():
        try:
            return function(**kwargs)
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(run).result()
