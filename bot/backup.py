"""`mlr-bot db backup`, `db restore` and the scheduled backup's files: SQLite through its online
backup API, PostgreSQL through pg_dump and pg_restore, each snapshot with a manifest beside it
(schema revision, rows per table counted in the snapshot, SHA-256, when, from where)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from storage.copy import Refused
from storage.db import Database, DatabaseError, make_engine
from storage.verify import count_rows, current_revision, head_revision, known_revisions

MANIFEST_SUFFIX = ".json"
SUFFIXES = {"sqlite": ".sqlite", "postgresql": ".pgdump"}
PG_DUMP, PG_RESTORE = "pg_dump", "pg_restore"
PG_CLIENT_VERSION = 15  # pg_dump refuses a server newer than itself: at least the server's version


# A backup, restore or copy that cannot be done, said by a message id of core/texts.py (`db.<id>`).
OperationError = Refused


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest: dict[str, Any]

    @property
    def manifest_path(self) -> Path:
        return manifest_path(self.path)


def manifest_path(snapshot: Path) -> Path:
    return snapshot.with_name(snapshot.name + MANIFEST_SUFFIX)


def database_url(value: str, *, option: str) -> str:
    """A SQLite or PostgreSQL URL as given to --database-url or --to, or a clear refusal."""
    try:
        backend = make_url(value).get_backend_name()
    except ArgumentError as error:
        raise OperationError("bad_url", option=option, value=value) from error
    if backend not in SUFFIXES:
        raise OperationError("bad_url", option=option, value=value)
    return value


def shown(url: str) -> str:
    """The URL without its password: what manifests and messages name."""
    return make_url(url).render_as_string(hide_password=True)


def backend(url: str) -> str:
    return make_url(url).get_backend_name()


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise OperationError("unreachable", url=shown(url), error="in-memory database")
    return Path(database)


def pg_schema(url: str) -> str:
    """The schema the URL's search_path names first (tests give each test one), else public."""
    options = str(make_url(url).query.get("options", ""))
    found = re.search(r"search_path\s*=\s*\"?([A-Za-z_][\w$]*)", options)
    return found.group(1) if found else "public"


def libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI for pg_dump and pg_restore, and the environment with the password in
    it (not on the command line, where `ps` would show it)."""
    parsed: URL = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None, query={})
    return plain.render_as_string(hide_password=False), env


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise OperationError("tool_missing", tool=name, version=PG_CLIENT_VERSION)
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        raise OperationError("tool_failed", tool=Path(command[0]).name, error=lines[0] if lines else result.returncode)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup_name(kind: str, now: datetime) -> str:
    """mlr-20261202T031500Z.sqlite: names that sort by the time they were taken."""
    return f"mlr-{now.astimezone(UTC):%Y%m%dT%H%M%S}Z{SUFFIXES[kind]}"


def target_path(url: str, *, out: Path | None, folder: Path | None, now: datetime) -> Path:
    name = backup_name(backend(url), now)
    if out is not None:
        if out.is_dir():
            return out / name
        if out.exists() or manifest_path(out).exists():
            raise OperationError("out_exists", path=out)
        return out
    if folder is None:
        raise OperationError("no_backup_dir")
    return folder / name


def take_backup(url: str, *, out: Path | None = None, folder: Path | None = None, now: datetime) -> Backup:
    """A consistent snapshot of the database while it is in use, and its manifest; nothing half-written."""
    path = target_path(url, out=out, folder=folder, now=now)
    partial = path.with_name(path.name + ".partial")
    partial_manifest = manifest_path(partial)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if backend(url) == "sqlite":
            revision, counts = _snapshot_sqlite(url, partial)
        else:
            revision, counts = _snapshot_postgresql(url, partial)
        manifest = {
            "format": backend(url),
            "file": path.name,
            "bytes": partial.stat().st_size,
            "sha256": sha256_of(partial),
            "revision": revision,
            "counts": counts,
            "taken_at": now.astimezone(UTC).isoformat(timespec="seconds"),
            "source": shown(url),
        }
        if backend(url) == "postgresql":
            manifest["schema"] = pg_schema(url)
        partial_manifest.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _fsync(partial)
        _fsync(partial_manifest)
        partial.replace(path)
        partial_manifest.replace(manifest_path(path))
    except OSError as error:
        _remove(partial, partial_manifest)
        if error.errno == errno.ENOSPC:
            raise OperationError("disk_full", path=path.parent) from error
        raise OperationError("cannot_write", path=path, error=error.strerror or error) from error
    except sqlite3.Error as error:
        _remove(partial, partial_manifest)
        if "full" in str(error):
            raise OperationError("disk_full", path=path.parent) from error
        raise OperationError("cannot_write", path=path, error=error) from error
    except BaseException:
        _remove(partial, partial_manifest)
        raise
    return Backup(path, manifest)


def _fsync(path: Path) -> None:
    with path.open("rb") as file:
        os.fsync(file.fileno())


def _remove(*paths: Path) -> None:
    for path in paths:
        with suppress(FileNotFoundError, NotADirectoryError):  # never made: its folder could not be
            path.unlink()


def _snapshot_sqlite(url: str, partial: Path) -> tuple[str | None, dict[str, int]]:
    source_path = sqlite_path(url)
    if not source_path.is_file():
        raise OperationError("unreachable", url=shown(url), error="no such file")
    try:
        # One step, in one read transaction: in WAL mode the bot goes on writing meanwhile, and the
        # copy is the database as it was when the step began.
        _sqlite_copy(source_path, partial)
    except sqlite3.DatabaseError as error:
        if "full" in str(error):
            raise
        raise OperationError("unreachable", url=shown(url), error=first_line(error)) from error
    # A backup is one self-contained file: no -wal or -shm beside it when it is read later.
    snapshot = sqlite3.connect(partial)
    try:
        snapshot.execute("PRAGMA journal_mode=DELETE")
    finally:
        snapshot.close()
    return _facts_of(partial)


def _sqlite_copy(source_file: Path, target_file: Path) -> None:
    """SQLite's online backup API, from a file opened read-only (never created or changed) to another."""
    source = sqlite3.connect(f"file:{source_file}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(target_file)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _facts_of(snapshot: Path) -> tuple[str | None, dict[str, int]]:
    """The revision and row counts as the snapshot itself holds them, read without changing it."""
    engine = create_engine(f"sqlite:///file:{snapshot}?mode=ro&uri=true")
    try:
        with engine.connect() as connection:
            return current_revision(connection), count_rows(connection)
    finally:
        engine.dispose()


def _snapshot_postgresql(url: str, partial: Path) -> tuple[str | None, dict[str, int]]:
    pg_dump = tool(PG_DUMP)
    uri, env = libpq(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                # pg_dump reads the very snapshot the counts are made in.
                snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
                revision, counts = current_revision(connection), count_rows(connection)
                command = [pg_dump, "--format=custom", f"--file={partial}", f"--schema={pg_schema(url)}"]
                try:
                    _run([*command, "--no-owner", f"--snapshot={snapshot}", f"--dbname={uri}"], env)
                except OperationError as error:
                    if "No space left on device" in str(error.params.get("error")):
                        raise OSError(errno.ENOSPC, "No space left on device") from error
                    raise
    except DatabaseError as error:
        raise OperationError("unreachable", url=shown(url), error=first_line(error)) from error
    finally:
        engine.dispose()
    return revision, counts


def first_line(error: BaseException) -> str:
    message = str(getattr(error, "orig", None) or error).strip()
    return message.splitlines()[0] if message else type(error).__name__


# ------------------------------------------------------------------------------------------ restore


def read_backup(path: Path) -> Backup:
    """The snapshot and its manifest, whichever of the two `path` names; checked against its SHA-256."""
    manifest_file = path if path.name.endswith(MANIFEST_SUFFIX) else manifest_path(path)
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        snapshot = manifest_file.with_name(str(manifest["file"]))
        kind, checksum = str(manifest["format"]), str(manifest["sha256"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise OperationError("not_a_backup", path=path, manifest=manifest_file.name) from error
    if kind not in SUFFIXES or not snapshot.is_file():
        raise OperationError("not_a_backup", path=path, manifest=manifest_file.name)
    if sha256_of(snapshot) != checksum:
        raise OperationError("checksum_mismatch", path=snapshot)
    return Backup(snapshot, manifest)


@dataclass(frozen=True)
class Restored:
    revision: str
    upgraded: bool


def restore_backup(backup: Backup, url: str, *, replace: bool) -> Restored:
    """Write the backup into the database at `url` (of the same kind), then bring its schema up to date."""
    kind, target_kind = str(backup.manifest["format"]), backend(url)
    if kind != target_kind:
        raise OperationError("wrong_kind", source=kind, target=target_kind)
    revision = str(backup.manifest.get("revision") or "")
    if revision not in known_revisions():
        raise OperationError("newer_schema", revision=revision or "?", head=head_revision())
    if kind == "postgresql" and backup.manifest.get("schema", "public") != pg_schema(url):
        raise OperationError(
            "other_schema", source=backup.manifest.get("schema"), url=shown(url), target=pg_schema(url)
        )
    entries = _entries_in(url)
    if entries and not replace:
        raise OperationError("target_has_entries", url=shown(url), count=entries)
    if kind == "sqlite":
        _restore_sqlite(backup.path, url)
    else:
        _restore_postgresql(backup.path, url)
    database = Database(url)
    try:
        upgraded = revision != head_revision()
        if upgraded:
            database.upgrade()
    finally:
        database.dispose()
    return Restored(revision, upgraded)


def _entries_in(url: str) -> int:
    """How many entries the target holds; 0 for a database not made yet (a SQLite file that is not there)."""
    if backend(url) == "sqlite" and not sqlite_path(url).exists():
        return 0
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return count_rows(connection).get("entries", 0)
    except DatabaseError as error:
        raise OperationError("unreachable", url=shown(url), error=first_line(error)) from error
    finally:
        engine.dispose()


def _restore_sqlite(snapshot: Path, url: str) -> None:
    target_file = sqlite_path(url)
    target_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        # The backup API writes the whole target in one transaction of its own: cut off, it is as it was.
        _sqlite_copy(snapshot, target_file)
    except sqlite3.Error as error:
        raise OperationError("restore_failed", error=error) from error


def _restore_postgresql(snapshot: Path, url: str) -> None:
    pg_restore = tool(PG_RESTORE)
    uri, env = libpq(url)
    # One transaction: a restore that fails half-way changes nothing. --clean drops what the dump
    # holds before it is made again (the target's tables of an earlier start, or what --replace replaces).
    options = ["--single-transaction", "--exit-on-error", "--clean", "--if-exists", "--no-owner"]
    try:
        _run([pg_restore, *options, f"--dbname={uri}", str(snapshot)], env)
    except OperationError as error:
        raise OperationError("restore_failed", error=error.params.get("error")) from error
