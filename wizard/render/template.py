"""A Word template, read once and rendered by docxtpl's `DocxTemplate`.

Templates are docxtpl templates, and everything docxtpl documents works in
them: ``{{ value }}``, ``{%p ... %}`` / ``{{p ... }}`` (likewise ``tr``, ``tc``
and ``r``), ``{%-`` and ``-%}``, ``{% colspan %}``, ``{% cellbg %}``,
``{% vm %}``, ``{% hm %}``, ``{{r RichText(...) }}``, ``Listing`` and an
``InlineImage`` (the organisation's ``logo``). See
https://docxtpl.readthedocs.io/ for the syntax.

`WizardTemplate` is a subclass of `DocxTemplate` that changes only what the
wizard needs and docxtpl leaves to its caller:

- the template is read once, through the bounded reader (a zip bomb or a
  member name outside the package is refused), and each render starts from
  a copy of it as python-docx opened it, not from the file;
- docxtpl's tag preparation (`patch_xml`) and Jinja's compilation are kept
  per process, so a batch renders each draft without preparing or compiling
  the template again (the environment's `from_string` keeps compiled code);
- Jinja runs in the wizard's sandbox with its time and memory limits;
- every rendered part is parsed strictly (docxtpl would quietly "recover"
  broken XML);
- the document is written with `zipfile` (`write_package`), the parts no
  render changes copied as they were compressed when the template was read.
"""

from __future__ import annotations

import copy
import io
import re
import threading
import zipfile
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.spec import default_content_types
from docxtpl import DocxTemplate, Listing, RichText, RichTextParagraph
from lxml import etree

from wizard.errors import RenderError, TemplateError
from wizard.render import sandbox
from wizard.render.proofing import without_marks
from wizard.render.wordxml import Styles
from wizard.storage.bounded import FileReadError, read_docx_members

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

TEMPLATE_FILE_LIMIT = 20 * 1024 * 1024  # bytes of a .docx template (logos included)
TEMPLATE_PART_LIMIT = 16 * 1024 * 1024  # inflated bytes of one part
TEMPLATE_TOTAL_LIMIT = 64 * 1024 * 1024  # inflated bytes of all parts
TAGGED_PART_LIMIT = 2 * 1024 * 1024  # bytes of XML in one part that holds tags

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_MAIN_TYPES = {
    # A Word template (.dotx, .dotm) opened as the document it makes.
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml":
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml":
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
}


def w(tag: str) -> str:
    """A WordprocessingML tag name in Clark notation."""
    return f"{{{W_NS}}}{tag}"


def strip_xml(text: str) -> str:
    """The text of an XML fragment, for messages: tags removed, references resolved."""
    import html

    return html.unescape(re.sub(r"<[^>]*>", "", text))


@dataclass
class LoadedTemplate:
    """Everything needed to make documents from one template, read and compiled once."""

    path: Path
    data: bytes  # the package each render starts from (with list definitions added)
    env: sandbox.Sandbox
    sources: dict[str, str]  # part name -> Jinja source, as docxtpl prepares it
    styles: Styles
    style_numbering: dict[str, str]  # paragraph style id -> its w:numId
    num_abstract: dict[str, str]  # w:numId -> w:abstractNumId
    decimal_abstract: str
    bullet_abstract: str
    max_num_id: int
    text_width: int
    patched: dict[str, str] = field(default_factory=dict)  # docxtpl's prepared XML, by input
    document: Any = None  # the template opened by python-docx, never rendered into
    unchanged: UnchangedParts | None = None  # the parts every document copies as they are
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fresh_document(self) -> Any:
        """A copy of the opened template for one render to change.

        A deep copy takes ~0.6 ms where opening the package again took ~3.5 ms, a
        sixth of each document in a batch (`make bench`'s batch row). The parts
        no render changes (`UnchangedParts`) are not copied but shared with the
        template, which halves the copy (the styles are most of it); they are
        written from the archive anyway. The lock keeps a render in the TUI's
        worker thread from copying while another thread does.
        """
        assert self.unchanged is not None
        shared = {id(part): part for part in self.unchanged.parts}
        with self.lock:
            return copy.deepcopy(self.document, shared)

    def docx_template(self) -> WizardTemplate:
        """A fresh docxtpl template over this one's bytes, sharing the compiled parts."""
        return WizardTemplate(self)


