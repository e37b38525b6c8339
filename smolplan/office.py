"""Old Word (.doc) and OpenDocument (.odt) plans, converted to .docx by LibreOffice when it is installed.

The conversion runs `soffice --headless --convert-to docx` in a temporary folder with its own user
profile (so it never waits on a desktop LibreOffice already open) and a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from smolplan.errors import PlanReadError

CONVERT_SECONDS = 60


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _run_in_own_group(command: list[str], seconds: float) -> None:
    """Run the command in a process group of its own and, past `seconds`, kill the whole group:
    `soffice` is a script that starts `soffice.bin`, which killing the script alone would leave running."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise


def convert_to_docx(data: bytes, name: str) -> bytes:
    """The document as .docx bytes; a Russian PlanReadError when LibreOffice is missing, slow or fails."""
    suffix = ".odt" if data.startswith(b"PK") else ".doc"
    kind = "OpenDocument (.odt)" if suffix == ".odt" else "Word старого формата (.doc)"
    program = soffice_path()
    if program is None:
        raise PlanReadError(
            f"Файл «{name}» — документ {kind}: для его чтения нужен LibreOffice, а он не установлен. "
            "Сохраните файл как .docx или установите LibreOffice (см. README)."
        )
    with tempfile.TemporaryDirectory(prefix="smolplan-convert-") as folder:
        source = Path(folder) / f"plan{suffix}"
        source.write_bytes(data)
        profile = Path(folder, "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "docx", "--outdir", folder, str(source)]
        try:
            _run_in_own_group(command, CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            raise PlanReadError(
                f"Файл «{name}» ({kind}) не удалось преобразовать в .docx за {CONVERT_SECONDS} с; "
                "сохраните его как .docx."
            ) from None
        except OSError:
            raise PlanReadError(
                f"Файл «{name}» ({kind}): LibreOffice не запускается; сохраните его как .docx.") from None
        target = source.with_suffix(".docx")
        if not target.exists() or target.stat().st_size == 0:
            raise PlanReadError(
                f"Файл «{name}» ({kind}) повреждён: LibreOffice не смог его открыть; сохраните его как .docx.")
        return target.read_bytes()
