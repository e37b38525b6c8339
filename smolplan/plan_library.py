"""The library of plans under data/plans/: the bundled plan plus every plan users added.

A plan is added only after it loads; its file name is made safe (no folder can be named, nothing
is overwritten: a second "План.docx" becomes "План (2).docx"); its key in the URL is that name.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from smolplan import BUNDLED_PLAN
from smolplan.errors import PlanReadError
from smolplan.plan import Plan, load_plan

LIBRARY_DIR = Path(os.environ.get("SMOLPLAN_LIBRARY") or BUNDLED_PLAN.parent / "plans")
ALLOWED_SUFFIXES = (".docx", ".txt", ".xlsx", ".csv", ".pdf", ".doc", ".odt")
BUNDLED_KEY = "bundled"
_UNSAFE = re.compile(r"[^\w .,()\-]+")


@dataclass(frozen=True)
class PlanEntry:
    key: str
    path: Path
    bundled: bool = False

    @property
    def label(self) -> str:
        return f"{self.path.name} (в поставке)" if self.bundled else self.path.name


def safe_file_name(name: str) -> str:
    """The last part of an uploaded name, with only letters, digits and plain punctuation left."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    stem, suffix = os.path.splitext(base)
    suffix = suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise PlanReadError(f"Файл «{base}»: допускаются только .docx, .txt, .xlsx, .csv, .pdf, .doc и .odt.")
    stem = _UNSAFE.sub("_", stem).strip(" ._") or "план"
    return stem[:80] + suffix


def list_plans(folder: Path = LIBRARY_DIR) -> list[PlanEntry]:
    """The bundled plan first, then the added ones, newest first."""
    added = []
    if folder.is_dir():
        files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ALLOWED_SUFFIXES]
        added = [PlanEntry(p.name, p) for p in sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)]
    return [PlanEntry(BUNDLED_KEY, BUNDLED_PLAN, bundled=True), *added]


def resolve(key: str | None, folder: Path = LIBRARY_DIR) -> PlanEntry:
    """The plan a URL names; an unknown key (or none) gives the bundled plan."""
    for entry in list_plans(folder):
        if entry.key == key:
            return entry
    return list_plans(folder)[0]


def add_plan(name: str, data: bytes, folder: Path = LIBRARY_DIR) -> tuple[PlanEntry, Plan]:
    """Validate (the file must load), then store under a free safe name; raises PlanReadError."""
    file_name = safe_file_name(name)
    plan = load_plan(data, name=file_name)
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = os.path.splitext(file_name)
    target, copy = folder / file_name, 1
    while target.exists():
        copy += 1
        target = folder / f"{stem} ({copy}){suffix}"
    if target.resolve().parent != folder.resolve():  # belt and braces: never outside the library
        raise PlanReadError(f"Недопустимое имя файла «{name}».")
    with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".part") as tmp:
        tmp.write(data)
    os.replace(tmp.name, target)
    return PlanEntry(target.name, target), plan
