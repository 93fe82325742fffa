"""Backing up and restoring the whole installation: the database, every stored file and the
erasure journal, in one archive (see ``archive``)."""

from __future__ import annotations

import datetime
import io
import os
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from linija.accounts.services import audit_record
from linija.backups.archive import (
    DATABASE,
    JOURNAL,
    MANIFEST,
    ArchiveError,
    Manifest,
    database_dump,
    database_load,
    digest,
    file_roots,
    member_path,
    tar_bytes,
)
from linija.privacy.erasures import (
    Erasure,
    erasure_journal_merge,
    erasure_journal_read,
    erasures_parse,
    journal_path,
)
from linija.privacy.pseudonyms import key_fingerprint
from linija.privacy.services import retention_purge, subject_erase_replay

# (what is being done, done so far, total) — a command prints it as progress.
Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress shown."""


def _stored_files() -> list[tuple[str, Path, Path]]:
    """(root name, folder, file) of every stored file, in a stable order."""
    found = []
    for root, location in sorted(file_roots().items()):
        if location.is_dir():
            found += [
                (root, location, path) for path in sorted(location.rglob("*")) if path.is_file()
            ]
    return found


def backup_create(*, folder: Path, progress: Progress = _quiet) -> Path:
    """Write one archive of the running installation into ``folder``; returns its path.

    The database is copied first and the files after it: every file a copied row names was
    written before its row was committed, so it is there. A file deleted meanwhile was erased
    or purged, which the journal and the retention rules apply again at a restore.
    """
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    created = timezone.now()
    manifest = Manifest(
        created_at=created.isoformat(), vendor=connection.vendor, key_fingerprint=key_fingerprint()
    )
    final = folder / f"linija-{created:%Y%m%d-%H%M%S-%f}.tar.gz"
    partial = folder / f".{final.name}.partial"
    with tempfile.TemporaryDirectory() as work:
        progress(_("database"), 0, 1)
        snapshot = Path(work) / DATABASE[connection.vendor]
        database_dump(snapshot)
        progress(_("database"), 1, 1)
        # Only the service's own user may read the archive: it holds everything.
        partial.touch(mode=0o600)
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            tar.add(snapshot, arcname=snapshot.name)
            with snapshot.open("rb") as stream:
                manifest.members[snapshot.name] = digest(stream)
            files = _stored_files()
            for done, (root, location, path) in enumerate(files, 1):
                name = f"files/{root}/{path.relative_to(location).as_posix()}"
                try:
                    with path.open("rb") as stream:
                        manifest.members[name] = digest(stream)
                    tar.add(path, arcname=name)
                except FileNotFoundError:
                    manifest.members.pop(name, None)
                progress(_("files"), done, len(files))
            journal = journal_path().read_bytes() if journal_path().exists() else b""
            tar_bytes(tar, JOURNAL, journal)
            tar_bytes(tar, MANIFEST, manifest.dump())
        with partial.open("rb") as written:
            os.fsync(written.fileno())
    os.replace(partial, final)
    audit_record(actor=None, action="export", detail={"backup": len(manifest.members)})
    return final


@dataclass
class Restored:
    created_at: datetime.datetime
    files: int
    erasures_replayed: int
    purged: dict[str, int]


def _file_targets(manifest: Manifest) -> dict[str, Path]:
    """Where each stored file of the archive goes on this machine; refuses a file of an
    unknown kind and a different file already there, before anything is written."""
    roots = file_roots()
    targets = {}
    for name in manifest.members:
        if not name.startswith("files/"):
            continue
        _, root, *rest = member_path(name).parts
        if root not in roots or not rest:
            raise ArchiveError(
                _("The archive holds files of an unknown kind: %(root)s") % {"root": root}
            )
        target = roots[root].joinpath(*rest)
        if target.exists() and digest(io.BytesIO(target.read_bytes())) != manifest.members[name]:
            raise ArchiveError(
                _("A different file is already stored at %(path)s: restore needs empty folders.")
                % {"path": target}
            )
        targets[name] = target
    return targets


def _extract_files(
    tar: tarfile.TarFile, manifest: Manifest, targets: dict[str, Path], progress: Progress
) -> int:
    for done, (name, target) in enumerate(targets.items(), 1):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_read_checked(tar, manifest, name))
        progress(_("files"), done, len(targets))
    return len(targets)


def _read_checked(tar: tarfile.TarFile, manifest: Manifest, name: str) -> bytes:
    try:
        data = tar.extractfile(name).read()
    except (KeyError, AttributeError) as error:
        raise ArchiveError(_("The archive lacks %(name)s.") % {"name": name}) from error
    if digest(io.BytesIO(data)) != manifest.members.get(name):
        raise ArchiveError(_("%(name)s in the archive is damaged.") % {"name": name})
    return data


def backup_restore(
    *, archive: Path, journal: Path | None = None, progress: Progress = _quiet
) -> Restored:
    """Bring an archive back into this installation's new, empty database and folders; then
    erase again what the journals say was erased after the backup, apply the retention rules
    and bring the schema up to this version's."""
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 - closed by the ``with`` below
    except (OSError, tarfile.TarError) as error:
        raise ArchiveError(_("%(path)s is not a Linija backup.") % {"path": archive}) from error
    with tar:
        try:
            manifest = Manifest.load(tar.extractfile(MANIFEST).read())
        except (KeyError, AttributeError) as error:
            raise ArchiveError(_("%(path)s is not a Linija backup.") % {"path": archive}) from error
        if manifest.vendor != connection.vendor:
            raise ArchiveError(
                _("The backup is of a %(theirs)s database; this installation uses %(ours)s.")
                % {"theirs": manifest.vendor, "ours": connection.vendor}
            )
        if manifest.key_fingerprint != key_fingerprint():
            raise ArchiveError(
                _(
                    "The backup was made with another pseudonym key: set the same "
                    "LINIJA_PSEUDONYM_KEY (or SECRET_KEY) as the installation it came from."
                )
            )
        with tempfile.TemporaryDirectory() as work:
            snapshot = Path(work) / DATABASE[manifest.vendor]
            snapshot.write_bytes(_read_checked(tar, manifest, snapshot.name))
            targets = _file_targets(manifest)
            for name in targets:
                _read_checked(tar, manifest, name)
            progress(_("database"), 0, 1)
            database_load(snapshot)
            progress(_("database"), 1, 1)
        files = _extract_files(tar, manifest, targets, progress)
        kept = _read_checked(tar, manifest, JOURNAL) if JOURNAL in manifest.members else b""
    call_command("migrate", verbosity=0, interactive=False)
    created = datetime.datetime.fromisoformat(manifest.created_at)
    erasures = _journals(kept, journal)
    later = [erasure for erasure in erasures if erasure.at >= created]
    for done, erasure in enumerate(later, 1):
        subject_erase_replay(erasure=erasure)
        progress(_("erasures"), done, len(later))
    erasure_journal_merge(erasures)
    purged = retention_purge(now=timezone.now(), dry_run=False)
    return Restored(created_at=created, files=files, erasures_replayed=len(later), purged=purged)


def _journals(kept: bytes, journal: Path | None) -> list[Erasure]:
    """Every erasure known: the archive's journal, the one given and this installation's."""
    found = set(erasures_parse(kept.decode("utf-8", "replace")))
    for path in {journal, journal_path()} - {None}:
        found |= set(erasure_journal_read(path))
    return sorted(found, key=lambda erasure: erasure.at)
