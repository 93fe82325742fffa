"""Make the README's screenshots against a demo server of a fresh database: the home page on a
phone (docs/screenshot-home.png) and the specialist's console with a chat
(docs/screenshot-console.png), in Debian's Chromium through Playwright.

    .venv/bin/python scripts/screenshots.py
"""

import datetime
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import django
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linija.settings")
django.setup()

from linija.accounts.services import DEMO_ACCOUNTS, DEMO_PASSWORD  # noqa: E402
from linija.testing.browser import CHROMIUM  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
# The line open all day today, so the chat takes a visitor whatever the hour.
OPEN_TODAY = (
    "from datetime import date, time; from linija.hours.models import HoursException; "
    "HoursException.objects.update_or_create(date=date.fromisoformat('{day}'), defaults="
    "{{'closed': False, 'opens': time(0, 0), 'closes': time(23, 59), 'reason': 'Demo'}})"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "uvicorn"),
            "linija.asgi:application",
            *("--host", "127.0.0.1", "--port", str(port), "--lifespan", "off", "--no-access-log"),
        ],
        cwd=ROOT,
        env=env,
    )
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("The demo server did not start.")


def shoot(url: str) -> None:
    specialist = next(account for account in DEMO_ACCOUNTS if account.role == "specialist")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        phone = browser.new_context(locale="lt-LT", viewport={"width": 360, "height": 740})
        visitor = phone.new_page()
        visitor.goto(url + "/")
        visitor.screenshot(path=ROOT / "docs" / "screenshot-home.png")

        desk = browser.new_context(locale="lt-LT", viewport={"width": 1366, "height": 800})
        staff = desk.new_page()
        staff.goto(url + "/staff/login/")
        staff.fill("#id_username", specialist.username)
        staff.fill("#id_password", DEMO_PASSWORD)
        staff.locator("#id_password").press("Enter")
        staff.wait_for_url(url + "/staff/inbox/")
        staff.goto(url + "/staff/chat/")
        staff.check("input[name=presence][value=online]")
        expect(staff.locator("#console-presence-state")).not_to_be_empty()

        visitor.goto(url + "/pokalbis/")
        visitor.fill("#chat-start-form input[type=text]", "Rūta")
        visitor.locator("#chat-start-form button[type=submit]").click()
        staff.locator(".console-queue-item button").first.click()
        visitor.locator("#chat-input").fill("Laba diena, norėtume tapti globėjais. Nuo ko pradėti?")
        visitor.locator("#chat-input").press("Enter")
        pane = staff.locator(".chat-pane:visible")
        expect(pane.locator(".chat-msg-theirs")).to_have_count(1)
        pane.locator(".pane-input").fill(
            "Laba diena! Pirmiausia reikia kreiptis į savo savivaldybės globos centrą."
        )
        pane.locator(".pane-input").press("Enter")
        expect(visitor.locator(".chat-msg-theirs")).to_have_count(1)
        staff.screenshot(path=ROOT / "docs" / "screenshot-console.png")
        browser.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "LINIJA_VAR_DIR": var, "LINIJA_REQUIRE_2FA": "0"}
        manage(env, "migrate", "--noinput")
        manage(env, "demo_load")
        manage(env, "shell", "-c", OPEN_TODAY.format(day=datetime.date.today().isoformat()))
        port = free_port()
        server = serve(env, port)
        try:
            shoot(f"http://127.0.0.1:{port}")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
