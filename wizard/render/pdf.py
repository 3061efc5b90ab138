"""PDF through LibreOffice (``soffice --headless``), when it is installed.

LibreOffice runs with a profile of its own in a temp folder, so that it works
while the person has LibreOffice open and two conversions never share state.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from wizard.errors import RenderError

CONVERT_TIMEOUT = 180.0  # seconds; the first start of LibreOffice is slow
NOT_INSTALLED = (
    "LibreOffice (soffice) finns inte på datorn, så ingen PDF kunde skapas. "
    "Installera LibreOffice, eller öppna .docx-filen i Word och spara som PDF."
)


def find_soffice() -> str | None:
    """The soffice program (``WIZARD_SOFFICE`` overrides), or None when it is missing."""
    configured = os.environ.get("WIZARD_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_path: Path | str, out_dir: Path | str | None = None) -> Path:
    """Convert a .docx to a PDF beside it (or in ``out_dir``); returns the PDF's path.

    Raises `RenderError` with a plain message when LibreOffice is missing, fails
    or takes too long.
    """
    source = Path(docx_path)
    soffice = find_soffice()
    if soffice is None:
        raise RenderError(NOT_INSTALLED)
    target_dir = Path(out_dir) if out_dir is not None else source.parent
    target = target_dir / (source.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="wizard-soffice-") as work:
        profile = Path(work, "profile").as_uri()
        out = Path(work, "out")
        command = [
            soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out), str(source.resolve()),
        ]
        try:
            completed = subprocess.run(
                command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT, check=False
            )
        except FileNotFoundError:
            raise RenderError(NOT_INSTALLED) from None
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"{source}: LibreOffice blev inte klar med PDF:en på {CONVERT_TIMEOUT:g} sekunder."
            ) from None
        produced = out / (source.stem + ".pdf")
        if completed.returncode != 0 or not produced.exists():
            detail = (completed.stderr or completed.stdout).strip().splitlines()
            reason = f" ({detail[-1]})" if detail else ""
            raise RenderError(f"{source}: LibreOffice kunde inte göra en PDF{reason}.")
        try:
            shutil.move(str(produced), str(target.with_name(f".{target.name}.tmp")))
            os.replace(target.with_name(f".{target.name}.tmp"), target)
        except OSError as error:
            with contextlib.suppress(OSError):
                target.with_name(f".{target.name}.tmp").unlink()
            raise RenderError(
                f"{target}: PDF:en kan inte sparas ({error.strerror or error})."
            ) from None
    return target