class WizardTemplate(DocxTemplate):
    """docxtpl's template, started from bytes in memory, with its work kept between renders."""

    docx: Any
    is_rendered: bool

    def __init__(self, loaded: LoadedTemplate) -> None:
        super().__init__(io.BytesIO(loaded.data))
        self.loaded = loaded

    def init_docx(self, reload: bool = True) -> None:
        if not self.docx or (self.is_rendered and reload):
            self.docx = self.loaded.fresh_document()
            self.is_rendered = False

    def patch_xml(self, src_xml: str) -> str:
        """docxtpl's tag preparation, done once per part and process.

        docxtpl's regular expressions take time that grows with the square of
        a part's size when a tag is left open, and no time limit can stop a
        regular expression; so a part is first checked to be of a sane size,
        with every tag closed in the paragraph that opens it.
        """
        patched = self.loaded.patched.get(src_xml)
        if patched is None:
            check_tags_closed(src_xml, self.loaded.path)
            patched = super().patch_xml(src_xml)
            self.loaded.patched[src_xml] = patched
        return patched

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's `Listing` handling, skipped when no text holds what it changes.

        It turns tabs, BEL, line feeds and form feeds in the rendered text into
        Word's tabs, paragraphs, line breaks and page breaks, and leaves all
        else as it is. The wizard's own values never hold them (they are Word
        XML already), so most documents need not be searched: that search was
        a third of the time docxtpl took to render the seed statement.
        """
        if _LISTING_CHARACTERS.search(xml) is None:
            return xml
        return str(super().resolve_listing(xml))

    def fix_tables(self, xml: str) -> Any:
        """The rendered body, parsed strictly; docxtpl's column fixing only where needed.

        docxtpl parses the body again to even out a table whose rows a ``{%tc %}``
        loop gave more or fewer cells than its grid has columns; when no table
        needs that, the strict parse is the body (one parse of the largest part).
        """
        tree = strict_xml(xml, self.loaded.path, "word/document.xml")
        if all(_grid_fits(table) for table in tree.iter(_TBL)):
            return tree
        return super().fix_tables(xml)

    def map_headers_footers_xml(self, relKey: str, xml: bytes) -> None:
        part = self.docx._part.rels[relKey].target_part
        strict_xml(xml, self.loaded.path, str(part.partname).lstrip("/"))
        super().map_headers_footers_xml(relKey, xml)

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        """docxtpl's templated document properties, as plain text (not Word XML)."""
        properties = self.docx.core_properties
        for name in ("author", "comments", "identifier", "language", "subject", "title"):
            initial = getattr(properties, name)
            if not initial or "{" not in initial:
                continue
            rendered = self.loaded.env.from_string(initial).render(context)
            text = " ".join(without_marks(strip_xml(rendered)).split())
            setattr(properties, name, text[:255])  # python-docx's limit for a property

    def package_bytes(self) -> bytes:
        """The rendered document as a .docx package, in memory.

        Written with `zipfile` instead of docxtpl's `save`: the parts no render
        changes were compressed once, when the template was read, and are
        copied as they are (see `UnchangedParts`); only the parts a render
        writes are serialised and compressed again. That takes ~1.5 ms where
        python-docx's save took ~4 ms, a tenth of each document in a batch
        (`make bench`). docxtpl's picture and media replacement
        (`replace_pic`, `replace_media`, `replace_zipname`) would need its own
        save; the wizard does not use them, and a template cannot reach them.
        """
        assert self.loaded.unchanged is not None
        return write_package(self.docx.part.package, self.loaded.unchanged)

    def raw_parts(self) -> list[tuple[str, str]]:
        """(part name, XML) of every part docxtpl renders, as `render` hands it to `patch_xml`.

        Read from the opened template itself, not a copy: nothing here changes it.
        """
        self.docx, self.is_rendered = self.loaded.document, False
        try:
            parts = [("word/document.xml", self.get_xml())]
            for uri in (self.HEADER_URI, self.FOOTER_URI):
                for _, part in self.get_headers_footers(uri):
                    parts.append((str(part.partname).lstrip("/"), self.get_part_xml(part)))
            for part in self.docx.part.package.parts:
                if part.content_type == FOOTNOTES_TYPE:
                    blob = part.blob
                    parts.append((str(part.partname).lstrip("/"),
                                  blob.decode("utf-8") if isinstance(blob, bytes) else blob))
        finally:
            self.docx = None  # a render of this template object starts from a copy
        return parts


