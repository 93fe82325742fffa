"""What a newcomer meets first: `make run` says plainly that it is development mode, and prints
only addresses it really serves on; the README's configuration table names every variable."""

import os
import re
import signal
import subprocess
import time
import urllib.request

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from linija.privacy.models import DEFAULT_DAYS, RetentionKind
from linija.testing.asgi_server import ROOT, database_url, free_port, wait_until_up

PACKAGE = ROOT / "linija"
BANNER = '<p class="dev-mode" role="note">'


@pytest.mark.parametrize("address", ["/", "/en/", "/staff/inbox/", "/admin/", "/nera/"])
def test_it_marks_every_page_in_development_mode(client, seeded, administrator, settings, address):
    settings.DEBUG = False
    client.force_login(administrator)
    settings.LINIJA_DEV_MODE = True
    assert BANNER in client.get(address).content.decode()
    settings.LINIJA_DEV_MODE = False
    assert BANNER not in client.get(address).content.decode()


def read_until(process: subprocess.Popen, marker: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    output = ""
    while marker not in output:
        assert time.monotonic() < deadline, output
        line = process.stdout.readline()
        assert line or process.poll() is None, output
        output += line
    return output


def test_it_serves_make_run_where_it_says_in_development_mode(transactional_db, seeded, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "LINIJA_VAR_DIR": str(tmp_path),
        "LINIJA_BASE_URL": "https://elsewhere.example",
    }
    for name in ("REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "LINIJA_DEV_MODE"):
        environment.pop(name, None)
    process = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "serve.sh"), "127.0.0.1", str(port)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output = read_until(process, "is running")
        printed = re.findall(r"https?://\S+", output)
        assert len(printed) >= 4, output  # the webhook, three curl calls, the server
        assert all(address.startswith(f"{url}/") for address in printed), output
        assert "DEVELOPMENT MODE" in output
        wait_until_up(url, process)
        with urllib.request.urlopen(f"{url}/staff/login/", timeout=10) as answer:
            assert BANNER in answer.read().decode()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def configuration_table() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme.split("\n## Configuration\n")[1].split("\n## ")[0]


def test_it_documents_every_variable_settings_reads_in_the_readme_table():
    source = (PACKAGE / "settings.py").read_text()
    read = set(re.findall(r'"(LINIJA_[A-Z0-9_]+)"', source)) | {
        f"LINIJA_RATE_LIMIT_{scope.upper().replace('-', '_')}"
        for scope in django_settings.LINIJA_RATE_LIMITS
    }
    documented = set(re.findall(r"`(LINIJA_[A-Z0-9_]+)`", configuration_table()))
    assert len(read) > 50
    assert sorted(read - documented) == []


def test_it_reads_the_environment_in_settings_only():
    readers = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if re.search(r"os\.(environ|getenv)", path.read_text())
        and not {"tests", "testing"} & set(path.relative_to(PACKAGE).parts)
        and path.name != "testing.py"
    }
    # asgi.py only names the settings module, as Django's own entry points do.
    assert readers == {"settings.py", "asgi.py"}


def test_it_shows_make_run_on_another_port_in_the_readme():
    assert "make run PORT=" in (ROOT / "README.md").read_text()


def test_it_gives_every_kind_of_content_its_default_period_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    security = readme.split("\n## Privacy and security\n")[1].split("\n## ")[0]
    rows = dict(re.findall(r"^\| ([^|`]+?) \| [^|]+ \| (\d+ days)", security, re.MULTILINE))
    with translation.override("en"):
        documented = {kind: rows.get(str(kind.label).lower()) for kind in RetentionKind}
    assert documented == {kind: f"{DEFAULT_DAYS[kind]} days" for kind in RetentionKind}
