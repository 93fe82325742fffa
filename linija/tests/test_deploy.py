"""The deployment files under deploy/ are checked by the tools that will read them: nginx -t for
the site, systemd-analyze verify for the units and the backup timer."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from linija.testing.services import service_missing

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
INSTALLED = "/srv/linija"


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if not found:
        service_missing(f"{name} is not installed")
    return found


def test_it_validates_the_nginx_site_with_nginx_itself(tmp_path):
    nginx = tool("nginx")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=linija.test",
            "-keyout",
            tmp_path / "privkey.pem",
            "-out",
            tmp_path / "fullchain.pem",
        ],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "nginx" / "linija.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/linija.pastoge.lt/", f"{tmp_path}/")
    site = site.replace("/var/log/nginx/", f"{tmp_path}/").replace(INSTALLED, str(ROOT))
    (tmp_path / "linija.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log {tmp_path}/access.log;\n  include {tmp_path}/linija.conf;\n}}\n"
    )
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr and "[warn]" not in done.stderr, done.stderr


def test_it_keeps_the_cti_token_out_of_nginx_logs():
    site = (DEPLOY / "nginx" / "linija.conf").read_text()
    access_logs = re.findall(r"access_log (\S+)(?: (\S+))?;", site)
    assert access_logs
    for path, log_format in access_logs:
        assert path == "off" or log_format == "linija", path
    log_format = re.search(r"log_format linija (.*?);", site, re.S).group(1)
    assert "$request_uri" not in log_format and "$request " not in log_format
    assert "$linija_logged_uri" in log_format


@pytest.mark.parametrize(
    "unit",
    ["linija-web.service", "linija-worker.service", "linija-backup.service", "linija-backup.timer"],
)
def test_it_verifies_the_systemd_units(tmp_path, unit):
    analyze = tool("systemd-analyze")
    for source in (DEPLOY / "systemd").iterdir():
        (tmp_path / source.name).write_text(source.read_text().replace(INSTALLED, str(ROOT)))
    done = subprocess.run(
        [analyze, "verify", "--man=no", str(tmp_path / unit)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    # A line systemd cannot parse is only a warning: none may be printed.
    assert done.stderr.strip() == "", done.stderr


def test_it_schedules_the_backup_outside_opening_hours_in_vilnius_time():
    timer = (DEPLOY / "systemd" / "linija-backup.timer").read_text()
    (when,) = re.findall(r"^OnCalendar=\*-\*-\* (\d\d):\d\d:\d\d Europe/Vilnius$", timer, re.M)
    assert not 12 <= int(when) < 20
    assert "Persistent=true" in timer
    service = (DEPLOY / "systemd" / "linija-backup.service").read_text()
    assert "manage.py backup" in service


def test_it_documents_every_deployment_file_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for path in sorted(DEPLOY.rglob("*")):
        if path.is_file():
            assert str(path.relative_to(ROOT)) in readme, path