# Parts that no render changes: the document, headers, footers, footnotes, settings,
# numbering and properties are written for each document; these are the same in all.
_UNCHANGED_TYPES = frozenset({
    CT.WML_STYLES, CT.OFC_THEME, CT.WML_FONT_TABLE, CT.WML_WEB_SETTINGS,
    CT.OFC_EXTENDED_PROPERTIES, CT.OFC_CUSTOM_XML_PROPERTIES, CT.XML, CT.X_FONTDATA,
    CT.X_FONT_TTF, "application/vnd.openxmlformats-officedocument.obfuscatedFont",
})
_RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


@dataclass(frozen=True)
class UnchangedParts:
    """The template's parts that every document has as they are, compressed once.

    ``archive`` is a .docx-to-be holding only those parts (and their
    relationships); `write_package` appends the rest of each document to it.
    """

    archive: bytes
    parts: tuple[Any, ...]  # the template's own part objects, shared by every copy

    @cached_property
    def names(self) -> frozenset[str]:
        """Their part names ("/word/styles.xml")."""
        return frozenset(str(part.partname) for part in self.parts)

    @classmethod
    def of(cls, package: Any) -> UnchangedParts:
        buffer = io.BytesIO()
        parts = []
        with zipfile.ZipFile(buffer, "w") as archive:
            for part in package.iter_parts():
                if part.content_type in _UNCHANGED_TYPES or part.content_type.startswith("image/"):
                    _add_member(archive, part.partname.membername, part.blob)
                    if part.rels:
                        _add_member(archive, part.partname.rels_uri.membername, part.rels.xml)
                    parts.append(part)
        return cls(buffer.getvalue(), tuple(parts))


def write_package(package: Any, unchanged: UnchangedParts) -> bytes:
    """A python-docx package as .docx bytes: ``unchanged``'s parts as they are, the rest written.

    Appending to a zip archive keeps its members' compressed bytes, so those
    parts are neither serialised nor compressed again.
    """
    buffer = io.BytesIO(unchanged.archive)
    buffer.seek(0, io.SEEK_END)
    parts = list(package.iter_parts())
    with zipfile.ZipFile(buffer, "a") as archive:
        _add_member(archive, "[Content_Types].xml", _content_types(parts))
        _add_member(archive, "_rels/.rels", package.rels.xml)
        for part in parts:
            if str(part.partname) in unchanged.names:
                continue
            _add_member(archive, part.partname.membername, part.blob)
            if part.rels:
                _add_member(archive, part.partname.rels_uri.membername, part.rels.xml)
    return buffer.getvalue()


def _add_member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    # Dated 1980-01-01: the same document gives the same bytes.
    archive.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)


def _content_types(parts: list[Any]) -> bytes:
    """The package's ``[Content_Types].xml``: python-docx's defaults by extension, else by part."""
    return _content_types_xml(tuple((str(part.partname), part.partname.ext, part.content_type)
                                    for part in parts))


@lru_cache(maxsize=8)
def _content_types_xml(parts: tuple[tuple[str, str, str], ...]) -> bytes:
    """`_content_types` of (name, extension, content type); the documents of one template
    have the same parts, so it is made once per template (~0.2 ms a document)."""
    root = etree.Element(f"{{{_TYPES_NS}}}Types", nsmap={None: _TYPES_NS})
    defaults = {"rels": _RELS_TYPE, "xml": CT.XML}
    overrides = []
    for name, extension, content_type in parts:
        extension = extension.lower()
        if (extension, content_type) in default_content_types:
            defaults.setdefault(extension, content_type)
        if defaults.get(extension) != content_type:
            overrides.append((name, content_type))
    for extension, content_type in sorted(defaults.items()):
        etree.SubElement(root, f"{{{_TYPES_NS}}}Default", Extension=extension,
                         ContentType=content_type)
    for name, content_type in overrides:
        etree.SubElement(root, f"{{{_TYPES_NS}}}Override", PartName=name,
                         ContentType=content_type)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


_TBL = f"{{{W_NS}}}tbl"


