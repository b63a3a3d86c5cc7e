"""Writing output files safely: never over a store or a SQLite file, never over a file without consent, always whole.

Every `--out` of the command line and every save dialog of the window goes through `check_file` or
`check_folder` first, then writes with `write_file` or `replace_folder`: the data goes to a temporary
file (or folder) beside the target, is flushed to disk, renamed over the target, and the folder is
flushed too, so a crash or a full disk leaves the old file or the new one, never a mix.
"""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from workshop_app.core.errors import WorkshopError

SQLITE_HEADER = b"SQLite format 3\x00"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
TEMP_SUFFIX = ".part"
STALE_AFTER_S = 3600.0
"""Where a writer's process cannot be checked (Windows), a temporary file this old is left over from a crash."""


class FileRefused(WorkshopError):
    """The chosen place must never be written: a store, its journal files, or another SQLite database."""


class FileExists(WorkshopError):
    """The chosen place holds a file (or CSV files) that may be replaced only when the person agrees."""

    def __init__(self, path: Path, sentence: str) -> None:
        super().__init__(sentence)
        self.path = path


def is_sqlite_file(path: Path) -> bool:
    """Return True if the file starts with SQLite's header (a store, a backup or another program's database)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _journal_base(path: Path) -> Path | None:
    """Return the database a -wal/-shm/-journal name belongs to, or None for other names."""
    for suffix in JOURNAL_SUFFIXES:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            return path.with_name(path.name[: -len(suffix)])
    return None


def _refuse_store_files(target: Path, protect: Iterable[Path]) -> None:
    """Raise FileRefused if target is a protected store, one of its journal files, or any SQLite file's journal."""
    stores = {Path(p).expanduser().resolve() for p in protect}
    base = _journal_base(target)
    if target in stores or (base is not None and (base in stores or is_sqlite_file(base))):
        raise FileRefused(f"{target} is the workshop store or one of its files; choose another name so it is not "
                          "overwritten.")
    if target.is_file() and is_sqlite_file(target):
        raise FileRefused(f"{target} is a database (perhaps another workshop store or a backup); choose another "
                          "name so it is not overwritten.")


def check_file(out: Path, *, force: bool, protect: Iterable[Path] = ()) -> Path:
    """Return the absolute target for a new file, or raise FileRefused / FileExists (unless force) as one sentence."""
    target = Path(out).expanduser().resolve()
    _refuse_store_files(target, protect)
    if target.is_dir():
        raise FileRefused(f"{target} is a folder; give a file name inside it instead.")
    if not target.parent.is_dir():
        raise FileRefused(f"The folder {target.parent} does not exist; create it first or choose another place.")
    if target.exists() and not force:
        raise FileExists(target, f"{target} already exists; add --force to replace it, or choose another name.")
    return target


def check_folder(out: Path, names: Iterable[str], *, force: bool, protect: Iterable[Path] = ()) -> Path:
    """Return the absolute target for a folder of the given files; refuse a folder holding anything else."""
    target = Path(out).expanduser().resolve()
    _refuse_store_files(target, protect)
    if target.exists() and not target.is_dir():
        raise FileRefused(f"{target} is a file, not a folder; choose a new or empty folder for the CSV files.")
    if not target.parent.is_dir():
        raise FileRefused(f"The folder {target.parent} does not exist; create it first or choose another place.")
    present = {entry.name for entry in target.iterdir()} if target.is_dir() else set()
    others = sorted(present - set(names))
    if others:
        raise FileRefused(f"The folder {target} holds other files ({others[0]}...); choose a new or empty folder "
                          "so nothing else is replaced.")
    if present and not force:
        raise FileExists(target, f"The folder {target} already holds CSV files; add --force to replace them, "
                                 "or choose another folder.")
    return target


