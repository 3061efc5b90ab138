"""The text of a referral document (.pdf or .docx), read safely, as lines.

Everything goes through `wizard.storage.bounded`: the PDF's bytes with a size
cap, the .docx member by member with each member's inflated size capped. A
scan without text, an encrypted or corrupt file, an oversized one and a macro
document are refused with a Swedish message naming the file, before anything
is written.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

from wizard.storage.bounded import MB, FileReadError, read_bounded, read_docx_members

PDF_LIMIT = 50 * MB
PDF_PAGE_LIMIT = 500
WHAT = "remissen"
SUFFIXES = (".pdf", ".docx")
_MACRO_SUFFIXES = (".docm", ".dotm", ".xlsm", ".pptm")
# Controls other than tab and line end, and bidirectional overrides, never enter a draft.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class ReferralReadError(FileReadError):
    """A referral document that cannot be read; nothing was written."""


def read_referral_text(path: Path | str) -> str:
    """The text of the referral document ``path``, one line per paragraph or PDF line."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _MACRO_SUFFIXES:
        raise ReferralReadError(path, "är ett dokument med makron; spara remissen som .docx "
                                      "eller .pdf utan makron och försök igen")
    if suffix == ".pdf":
        text = _pdf_text(path)
    elif suffix == ".docx":
        text = _docx_text(path)
    else:
        raise ReferralReadError(path, "remissen ska vara en .pdf eller en .docx")
    text = unicodedata.normalize("NFC", _CONTROLS.sub(" ", text.replace("\r\n", "\n")))
    if not text.strip():
        raise ReferralReadError(path, "remissen innehåller ingen text")
    return text


def _pdf_text(path: Path) -> str:
    data = read_bounded(path, limit=PDF_LIMIT, what=WHAT)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReferralReadError(path, "är ingen PDF (eller är skadad)")
    from pypdf import PdfReader  # loaded only when a PDF is read
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:
                opened = False
            if not opened:
                raise ReferralReadError(path, "PDF:en är lösenordsskyddad; spara en kopia utan "
                                              "lösenord och försök igen")
        if len(reader.pages) > PDF_PAGE_LIMIT:
            raise ReferralReadError(path, f"PDF:en har fler än {PDF_PAGE_LIMIT} sidor")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReferralReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, zipfile.BadZipFile, OSError):
        raise ReferralReadError(path, "PDF:en är skadad och kan inte läsas") from None
    text = "\n".join(pages)
    if not text.strip():
        raise ReferralReadError(path, "PDF:en innehåller ingen text, bara bilder (en inskannad "
                                      "remiss?); be om en PDF med text eller en .docx")
    return text


def _docx_text(path: Path) -> str:
    members = read_docx_members(path, what=WHAT)
    types = members.get("[Content_Types].xml", b"")
    if b"macroEnabled" in types or any(name.lower().endswith("vbaproject.bin")
                                       for name in members):
        raise ReferralReadError(path, "är ett dokument med makron; spara remissen som .docx "
                                      "eller .pdf utan makron och försök igen")
    if "word/document.xml" not in members:
        raise ReferralReadError(path, "är inte ett Word-dokument (.docx) eller är skadat")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    import docx  # loaded only when a .docx is read
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(buffer.getvalue()))
    except Exception:  # python-docx raises many kinds for a broken package
        raise ReferralReadError(path, "är inte ett Word-dokument (.docx) eller är skadat") from None
    lines: list[str] = []
    for section in document.sections[:1]:
        lines += [paragraph.text for paragraph in section.header.paragraphs
                  if paragraph.text.strip()]
    numbers: dict[str, int] = {}

    def paragraph_line(paragraph: Paragraph) -> str:
        """A list paragraph's number or bullet is Word's, not in the text: added back here.

        One style's numbers run on through the document, as Word's do for one list.
        """
        style = paragraph.style.name if paragraph.style is not None else ""
        text = paragraph.text
        if style.startswith("List Number"):
            numbers[style] = numbers.get(style, 0) + 1
            return f"{numbers[style]}. {text}"
        if style.startswith("List Bullet") or (paragraph._p.pPr is not None and (
                paragraph._p.pPr.numPr is not None)):
            return f"• {text}"
        return text

    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            lines.append(paragraph_line(Paragraph(block, document)))
        elif block.tag.endswith("}tbl"):
            for row in Table(block, document).rows:
                for cell in row.cells:
                    lines.extend(paragraph.text for paragraph in cell.paragraphs)
    return "\n".join(lines)