def _grid_fits(table: etree._Element) -> bool:
    """Whether docxtpl's `fix_tables` would leave ``table`` as it is.

    It adds grid columns when a row has more cells than the grid, and removes
    them when no row (counting ``w:gridSpan``) fills the grid.
    """
    grid = table.find(w("tblGrid"))
    if grid is None:
        return False  # docxtpl's own handling, whatever it makes of it
    columns = len(grid.findall(w("gridCol")))
    widest = 0
    for row in table.iter(w("tr")):
        cells = row.findall(w("tc"))
        if len(cells) > columns:
            return False
        spanned = 0
        for cell in cells:
            span = cell.find(f"{w('tcPr')}/{w('gridSpan')}")
            spanned += int(span.get(w("val"), "1")) if span is not None else 1
        widest = max(widest, spanned)
    return widest >= columns


class UnclosedTagError(TemplateError):
    """A part that docxtpl cannot prepare safely: too big, or a tag left open."""


_LISTING_CHARACTERS = re.compile("[\t\a\n\f]")
_OPENER = re.compile(r"\{[{%#]")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}


def unclosed_tag(text: str) -> str | None:
    """The first tag opened in ``text`` (a paragraph's text) and not closed after it, or None."""
    position = 0
    while True:
        found = _OPENER.search(text, position)
        if found is None:
            return None
        end = text.find(_CLOSER[found.group(0)], found.end())
        if end < 0:
            return text[found.start():found.start() + 60]
        position = end + 2


def check_tags_closed(xml: str, path: Path) -> None:
    """Refuse a part too large to prepare, or with a tag its paragraph does not close."""
    if len(xml) > TAGGED_PART_LIMIT:
        raise UnclosedTagError(
            f"{path}: en del av mallen är för stor ({len(xml) // 1024} kB text; "
            f"högst {TAGGED_PART_LIMIT // 1024} kB)."
        )
    if "{" not in xml:
        return
    root = etree.fromstring(xml.encode("utf-8"), STRICT)
    for paragraph in root.iter(w("p")):
        text = "".join(node.text or "" for node in paragraph.iter(w("t")))
        tag = unclosed_tag(text)
        if tag is not None:
            raise UnclosedTagError(
                f"{path}: taggen ”{strip_xml(tag)}” stängs inte i sitt stycke "
                f"(”{text[:120]}”); en tagg måste sluta i samma stycke som den börjar."
            )


def _braces_as_references(xml: str) -> str:
    return xml.replace("{", "&#123;").replace("}", "&#125;")


class TemplateRichText(RichText):
    """docxtpl's `RichText` for templates (``{{r RichText('…', bold=True) }}``).

    Its braces are written as character references, like every value's, so
    that docxtpl's ``{_{`` → ``{{`` replacement cannot change the text.
    """

    xml: str

    def add(self, text: Any, *args: Any, **kwargs: Any) -> None:
        start = len(self.xml)
        super().add(text, *args, **kwargs)
        self.xml = self.xml[:start] + _braces_as_references(self.xml[start:])


