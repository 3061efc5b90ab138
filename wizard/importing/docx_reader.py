"""A Word document read as a person sees it: paragraphs, lists, tables, header lines.

The package comes in through `wizard.storage.bounded.read_docx_members` (size
caps, member names checked, encrypted files refused); python-docx opens it from
memory and finds the parts, and the XML is walked here so that nothing Word can
hold is passed over without a word: text in tracked insertions, hyperlinks,
fields and content controls is read; deleted text, images, text boxes,
footnotes and comments are counted as left out, each with where it was.

Lists are found by Word numbering (a paragraph's own or its style's, with the
number Word would show) and by typed markers ("1.", "–", "•"), so that a
statement typed by hand reads the same as one the wizard made.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from wizard.render.markup import Run
from wizard.storage.bounded import FileReadError, read_docx_members

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
MACRO_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_OFF = {"0", "false", "off", "none"}
# Typed list markers: "1." "2)" and the bullets people type or paste.
_TYPED_NUMBER = re.compile(r"^\s*(\d{1,3})[.)][ \t\u00a0]+(?=\S)")
_TYPED_BULLET = re.compile(r"^\s*[-–—•·▪●◦*][ \t\u00a0]+(?=\S)")


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass(frozen=True)
class ListMark:
    """A list item: which list (``key``), numbered or bullet, its level and number."""

    key: str
    ordered: bool
    level: int = 0
    number: int | None = None
    typed: bool = False


@dataclass
class Para:
    """One paragraph: its runs, look and list position, and what was left out of it."""

    runs: tuple[Run, ...]
    styles: tuple[str, ...] = ()  # the style's name and its bases', lower case
    outline: int | None = None  # 0 for Heading 1, 1 for Heading 2, ...
    mark: ListMark | None = None
    indent: int = 0  # left indentation in twips
    style_bold: bool = False
    dropped: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def all_bold(self) -> bool:
        """Every visible character bold (by the run or by the paragraph's style)."""
        seen = False
        for run in self.runs:
            if run.text.strip():
                seen = True
                if not (run.bold or self.style_bold):
                    return False
        return seen

    def has_style(self, *words: str) -> bool:
        return any(word in name for name in self.styles for word in words)


@dataclass
class Table:
    """A table: rows of cells, each cell its paragraphs (nested tables flattened)."""

    rows: list[list[list[Para]]]

    def cells(self) -> list[list[Para]]:
        return [cell for row in self.rows for cell in row]

    @property
    def text(self) -> str:
        return " | ".join(
            " ".join(p.text.strip() for p in cell if p.text.strip()) for cell in self.cells()
        )


Block = Para | Table


@dataclass
class ReadDocument:
    """The body's blocks in order, the page header's lines and what was left out."""

    blocks: list[Block]
    header_lines: list[str]
    footer_lines: list[str]
    left_out: Counter[str]
    comments: list[str]
    changes: Counter[str]


def load_package(path: Path) -> tuple[Any, dict[str, bytes]]:
    """Open the .docx at ``path`` with python-docx from memory; refuse what is not one.

    Raises `FileReadError` (exit code 2) for a file that is not a Word document,
    a macro document, a password-protected one, or one over the size caps.
    """
    members = read_docx_members(path, what="dokumentet")
    if path.suffix.lower() in (".docm", ".dotm") or "word/vbaProject.bin" in members:
        raise FileReadError(path, "är ett dokument med makron (.docm); det importeras inte. "
                                  "Spara det som .docx (utan makron) i Word först")
    types = members.get("[Content_Types].xml")
    if types is None:
        raise FileReadError(path, "är inte ett Word-dokument (.docx)")
    try:
        root = etree.fromstring(types, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        raise FileReadError(path, "dokumentet är skadat (innehållsförteckningen kan inte läsas)"
                            ) from None
    content_types = {element.get("ContentType", "") for element in root}
    if content_types & MACRO_TYPES or any("macroenabled" in t.lower() for t in content_types):
        raise FileReadError(path, "är ett dokument med makron (.docm); det importeras inte. "
                                  "Spara det som .docx (utan makron) i Word först")
    if not content_types & MAIN_TYPES:
        raise FileReadError(path, "är inte ett Word-dokument (.docx); "
                                  "kalkylark, presentationer och PDF kan inte importeras")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    import docx

    try:
        document = docx.Document(buffer)
    except Exception:  # python-docx raises many kinds for a broken package
        raise FileReadError(path, "dokumentet är skadat och kan inte läsas som .docx") from None
    return document, members


class _Styles:
    """Paragraph and character styles by id, with what the wizard needs to know of each."""

    def __init__(self, document: Any) -> None:
        self.by_id: dict[str, etree._Element] = {}
        try:
            root = document.styles.element
        except Exception:  # a document without a styles part
            root = None
        if root is not None:
            for element in root.iter(w("style")):
                self.by_id[element.get(w("styleId"), "")] = element
        self.default_paragraph = next(
            (sid for sid, e in self.by_id.items()
             if e.get(w("type")) == "paragraph" and e.get(w("default")) in ("1", "true")),
            "Normal",
        )

    def chain(self, style_id: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        current = style_id
        while current and current in self.by_id and len(chain) < 20:
            element = self.by_id[current]
            if element in chain:
                break
            chain.append(element)
            based = element.find(w("basedOn"))
            current = based.get(w("val")) if based is not None else None
        return chain

    def names(self, style_id: str | None) -> tuple[str, ...]:
        names = []
        for element in self.chain(style_id):
            name = element.find(w("name"))
            names.append((name.get(w("val"), "") if name is not None else "").lower())
            names.append((element.get(w("styleId")) or "").lower())
        return tuple(names)

    def first(self, style_id: str | None, path: str) -> etree._Element | None:
        for element in self.chain(style_id):
            found = element.find(path)
            if found is not None:
                return found
        return None


def _on(element: etree._Element | None) -> bool | None:
    if element is None:
        return None
    return element.get(w("val"), "true").lower() not in _OFF


class _Numbering:
    """Word's list numbering: the format and the number each list paragraph shows."""

    def __init__(self, document: Any, styles: _Styles) -> None:
        self.styles = styles
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.abstracts: dict[str, dict[int, tuple[str, int]]] = {}
        self.style_links: dict[str, str] = {}
        self.by_num: dict[str, _ListState] = {}  # each list the first time it is used
        self.current: dict[str, _ListState] = {}  # the list an abstract definition is in
        self.serial = 0
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: no Word lists
            return
        for abstract in root.iter(w("abstractNum")):
            levels: dict[int, tuple[str, int]] = {}
            for lvl in abstract.iter(w("lvl")):
                fmt = lvl.find(w("numFmt"))
                start = lvl.find(w("start"))
                levels[int(lvl.get(w("ilvl"), "0"))] = (
                    fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
                    int(start.get(w("val"), "1")) if start is not None else 1,
                )
            abstract_id = abstract.get(w("abstractNumId"), "")
            self.abstracts[abstract_id] = levels
            link = abstract.find(w("numStyleLink"))
            if link is not None:
                self.style_links[abstract_id] = link.get(w("val"), "")
        for num in root.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            overrides = {}
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    overrides[int(override.get(w("ilvl"), "0"))] = int(start.get(w("val"), "1"))
            self.nums[num.get(w("numId"), "")] = (
                ref.get(w("val"), "") if ref is not None else "", overrides
            )

    def _levels(self, abstract_id: str, depth: int = 0) -> dict[int, tuple[str, int]]:
        levels = self.abstracts.get(abstract_id, {})
        link = self.style_links.get(abstract_id)
        if (not levels or all(not v for v in levels.values())) and link and depth < 3:
            num = self.styles.first(link, f"{w('pPr')}/{w('numPr')}/{w('numId')}")
            if num is not None and num.get(w("val")) in self.nums:
                return self._levels(self.nums[num.get(w("val"), "")][0], depth + 1)
        return levels

    def mark(self, num_id: str, level: int) -> ListMark | None:
        """The list position of the next paragraph of list ``num_id`` at ``level``.

        As in Word, a list without a start override counts on from the last
        list over the same abstract definition, and one with an override begins
        again (LibreOffice writes one list as a first instance with an override
        followed by instances that continue it; the wizard gives each list one
        instance with an override).
        """
        if num_id in ("", "0") or num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self._levels(abstract_id)
        level = max(0, min(level, 8))
        fmt, start = levels.get(level, ("decimal", 1))
        if fmt == "none":
            return None
        state = self.by_num.get(num_id)
        if state is None:
            state = self.current.get(abstract_id)
            if overrides or state is None:
                self.serial += 1
                state = _ListState(self.serial, starts=dict(overrides))
                self.current[abstract_id] = state
            self.by_num[num_id] = state
        start = state.starts.get(level, start)
        current = state.counters[level]
        state.counters[level] = start if current is None else current + 1
        for deeper in range(level + 1, 9):
            state.counters[deeper] = None
        ordered = fmt != "bullet"
        return ListMark(f"list:{state.serial}", ordered, level,
                        state.counters[level] if ordered else None)


@dataclass
class _ListState:
    """One list as a reader counts it: its serial number, counters and start numbers."""

    serial: int
    counters: list[int | None] = field(default_factory=lambda: [None] * 9)
    starts: dict[int, int] = field(default_factory=dict)


class _Reader:
    """Walks the XML of one part, turning paragraphs into `Para` and tables into `Table`."""

    def __init__(self, document: Any, left_out: Counter[str], changes: Counter[str]) -> None:
        self.styles = _Styles(document)
        self.numbering = _Numbering(document, self.styles)
        self.left_out = left_out
        self.changes = changes
        self.in_field_code = False

    # -- blocks

    def blocks(self, container: etree._Element) -> list[Block]:
        found: list[Block] = []
        for child in container:
            tag = child.tag
            if tag == w("p"):
                found.append(self.paragraph(child))
            elif tag == w("tbl"):
                found.append(self.table(child))
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    found.extend(self.blocks(content))
            elif tag in (w("customXml"), w("ins"), w("moveTo")):
                found.extend(self.blocks(child))
            elif tag in (w("del"), w("moveFrom")):
                self.changes["del"] += 1
            elif tag == w("altChunk"):  # a whole other document pasted in (HTML, RTF)
                marker = Para((), dropped=["embedded"])
                self.left_out["embedded"] += 1
                found.append(marker)
        return found

    def table(self, element: etree._Element) -> Table:
        rows = []
        for tr in element.findall(w("tr")):
            cells = []
            for tc in tr:
                if tc.tag == w("sdt"):
                    inner = tc.find(f"{w('sdtContent')}/{w('tc')}")
                    tc = inner if inner is not None else tc
                if tc.tag != w("tc"):
                    continue
                paragraphs: list[Para] = []
                for block in self.blocks(tc):
                    if isinstance(block, Para):
                        paragraphs.append(block)
                    else:
                        paragraphs.extend(p for cell in block.cells() for p in cell)
                cells.append(paragraphs)
            rows.append(cells)
        return Table(rows)

    def paragraph(self, element: etree._Element) -> Para:
        ppr = element.find(w("pPr"))
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = style_el.get(w("val")) if style_el is not None else self.styles.default_paragraph
        if ppr is not None:
            if ppr.find(f"{w('rPr')}/{w('del')}") is not None:
                self.changes["del"] += 1
            if ppr.find(f"{w('rPr')}/{w('ins')}") is not None:
                self.changes["ins"] += 1
            if ppr.find(w("pPrChange")) is not None:
                self.changes["format"] += 1
        names = self.styles.names(style_id)
        outline_el = ppr.find(w("outlineLvl")) if ppr is not None else None
        if outline_el is None:
            outline_el = self.styles.first(style_id, f"{w('pPr')}/{w('outlineLvl')}")
        outline = int(outline_el.get(w("val"), "9")) if outline_el is not None else None
        if outline is not None and outline >= 9:
            outline = None
        heading = next((int(m.group(1)) for n in names
                        if (m := re.match(r"^(?:heading|rubrik)\s*(\d)$", n))), None)
        if outline is None and heading is not None:
            outline = heading - 1
        style_bold = bool(_on(self.styles.first(style_id, f"{w('rPr')}/{w('b')}")))
        dropped: list[str] = []
        runs: list[Run] = []
        self._inline(element, runs, dropped)
        mark = self._word_mark(ppr, style_id)
        indent = self._indent(ppr, style_id)
        para = Para(tuple(runs), names, outline, mark, indent, style_bold, dropped)
        if para.mark is None:
            _typed_mark(para)
        return para

    def _word_mark(self, ppr: etree._Element | None, style_id: str | None) -> ListMark | None:
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        if num_pr is None:
            num_pr = self.styles.first(style_id, f"{w('pPr')}/{w('numPr')}")
        if num_pr is None:
            return None
        num = num_pr.find(w("numId"))
        if num is None:
            return None
        ilvl = num_pr.find(w("ilvl"))
        return self.numbering.mark(num.get(w("val"), ""),
                                   int(ilvl.get(w("val"), "0")) if ilvl is not None else 0)

    def _indent(self, ppr: etree._Element | None, style_id: str | None) -> int:
        ind = ppr.find(w("ind")) if ppr is not None else None
        if ind is None:
            ind = self.styles.first(style_id, f"{w('pPr')}/{w('ind')}")
        if ind is None:
            return 0
        value = ind.get(w("left")) or ind.get(w("start")) or "0"
        try:
            return int(float(value))
        except ValueError:
            return 0

    # -- runs

    def _inline(self, element: etree._Element, runs: list[Run], dropped: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag == w("r"):
                self._run(child, runs, dropped)
            elif tag in (w("del"), w("moveFrom")):
                if any(t.text for t in child.iter(w("delText"), w("t"))):
                    self.changes["del"] += 1
            elif tag in (w("ins"), w("moveTo")):
                self.changes["ins"] += 1
                self._inline(child, runs, dropped)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, runs, dropped)
            elif tag in (w("hyperlink"), w("smartTag"), w("customXml"), w("fldSimple"),
                         w("dir"), w("bdo")):
                self._inline(child, runs, dropped)
            elif tag == f"{{{MC_NS}}}AlternateContent":
                self._note(dropped, "figure")
            elif tag == w("pPr"):
                continue
            elif child.tag.endswith("}oMath") or child.tag.endswith("}oMathPara"):
                self._note(dropped, "formula")

    def _note(self, dropped: list[str], what: str) -> None:
        dropped.append(what)
        self.left_out[what] += 1

    def _run(self, run: etree._Element, runs: list[Run], dropped: list[str]) -> None:
        rpr = run.find(w("rPr"))
        bold = italic = False
        hidden = False
        if rpr is not None:
            char_style = rpr.find(w("rStyle"))
            char_id = char_style.get(w("val")) if char_style is not None else None
            bold = bool(_on(rpr.find(w("b"))) if rpr.find(w("b")) is not None
                        else _on(self.styles.first(char_id, f"{w('rPr')}/{w('b')}")))
            italic = bool(_on(rpr.find(w("i"))) if rpr.find(w("i")) is not None
                          else _on(self.styles.first(char_id, f"{w('rPr')}/{w('i')}")))
            hidden = bool(_on(rpr.find(w("vanish"))))
            if rpr.find(w("rPrChange")) is not None:
                self.changes["format"] += 1
        text: list[str] = []
        for child in run:
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                self.in_field_code = kind == "begin"
            elif self.in_field_code:
                continue
            elif tag == w("t"):
                text.append(child.text or "")
            elif tag == w("tab"):
                text.append("\t")
            elif tag in (w("br"), w("cr")):
                if child.get(w("type")) not in ("page", "column"):
                    text.append("\n")
            elif tag == w("noBreakHyphen"):
                text.append("\u2011")
            elif tag == w("sym"):
                code = child.get(w("char"), "")
                with contextlib.suppress(ValueError):
                    text.append(chr(int(code, 16)))
            elif tag in (w("drawing"), w("pict"), w("object"), f"{{{MC_NS}}}AlternateContent"):
                boxes = [t.text or "" for t in child.iter(w("t"))]
                self._note(dropped, "textbox" if any(b.strip() for b in boxes) else "image")
            elif tag == w("footnoteReference"):
                self._note(dropped, "footnote")
            elif tag == w("endnoteReference"):
                self._note(dropped, "endnote")
            elif tag == w("commentReference"):
                continue  # the comments themselves are read from their own part
            elif tag == w("delText"):
                self.changes["del"] += 1
        joined = "".join(text)
        if hidden and joined.strip():
            self._note(dropped, "hidden")
            return
        if joined:
            runs.append(Run(joined, bold, italic))


def strip_prefix(runs: tuple[Run, ...], count: int) -> tuple[Run, ...]:
    """The runs without their first ``count`` characters."""
    result: list[Run] = []
    for run in runs:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        result.append(Run(run.text[count:], run.bold, run.italic))
        count = 0
    return tuple(result)


def _typed_mark(para: Para) -> None:
    """A list item typed by hand ("1. ", "– ", "• "): the marker becomes list structure."""
    text = para.text
    number = _TYPED_NUMBER.match(text)
    if number:
        para.mark = ListMark("typed:number", True, 0, int(number.group(1)), typed=True)
        para.runs = strip_prefix(para.runs, number.end())
        return
    bullet = _TYPED_BULLET.match(text)
    if bullet:
        para.mark = ListMark("typed:bullet", False, 0, None, typed=True)
        para.runs = strip_prefix(para.runs, bullet.end())


def read_document(path: Path) -> ReadDocument:
    """Read the statement at ``path``; raises `FileReadError` for anything but a .docx."""
    document, members = load_package(path)
    left_out: Counter[str] = Counter()
    changes: Counter[str] = Counter()
    reader = _Reader(document, left_out, changes)
    try:
        body = document.element.body
    except Exception:
        raise FileReadError(path, "dokumentet är skadat (brödtexten saknas)") from None
    blocks = reader.blocks(body)
    header_lines: list[str] = []
    footer_lines: list[str] = []
    for rel in document.part.rels.values():
        if rel.is_external:
            continue
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind not in ("header", "footer"):
            continue
        part_reader = _Reader(document, Counter(), Counter())
        lines = header_lines if kind == "header" else footer_lines
        for block in part_reader.blocks(rel.target_part.element):
            paragraphs = [block] if isinstance(block, Para) else [
                p for cell in block.cells() for p in cell]
            for paragraph in paragraphs:
                text = paragraph.text.strip()
                if text and text not in lines:
                    lines.append(text)
        if part_reader.left_out:
            left_out["header_image" if kind == "header" else "footer_image"] += sum(
                part_reader.left_out.values())
    comments: list[str] = []
    comments_xml = members.get("word/comments.xml")
    if comments_xml:
        try:
            root = etree.fromstring(comments_xml, etree.XMLParser(resolve_entities=False))
            for comment in root.iter(w("comment")):
                comments.append(" ".join((t.text or "") for t in comment.iter(w("t"))).strip())
        except etree.XMLSyntaxError:
            comments.append("")
    return ReadDocument(blocks, header_lines, footer_lines, left_out, comments, changes)
