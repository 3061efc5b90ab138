"""PDF through LibreOffice (``soffice --headless``), when it is installed.

Statements are public records, kept for the long term and published on the
web, so the PDF is archival and accessible: PDF/A-2b, tagged (PDF/UA), with
the document's title, author (the administration) and language (sv-SE) in its
metadata and the headings as bookmarks. LibreOffice's own PDF export does
this, told so through the export filter's options (JSON, LibreOffice 7.4 or
later); the title and author come from the .docx's document properties
(``docs/document-layout.md``).

A character that no font on the machine has (an emoji, a rare script) would
print as an empty box; `missing_glyphs` names each such character and the
field and line it is in, before the conversion.

LibreOffice runs with a profile of its own in a temp folder, so that it works
while the person has LibreOffice open and two conversions never share state.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

from wizard.errors import RenderError
from wizard.model.draft import Draft
from wizard.model.text import visible
from wizard.model.validation import label_for

CONVERT_TIMEOUT = 180.0  # seconds; the first start of LibreOffice is slow
NOT_INSTALLED = (
    "LibreOffice (soffice) finns inte på datorn, så ingen PDF kunde skapas. "
    "Installera LibreOffice, eller öppna .docx-filen i Word och spara som PDF."
)


# writer_pdf_Export's options: https://help.libreoffice.org/latest/en-US/text/shared/guide/pdf_params.html
PDF_OPTIONS: dict[str, tuple[str, str]] = {
    "SelectPdfVersion": ("long", "2"),  # PDF/A-2b
    "UseTaggedPDF": ("boolean", "true"),
    "PDFUACompliance": ("boolean", "true"),
    "ExportBookmarks": ("boolean", "true"),
    "ExportNotes": ("boolean", "false"),
}


def pdf_filter() -> str:
    """The ``--convert-to`` argument: the PDF export filter with its options as JSON."""
    options = {name: {"type": kind, "value": value} for name, (kind, value) in PDF_OPTIONS.items()}
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


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
            "--convert-to", pdf_filter(), "--outdir", str(out), str(source.resolve()),
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


_RANGE = re.compile(r"([0-9a-f]+)(?:-([0-9a-f]+))?")
# Characters that print as nothing, so need no glyph: controls, format characters
# (zero-width joiner, variation selectors), line and paragraph separators.
_NO_GLYPH_NEEDED = frozenset({"Cc", "Cf", "Zl", "Zp"})


def _charsets(command: list[str]) -> set[int]:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return set()
    covered: set[int] = set()
    for start, end in _RANGE.findall(done.stdout):
        covered.update(range(int(start, 16), int(end or start, 16) + 1))
    return covered


@lru_cache(maxsize=1)
def font_coverage() -> frozenset[int] | None:
    """Every character some font on the machine has, as fontconfig (and so LibreOffice) sees it.

    LibreOffice falls back to any installed font for a character its style's
    font lacks, so the union is what can print. Fonts shipped inside
    LibreOffice's own folder are counted too. None when fontconfig is not
    there to ask (on Windows and macOS), and nothing is said then.
    """
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    covered = _charsets([fc_list, "--format", "%{charset}\n"])
    soffice = find_soffice()
    fc_scan = shutil.which("fc-scan")
    if soffice and fc_scan:
        bundled = Path(os.path.realpath(soffice)).parent.parent / "share" / "fonts" / "truetype"
        if bundled.is_dir() and any(bundled.iterdir()):
            covered |= _charsets([fc_scan, "--format", "%{charset}\n", str(bundled)])
    return frozenset(covered) if covered else None


def missing_glyphs(draft: Draft) -> list[str]:
    """A Swedish warning for each character of the draft no font can print: which, and where."""
    covered = font_coverage()
    if covered is None:
        return []
    warnings = []
    for path, value in draft.text_fields():
        if path == "wizard.step":
            continue
        for number, line in enumerate(value.split("\n"), 1):
            for char in dict.fromkeys(line):
                if ord(char) < 0x80 or ord(char) in covered:
                    continue
                if unicodedata.category(char) in _NO_GLYPH_NEEDED:
                    continue
                where = f"{label_for(path)} ({path})" + (f", rad {number}" if "\n" in value else "")
                warnings.append(
                    f"{where}: tecknet {visible(char, one_line=True)} (U+{ord(char):04X}) finns "
                    "inte i något typsnitt på datorn och blir en tom ruta i PDF:en."
                )
    return warnings