class TemplateRichTextParagraph(RichTextParagraph):
    """docxtpl's `RichTextParagraph` (``{{p RichTextParagraph(…) }}``), braces protected."""

    xml: str

    def add(self, text: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(text, RichText):
            text = TemplateRichText(text)
        start = len(self.xml)
        super().add(text, *args, **kwargs)
        self.xml = self.xml[:start] + _braces_as_references(self.xml[start:])


class TemplateListing(Listing):
    """docxtpl's `Listing` (``\n`` a line break, ``\a`` a new paragraph), braces protected."""

    xml: str

    def __init__(self, text: Any) -> None:
        super().__init__(text)
        self.xml = _braces_as_references(self.xml)


# What a template can call besides the values: docxtpl's own helpers.
TEMPLATE_GLOBALS: dict[str, Any] = {
    "RichText": TemplateRichText,
    "R": TemplateRichText,
    "RichTextParagraph": TemplateRichTextParagraph,
    "RP": TemplateRichTextParagraph,
    "Listing": TemplateListing,
}


def _as_rendered(xml: str) -> str:
    """What docxtpl's `render_xml_part` compiles: a line per paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def strict_xml(xml: str | bytes, path: Path, part: str) -> etree._Element:
    """Parse rendered XML strictly; a template that made broken XML stops here, not in Word."""
    try:
        return etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml, STRICT)
    except etree.XMLSyntaxError as error:
        raise RenderError(
            f"{path.name}: mallen gav trasig XML i {part} ({error}); "
            "kontrollera taggarna med ”wizard template check”."
        ) from None


def read_template_members(path: Path) -> dict[str, bytes]:
    """The template's parts, read within caps (a zip bomb stops early), names checked."""
    try:
        return read_docx_members(
            path,
            file_limit=TEMPLATE_FILE_LIMIT,
            part_limit=TEMPLATE_PART_LIMIT,
            total_limit=TEMPLATE_TOTAL_LIMIT,
            what="mallen",
        )
    except FileReadError as error:
        raise TemplateError(error.message) from None


def open_package(path: Path, members: dict[str, bytes]) -> tuple[Any, bytes]:
    """The template as a python-docx document, and the package it was opened from.

    Every XML part must parse strictly first. The package is written again
    uncompressed (`zipfile`), from the members as read, which makes opening
    it for each render cheaper.
    """
    for name, data in members.items():
        if name.endswith((".xml", ".rels")):
            try:
                etree.fromstring(data, STRICT)
            except etree.XMLSyntaxError as error:
                raise TemplateError(
                    f"{path}: delen {name} i mallen är trasig ({error})."
                ) from None
    types = members.get("[Content_Types].xml", b"")
    for template_type, document_type in _MAIN_TYPES.items():
        types = types.replace(template_type.encode(), document_type.encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)  # dated 1980-01-01: the same bytes each time
            archive.writestr(info, types if name == "[Content_Types].xml" else data)
    try:
        return Document(io.BytesIO(buffer.getvalue())), buffer.getvalue()
    except Exception:  # python-docx raises many kinds for a package it cannot use
        raise TemplateError(
            f"{path}: är inte ett Word-dokument (huvuddelen saknas eller är skadad)."
        ) from None


def read_template(path: Path, *, unreadable: dict[str, str] | None = None) -> LoadedTemplate:
    """Read a template and prepare its parts (docxtpl's tag preparation), not yet compiled.

    A part docxtpl cannot prepare raises `UnclosedTagError`; with
    ``unreadable``, it is recorded there (part name -> message) instead, so
    that `template check` can go on and name every problem.
    """
    with sandbox.memory_limit():
        document, data = open_package(path, read_template_members(path))
        analysis = _analyse(document)
        if analysis.pop("changed"):  # list definitions added: the package is a new one
            out = io.BytesIO()
            document.save(out)
            data = out.getvalue()
        env = sandbox.make_environment()
        env.globals.update(TEMPLATE_GLOBALS)
        loaded = LoadedTemplate(path=path, data=data, env=env, sources={}, document=document,
                                unchanged=UnchangedParts.of(document.part.package), **analysis)
        template = loaded.docx_template()
        for name, xml in template.raw_parts():
            try:
                loaded.sources[name] = _as_rendered(template.patch_xml(xml))
            except UnclosedTagError as error:
                if unreadable is None:
                    raise
                unreadable[name] = error.message
    return loaded


def load_template(path: Path) -> LoadedTemplate:
    """Read, check and compile a template; a `TemplateError` names what is wrong."""
    loaded = read_template(path)
    with sandbox.memory_limit():
        for name, source in loaded.sources.items():
            try:
                loaded.env.from_string(source)  # compiled now, kept for every render
            except sandbox.TemplateSyntaxError as error:
                raise TemplateError(syntax_message(path, name, source, error)) from None
    return loaded


def syntax_message(path: Path, part: str, source: str, error: Any) -> str:
    """A syntax error in Swedish with the paragraph as typed; Jinja's words as a detail."""
    where = paragraph_text(source, error.lineno)
    return (
        f"{path}: fel i mallens taggar i {part}"
        + (f", i stycket ”{where}”" if where else "")
        + f" ({error.message})."
    )


def paragraph_text(source: str, line: int | None, needle: str = "") -> str:
    """The text of the paragraph on ``line`` of prepared source, for messages.

    A line holds one paragraph, followed by the tags of any ``{%p … %}``
    paragraphs docxtpl has reduced to their tag; those are left out, unless
    ``needle`` (what the message is about) is found only there.
    """
    lines = source.split("\n")
    if line is None or not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1]
    end = text.rfind("</w:p>")
    own, rest = (text[:end], text[end:]) if end >= 0 else (text, "")
    own_text, rest_text = strip_xml(own).strip(), strip_xml(rest).strip()
    if needle and needle not in own_text and needle in rest_text:
        return rest_text
    return own_text or rest_text