def temp_sibling(target: Path) -> Path:
    """Return a fresh temporary name beside target that says which process writes it."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _writer_gone(temp: Path) -> bool:
    """Return True if the process that named this temporary file no longer runs (so the file is left over)."""
    try:
        pid = int(temp.name.rsplit(".", 3)[-3])
    except (ValueError, IndexError):
        return False
    if pid == os.getpid():
        return False
    if sys.platform == "win32":
        return time.time() - temp.stat().st_mtime > STALE_AFTER_S
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove temporary files or folders left beside target by a writer that was killed; return what went."""
    return _remove_stale(target.parent.glob(f".{glob.escape(target.name)}.*{TEMP_SUFFIX}*"))  # SQLite adds -journal


def remove_stale_temps_in(folder: Path) -> list[Path]:
    """Remove every temporary file or folder a killed writer left in folder; return what went."""
    return _remove_stale(folder.glob(f".*{TEMP_SUFFIX}*"))


def _remove_stale(candidates: Iterable[Path]) -> list[Path]:
    """Remove the candidates whose writer is gone."""
    removed = []
    for temp in candidates:
        try:
            if _writer_gone(temp):
                shutil.rmtree(temp) if temp.is_dir() and not temp.is_symlink() else temp.unlink()
                removed.append(temp)
        except OSError:
            continue  # another cleaner got there first, or it cannot be removed: leave it
    return removed


def fsync_path(path: Path) -> None:
    """Flush a file or a folder to disk (folders cannot be flushed on Windows, where renames are durable)."""
    if path.is_dir() and sys.platform == "win32":
        return
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if path.is_dir() else 0)
    handle = os.open(path, flags)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def not_written(target: Path, error: OSError) -> WorkshopError:
    """Return the sentence for a write that failed: a full disk is named as such."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return WorkshopError(f"{target} was not written because the disk is full; free some space and try again "
                             "(nothing was changed).")
    if error.errno in (errno.EACCES, errno.EPERM):
        return WorkshopError(f"{target} could not be written (permission denied); close it if another program has "
                             "it open, or choose a folder you can write to.")
    return WorkshopError(f"{target} could not be written ({error.strerror or error}); choose a folder you can "
                         "write to (nothing was changed).")


def write_file(target: Path, write: Callable[[Path], object]) -> Path:
    """Write a file whole or not at all: write(temp) fills a temporary file, which is flushed and renamed to target.

    A SQLite file or journal is refused here too, whatever the caller checked.
    """
    _refuse_store_files(target.resolve(), ())
    remove_stale_temps(target)
    temp = temp_sibling(target)
    try:
        write(temp)
        fsync_path(temp)
        os.replace(temp, target)
        fsync_path(target.parent)
    except OSError as error:
        raise not_written(target, error) from None
    finally:
        temp.unlink(missing_ok=True)
    return target


def write_bytes(target: Path, data: bytes) -> Path:
    """Write bytes to a file whole or not at all."""
    return write_file(target, lambda temp: temp.write_bytes(data))


def write_text(target: Path, text: str) -> Path:
    """Write UTF-8 text to a file whole or not at all (line ends as they are in the text)."""
    return write_bytes(target, text.encode("utf-8"))


def replace_folder(target: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Make target hold exactly these files, replacing the old folder whole or not at all; return the paths.

    A folder holding anything else is refused here too, whatever the caller checked.
    """
    target = check_folder(target, files, force=True)
    remove_stale_temps(target)
    temp = temp_sibling(target)
    try:
        temp.mkdir()
        for name, data in files.items():
            (temp / name).write_bytes(data)
            fsync_path(temp / name)
        fsync_path(temp)
        _swap_in(temp, target)
        fsync_path(target.parent)
    except OSError as error:
        raise not_written(target, error) from None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return [target / name for name in files]


RENAME_EXCHANGE = 2
"""renameat2's flag (Linux): swap two paths in one step."""


def _swap_in(new: Path, target: Path) -> None:
    """Put the folder new at target; an existing target ends up at new's name (swapped in one step on Linux)."""
    if not target.exists():
        os.rename(new, target)
        return
    if sys.platform.startswith("linux") and _exchange(new, target):
        return
    old = temp_sibling(target)
    os.rename(target, old)
    os.rename(new, target)
    os.rename(old, new)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS):
        return False  # the file system cannot exchange: fall back to renames
    raise OSError(code, os.strerror(code), str(b))
