"""Helpers for the rendering tests: read a made .docx back as a person's Word would."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "drafts" / "exempel.toml"
STATEMENT_2016 = ROOT / "tests" / "fixtures" / "remissvar-2016.toml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(path: Path) -> Document:
    """Open with python-docx after checking every XML part parses strictly."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name), etree.XMLParser(resolve_entities=False))
    return docx.Document(str(path))


def body_blocks(document: Document) -> list[Paragraph | Table]:
    """The body's paragraphs and tables in document order."""
    blocks: list[Paragraph | Table] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(Paragraph(child, document._body))
        elif child.tag == qn("w:tbl"):
            blocks.append(Table(child, document._body))
    return blocks


def body_paragraphs(document: Document) -> list[Paragraph]:
    """Paragraphs outside tables, in order."""
    return [b for b in body_blocks(document) if isinstance(b, Paragraph)]


@dataclass(frozen=True)
class ListPosition:
    """Where a numbered paragraph sits: its numbering instance, level, format and start."""

    num_id: str
    level: int
    fmt: str
    start: int


def numbering_root(document: Document) -> etree._Element:
    return document.part.numbering_part.element


def list_position(document: Document, paragraph: Paragraph) -> ListPosition | None:
    """Resolve a paragraph's numbering (direct numPr, else its style's) as Word does."""
    ppr = paragraph._p.pPr
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is None:
        style = paragraph.style
        spr = style.element.pPr if style is not None else None
        num_pr = spr.find(qn("w:numPr")) if spr is not None else None
    if num_pr is None or num_pr.find(qn("w:numId")) is None:
        return None
    num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
    ilvl = num_pr.find(qn("w:ilvl"))
    level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
    root = numbering_root(document)
    num = next(n for n in root.iter(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in root.iter(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == abstract_id)
    lvl = next(x for x in abstract.iter(qn("w:lvl")) if x.get(qn("w:ilvl")) == str(level))
    start = int(lvl.find(qn("w:start")).get(qn("w:val")))
    for override in num.iter(qn("w:lvlOverride")):
        start_override = override.find(qn("w:startOverride"))
        if override.get(qn("w:ilvl")) == str(level) and start_override is not None:
            start = int(start_override.get(qn("w:val")))
    return ListPosition(num_id, level, lvl.find(qn("w:numFmt")).get(qn("w:val")), start)


def plain_lines(markdown_lite: str) -> list[str]:
    """What a reader sees of a markdown-lite text with no literal asterisks: one entry a line."""
    lines = []
    for line in markdown_lite.split("\n"):
        line = line.strip()
        if not line:
            continue
        line = re.sub(r"^([-*] |\d+\. )", "", line)
        lines.append(line.replace("*", ""))
    return lines


def header_xml(document: Document) -> str:
    return etree.tostring(document.sections[0].header._element, encoding="unicode")


def header_text(document: Document) -> str:
    return "\n".join(p.text for p in document.sections[0].header.paragraphs)