def _analyse(document: Any) -> dict[str, Any]:
    """Styles, numbering and text width the wizard's own paragraphs need (adds lists if none)."""
    style_ids: dict[str, str] = {}
    style_numbering: dict[str, str] = {}
    for element in document.styles.element.iter(w("style")):
        style_id = element.get(w("styleId"), "")
        name_element = element.find(w("name"))
        if name_element is not None:
            style_ids[name_element.get(w("val"), "").lower()] = style_id
        num = element.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
        if num is not None:
            style_numbering[style_id] = num.get(w("val"), "")
    had_numbering = document.part.package is not None and any(
        rel.reltype.endswith("/numbering") for rel in document.part.rels.values()
    )
    numbering = _numbering_element(document)
    formats: dict[str, str] = {}
    for abstract in numbering.iter(w("abstractNum")):
        level = abstract.find(f"{w('lvl')}/{w('numFmt')}")
        formats[abstract.get(w("abstractNumId"), "")] = (
            level.get(w("val"), "") if level is not None else ""
        )
    num_abstract: dict[str, str] = {}
    max_num = 0
    for num in numbering.iter(w("num")):
        num_id = num.get(w("numId"), "0")
        ref = num.find(w("abstractNumId"))
        num_abstract[num_id] = ref.get(w("val"), "") if ref is not None else ""
        max_num = max(max_num, int(num_id) if num_id.isdigit() else 0)

    def style(*candidates: str) -> str | None:
        return next((style_ids[c] for c in candidates if c in style_ids), None)

    styles = Styles(
        list_number=style("list number"),
        list_bullet=style("list bullet"),
        list_continue=style("list continue"),
        table_text=style("tabelltext"),
        signature=style("underskrift", "tabelltext"),
    )

    def abstract_for(style_id: str | None, fmt: str) -> str | None:
        if style_id and style_id in style_numbering:
            return num_abstract.get(style_numbering[style_id])
        return next((a for a, f in formats.items() if (f == "bullet") == (fmt == "bullet")), None)

    decimal = abstract_for(styles.list_number, "decimal")
    bullet = abstract_for(styles.list_bullet, "bullet")
    added = decimal is None or bullet is None
    if decimal is None or bullet is None:
        decimal, bullet = _add_list_definitions(numbering)
    return {
        "changed": added or not had_numbering,
        "styles": styles,
        "style_numbering": style_numbering,
        "num_abstract": num_abstract,
        "decimal_abstract": decimal,
        "bullet_abstract": bullet,
        "max_num_id": max_num,
        "text_width": _text_width(document),
    }


def _numbering_element(document: Any) -> etree._Element:
    """The numbering part's root; a template made without lists gets an empty part."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.oxml import parse_xml
    from docx.parts.numbering import NumberingPart

    try:
        return document.part.numbering_part.element
    except NotImplementedError:  # python-docx cannot make the part itself
        element = parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>')
        part = NumberingPart(PackURI("/word/numbering.xml"), CONTENT_TYPE.WML_NUMBERING,
                             element, document.part.package)
        document.part.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)
        return element


def _add_list_definitions(numbering: etree._Element) -> tuple[str, str]:
    """Add a numbered and a bullet list definition; returns their abstractNumIds."""
    used = [int(a.get(w("abstractNumId"), "0")) for a in numbering.iter(w("abstractNum"))
            if a.get(w("abstractNumId"), "").isdigit()]
    decimal_id, bullet_id = str(max(used, default=0) + 1), str(max(used, default=0) + 2)
    first_num = numbering.find(w("num"))
    for abstract_id, fmt, text in ((decimal_id, "decimal", "%{n}."), (bullet_id, "bullet", "•")):
        levels = "".join(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text.format(n=level + 1)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{357 * (level + 1)}" w:hanging="357"/></w:pPr></w:lvl>'
            for level in range(9)
        )
        element = etree.fromstring(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        )
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    return decimal_id, bullet_id


def _text_width(document: Any) -> int:
    """The width between the margins of the last section, in twips (16 cm when unknown)."""
    try:
        section = document.sections[-1]
        width = section.page_width - section.left_margin - section.right_margin
        return int(width.twips) if width > 0 else 9071
    except (IndexError, TypeError, AttributeError):
        return 9071

