"""The backup archive: one gzip'd tar file holding the database, every stored file and the
erasure journal, with a manifest naming each member and its SHA-256.

    manifest.json                    format, time of the snapshot, database vendor, key fingerprint
    database.sqlite3 | database.pgdump
    files/<root>/<path>              every FileField's folder (raw letters, attachments, uploads)
    erasures.jsonl                   the erasure journal as it was
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.db import connection, models
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
JOURNAL = "erasures.jsonl"
DATABASE = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class ArchiveError(Exception):
    """A backup that cannot be written or restored; the message says why, for a person."""


@dataclass
class Manifest:
    created_at: str
    vendor: str
    key_fingerprint: str
    members: dict[str, str] = field(default_factory=dict)
    format: int = FORMAT

    def dump(self) -> bytes:
        return json.dumps(self.__dict__, indent=1, sort_keys=True).encode()

    @classmethod
    def load(cls, data: bytes) -> Manifest:
        try:
            manifest = cls(**json.loads(data))
        except (ValueError, TypeError) as error:
            raise ArchiveError(_("The archive's manifest cannot be read.")) from error
        if manifest.format != FORMAT:
            raise ArchiveError(
                _("The archive has format %(format)s; this version reads format %(ours)s.")
                % {"format": manifest.format, "ours": FORMAT}
            )
        return manifest


def file_roots() -> dict[str, Path]:
    """Every folder a model's FileField stores into, named by the first field (in sorted order)
    that uses it, so the same name finds the same folder on another machine."""
    fields: dict[Path, list[str]] = {}
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if isinstance(model_field, models.FileField):
                location = Path(model_field.storage.location)
                fields.setdefault(location, []).append(f"{model._meta.label}.{model_field.name}")
    return {min(labels): location for location, labels in fields.items()}


def database_dump(target: Path) -> None:
    """A consistent snapshot of the database, taken while the service runs."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        source = sqlite3.connect(settings["NAME"])
        copy = sqlite3.connect(target)
        try:
            # One step (pages=-1): a reader's snapshot in WAL mode, consistent however much is
            # written meanwhile; steps of a few pages would start over after every write.
            source.backup(copy, pages=-1)
        finally:
            copy.close()
            source.close()
    elif connection.vendor == "postgresql":
        _postgres("pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", target)
    else:
        raise ArchiveError(_("Backups support SQLite and PostgreSQL only."))


def database_load(source: Path) -> None:
    """Load a snapshot into the configured database, which must hold no tables yet."""
    if connection.introspection.table_names():
        raise ArchiveError(
            _("The database already holds tables: restore needs a new, empty database.")
        )
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.close()
        name = Path(settings["NAME"])
        for leftover in (Path(f"{name}-wal"), Path(f"{name}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(source, name)
        sqlite3.connect(name).execute("PRAGMA integrity_check").fetchone()
    else:
        connection.close()
        _postgres(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "-d",
            settings["NAME"],
            source,
        )


def _postgres(program: str, *arguments: Any) -> None:
    settings = connection.settings_dict
    command = [program, "-h", settings.get("HOST") or "127.0.0.1"]
    command += ["-p", str(settings.get("PORT") or 5432)]
    if settings.get("USER"):
        command += ["-U", settings["USER"]]
    if program == "pg_dump":
        command += ["-d", settings["NAME"]]
    env = {"PGPASSWORD": settings.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"}
    # The program is ours and the arguments are the settings' and our own paths, never input.
    done = subprocess.run(  # noqa: S603
        [*command, *map(str, arguments)], env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise ArchiveError(
            _("%(program)s failed: %(error)s")
            % {"program": program, "error": done.stderr.strip()[-500:]}
        )


def digest(stream: io.BufferedIOBase) -> str:
    sha = hashlib.sha256()
    for block in iter(lambda: stream.read(1 << 20), b""):
        sha.update(block)
    return sha.hexdigest()


def member_path(name: str) -> PurePosixPath:
    """``name`` of an archive member as a safe relative path; refuses one that leaves its folder."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ArchiveError(
            _("The archive names a file outside its folders: %(name)s") % {"name": name}
        )
    return path


def tar_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))
