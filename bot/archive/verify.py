"""`mlr-bot archive verify PATH`: a package, as a folder or as the zip `archive --zip` made, read back and checked
file by file against its METS.xml (core/archive/verify.py says what is checked)."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from core.archive.verify import Verdict, check_package, safe_path


class NotAPackage(Exception):
    """The path is neither a package folder nor a package zip."""


def verify_path(path: Path) -> Verdict:
    if path.is_dir():
        if not (path / "METS.xml").is_file():
            raise NotAPackage(str(path))
        return verify_folder(path)
    if path.is_file() and zipfile.is_zipfile(path):
        return verify_zip(path)
    raise NotAPackage(str(path))


def verify_folder(root: Path) -> Verdict:
    present = {file.relative_to(root).as_posix() for file in root.rglob("*") if file.is_file()}

    def read(name: str) -> bytes | None:
        return (root / name).read_bytes() if name in present else None

    return check_package(read, present)


def verify_zip(path: Path) -> Verdict:
    """The zip holds one folder, the package; its members are read in place, never unpacked."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        tops = {PurePosixPath(name).parts[0] for name in members if PurePosixPath(name).parts}
        if len(tops) != 1 or not all(safe_path(name) for name in members):
            raise NotAPackage(str(path))
        top = tops.pop()
        present = {name[len(top) + 1 :] for name in members}
        if "METS.xml" not in present:
            raise NotAPackage(str(path))

        def read(name: str) -> bytes | None:
            return archive.read(f"{top}/{name}") if name in present else None

        return check_package(read, present)
