"""A throw-away Dovecot IMAP server for the tests and the ingestion benchmark.

Debian's ``dovecot-imapd`` runs in the foreground as a child process of the caller, with a
generated configuration: one passwd-file user, a maildir, plain-text login on a loopback port,
no TLS, logs in the given folder. It never touches the system's Dovecot.

As root, Dovecot's login process must not run as root: it runs as ``dovenull`` and the mail
as ``nobody``, so the sockets and the maildir live in a world-traversable folder under the
system's temporary directory (removed on ``stop``). As any other user everything runs as that
user.
"""

from __future__ import annotations

import grp
import imaplib
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

LIST_LINE = re.compile(r'\((?P<flags>[^)]*)\) (?P<delimiter>"[^"]*"|NIL) (?P<name>.+)')
DOVECOT = os.environ.get("LINIJA_DOVECOT", "/usr/sbin/dovecot")


def dovecot_missing() -> str:
    """Why Dovecot cannot be started here, or "" when it can."""
    if not Path(DOVECOT).exists():
        return f"Dovecot not found at {DOVECOT}: apt-get install -y dovecot-imapd"
    if os.geteuid() == 0:
        for user in ("dovenull", "dovecot", "nobody"):
            try:
                pwd.getpwnam(user)
            except KeyError:
                return f"Dovecot needs the system user {user!r} when run as root"
    return ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _accounts() -> dict[str, str | int]:
    """Who runs Dovecot's login, internal and mail processes."""
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        return {
            "login": "dovenull",
            "internal": "dovecot",
            "internal_group": grp.getgrgid(pwd.getpwnam("dovecot").pw_gid).gr_name,
            "uid": nobody.pw_uid,
            "gid": nobody.pw_gid,
        }
    me = pwd.getpwuid(os.geteuid())
    return {
        "login": me.pw_name,
        "internal": me.pw_name,
        "internal_group": grp.getgrgid(me.pw_gid).gr_name,
        "uid": me.pw_uid,
        "gid": me.pw_gid,
    }


CONFIG = """\
protocols = imap
listen = 127.0.0.1
instance_name = {instance}
base_dir = {runtime}/run
state_dir = {runtime}/state
log_path = {folder}/dovecot.log
info_log_path = {folder}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
default_login_user = {login}
default_internal_user = {internal}
default_internal_group = {internal_group}
first_valid_uid = 1
mail_location = maildir:~/Maildir
mail_fsync = never
passdb {{
  driver = passwd-file
  args = {runtime}/passwd
}}
userdb {{
  driver = passwd-file
  args = {runtime}/passwd
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


class Dovecot:
    """One Dovecot process with the user ``linija`` (password ``secret``) on a free port."""

    host = "127.0.0.1"
    user = "linija"
    password = "secret"  # noqa: S105 - a throw-away test server on loopback

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.port = _free_port()
        self.process: subprocess.Popen | None = None
        self.runtime = Path(tempfile.mkdtemp(prefix="linija-dovecot-"))

    @property
    def maildir(self) -> Path:
        return self.runtime / "mail" / self.user / "Maildir"

    def start(self, *, timeout: float = 15) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        accounts = _accounts()
        self.runtime.chmod(0o755)
        home = self.runtime / "mail" / self.user
        home.mkdir(parents=True)
        for path in (self.runtime / "mail", home):
            os.chown(path, accounts["uid"], accounts["gid"])
        passwd = self.runtime / "passwd"
        passwd.write_text(
            f"{self.user}:{{PLAIN}}{self.password}:{accounts['uid']}:{accounts['gid']}::{home}::\n"
        )
        passwd.chmod(0o644)
        config = self.folder / "dovecot.conf"
        config.write_text(
            CONFIG.format(
                instance=f"linija-{self.port}",
                runtime=self.runtime,
                folder=self.folder,
                port=self.port,
                **accounts,
            )
        )
        self._launch(timeout=timeout)

    def _launch(self, *, timeout: float) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own fixed command
            [DOVECOT, "-F", "-c", str(self.folder / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = self.process.stderr.read().decode(errors="replace")
                raise RuntimeError(f"Dovecot exited with {self.process.returncode}: {error}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as probe:
                    if probe.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"Dovecot did not answer on port {self.port} in {timeout} s")

    def _end(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()

    def restart(self, *, timeout: float = 15) -> None:
        """Stop the server and start it again on the same port, its letters kept: every
        connection to it is cut."""
        self._end()
        self._launch(timeout=timeout)

    def stop(self) -> None:
        self._end()
        shutil.rmtree(self.runtime, ignore_errors=True)

    def client(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4(self.host, self.port, timeout=30)
        imap.login(self.user, self.password)
        return imap

    def deliver(self, letters: Iterable[bytes], *, folder: str = "INBOX") -> int:
        """Put letters into a folder (IMAP APPEND, as a mail server's delivery would)."""
        count = 0
        imap = self.client()
        try:
            if folder != "INBOX":
                imap.create(folder)
            for raw in letters:
                status, answer = imap.append(folder, None, None, raw)
                if status != "OK":
                    raise RuntimeError(f"APPEND refused: {answer!r}")
                count += 1
        finally:
            imap.logout()
        return count

    def flags(self, *, folder: str = "INBOX") -> list[str]:
        """The flags of every letter in ``folder``, in order (e.g. to see what was marked seen)."""
        imap = self.client()
        try:
            imap.select(folder, readonly=True)
            _status, data = imap.fetch("1:*", "(FLAGS)")
            return [] if data == [None] else [item.decode() for item in data if item]
        finally:
            imap.logout()

    def count(self, *, folder: str = "INBOX") -> int:
        imap = self.client()
        try:
            status, data = imap.select(folder, readonly=True)
            return int(data[0]) if status == "OK" else 0
        finally:
            imap.logout()

    def empty(self) -> None:
        """Remove every letter and every folder but INBOX."""
        imap = self.client()
        try:
            _status, folders = imap.list()
            for line in folders or []:
                name = LIST_LINE.match(line.decode()).group("name").strip('"')
                if name != "INBOX":
                    imap.delete(name)
            _status, data = imap.select("INBOX")
            if int(data[0]):
                imap.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
                imap.expunge()
        finally:
            imap.logout()
