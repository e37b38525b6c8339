"""The library of plans under data/plans/: the bundled plan plus every plan users added.

A plan is added only after it loads; its file name is made safe (no folder can be named, at most
MAX_NAME_BYTES bytes); storing is atomic and exclusive, so nothing is overwritten even when several
processes store "План.docx" at once: the others become "План (2).docx", "План (3).docx"…
Its key in the URL is that name. The department's default plan is a pointer file beside them.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from smolplan import BUNDLED_PLAN
from smolplan.errors import PlanReadError
from smolplan.plan import Plan, load_plan

ALLOWED_SUFFIXES = (".docx", ".txt", ".xlsx", ".csv")
BUNDLED_KEY = "bundled"
_UNSAFE = re.compile(r"[^\w .,()\-]+")
MAX_NAME_BYTES = 150  # a stored name with " (NNN)" added stays far below the file system's 255 bytes
DEFAULT_POINTER = ".default"  # holds the key of the plan everyone sees by default


@dataclass(frozen=True)
class PlanEntry:
    key: str
    path: Path
    bundled: bool = False

    @property
    def label(self) -> str:
        return f"{self.path.name} (в поставке)" if self.bundled else self.path.name


def library_dir() -> Path:
    """data/plans/, or SMOLPLAN_LIBRARY (read at each call, so tests and deployments can point elsewhere)."""
    return Path(os.environ.get("SMOLPLAN_LIBRARY") or BUNDLED_PLAN.parent / "plans")


def safe_file_name(name: str) -> str:
    """The last part of an uploaded name, with only letters, digits and plain punctuation left."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    stem, suffix = os.path.splitext(base)
    suffix = suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise PlanReadError(f"Файл «{base}»: допускаются только .docx, .txt, .xlsx и .csv.")
    stem = _UNSAFE.sub("_", stem).strip(" ._") or "план"
    stem = stem.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", errors="ignore").rstrip(" ._") or "план"
    return stem + suffix


def list_plans(folder: Path | None = None) -> list[PlanEntry]:
    """The bundled plan first, then the added ones, newest first."""
    folder = folder or library_dir()
    added = []
    if folder.is_dir():
        files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ALLOWED_SUFFIXES]
        added = [PlanEntry(p.name, p) for p in sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)]
    return [PlanEntry(BUNDLED_KEY, BUNDLED_PLAN, bundled=True), *added]


def resolve(key: str | None, folder: Path | None = None) -> PlanEntry:
    """The plan a URL names; an unknown key (or none) gives the department's default plan."""
    folder = folder or library_dir()
    entries = list_plans(folder)
    for wanted in (key, default_key(folder)):
        for entry in entries:
            if entry.key == wanted:
                return entry
    return entries[0]


def comparison_pair(entries: list[PlanEntry], current_key: str) -> tuple[str, str]:
    """The comparison's default, previous → new: the plan before the current one → the current one, in
    the order plans came (the bundled plan, then added plans oldest first); from the bundled plan, to
    the newest added one."""
    keys = [entries[0].key] + [e.key for e in reversed(entries[1:])]
    if current_key == keys[0] or current_key not in keys:
        return keys[0], keys[-1]
    index = keys.index(current_key)
    return keys[index - 1], current_key


def default_key(folder: Path | None = None) -> str:
    """The key of the plan everyone sees when their link names none (the bundled plan unless set)."""
    folder = folder or library_dir()
    try:
        return (folder / DEFAULT_POINTER).read_text(encoding="utf-8").strip() or BUNDLED_KEY
    except (OSError, UnicodeDecodeError):
        return BUNDLED_KEY


def set_default(key: str, folder: Path | None = None) -> None:
    """Make a plan the default for everyone, kept across restarts (the pointer is replaced atomically)."""
    folder = folder or library_dir()
    if key not in {e.key for e in list_plans(folder)}:
        raise PlanReadError("Такого плана нет в библиотеке.")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, prefix=".default-", suffix=".part",
                                     encoding="utf-8") as tmp:
        tmp.write(key)
    os.replace(tmp.name, folder / DEFAULT_POINTER)


def delete_plan(key: str, folder: Path | None = None) -> None:
    """Remove an added plan (never the bundled one); if it was the default, the bundled plan is again."""
    folder = folder or library_dir()
    entry = next((e for e in list_plans(folder) if e.key == key and not e.bundled), None)
    if entry is None:
        raise PlanReadError("Этот план нельзя удалить: его нет среди добавленных.")
    if default_key(folder) == key:
        set_default(BUNDLED_KEY, folder)
    entry.path.unlink(missing_ok=True)


def add_plan(name: str, data: bytes, folder: Path | None = None, checked: Plan | None = None) -> tuple[PlanEntry, Plan]:
    """Validate (the file must load; `checked`: it was already read, in the preview's worker), then store
    it under a free safe name; raises PlanReadError."""
    folder = folder or library_dir()
    file_name = safe_file_name(name)
    plan = checked if checked is not None else load_plan(data, name=file_name)
    target = _store(file_name, data, folder)
    return PlanEntry(target.name, target), plan


def _store(file_name: str, data: bytes, folder: Path) -> Path:
    """Write the whole file under a hidden temporary name, then link it to the first free name.

    `os.link` fails if the name exists, so two processes can never take the same name, and a reader
    never sees a half-written plan (the temporary file is complete before the link)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = os.path.splitext(file_name)
    with tempfile.NamedTemporaryFile(dir=folder, delete=False, prefix=".upload-", suffix=".part") as tmp:
        tmp.write(data)
        tmp.flush()
        os.fsync(tmp.fileno())
    try:
        for copy in range(1, 10_000):
            target = folder / (file_name if copy == 1 else f"{stem} ({copy}){suffix}")
            try:
                _link_exclusive(tmp.name, target)
            except FileExistsError:
                continue
            return target
        raise PlanReadError(f"Планов с именем «{file_name}» слишком много: переименуйте файл.")
    finally:
        os.unlink(tmp.name)


def _link_exclusive(source: str, target: Path) -> None:
    """A new name for a complete file; FileExistsError if the name is taken."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: reserve the name exclusively, then fill it atomically
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        shutil.copyfile(source, f"{source}.copy")
        os.replace(f"{source}.copy", target)
