"""A Word template, loaded once: its parts read, its tags prepared and compiled.

Templates use docxtpl's tag syntax, so a template made for docxtpl works here:
``{{ value }}`` where it stands, and ``{%p ... %}`` / ``{{p ... }}`` (likewise
``tr``, ``tc`` and ``r``) to make the tag stand for its whole paragraph, table
row, cell or run. Word splits typed text into runs at will (spell checking,
edits), so the tags are first put back together. Each part that can hold tags
(the document, headers, footers, foot- and endnotes) is compiled once in the
sandbox; rendering a draft then only runs the compiled code.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateSyntaxError
from lxml import etree

from wizard.errors import TemplateError
from wizard.paths import default_template
from wizard.render import sandbox
from wizard.render.wordxml import Styles

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = R_NS + "/officeDocument"
TEMPLATE_PART_TYPES = ("/header", "/footer", "/footnotes", "/endnotes")
STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

_TAG_SPAN = re.compile(
    r"\{\{(?:(?!\}\}|</w:p>).)*\}\}|\{%(?:(?!%\}|</w:p>).)*%\}|\{#(?:(?!#\}|</w:p>).)*#\}", re.S
)
_SPLIT_OPEN = re.compile(r"(?<=\{)(?:<[^>]*>)+(?=[{%#])")
_SPLIT_CLOSE = re.compile(r"(?<=[}%#])(?:<[^>]*>)+(?=\})")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def w(tag: str) -> str:
    """A WordprocessingML tag name in Clark notation."""
    return f"{{{W_NS}}}{tag}"


def _clean_tag(match: re.Match[str]) -> str:
    """A tag as the person typed it: without the run markup Word put inside it."""
    text = re.sub(r"<[^>]*>", "", match.group(0))
    return html.unescape(text).translate(_QUOTES)


def prepare(xml: str) -> str:
    """A part's XML as Jinja source: tags made whole, element tags applied, a line per paragraph."""
    xml = _SPLIT_OPEN.sub("", xml)
    xml = _SPLIT_CLOSE.sub("", xml)
    xml = _TAG_SPAN.sub(_clean_tag, xml)
    for element in ("tr", "tc", "p", "r"):
        # The element holding {%p ... %} or {{p ... }} becomes just the tag.
        pattern = (
            rf"<w:{element}[ >](?:(?!<w:{element}[ >]).)*?"
            rf"(\{{%|\{{\{{){element}\s(.*?)(%\}}|\}}\}}).*?</w:{element}>"
        )
        xml = re.sub(pattern, r"\n\1 \2\3", xml, flags=re.S)
    xml = xml.replace("<w:t>", '<w:t xml:space="preserve">')
    # One paragraph per line, so that an error's line number names its paragraph.
    return re.sub(r"(<w:p[ >])", r"\n\1", xml)


def paragraph_text(source: str, line: int | None) -> str:
    """The text of the paragraph on ``line`` of prepared source, for error messages."""
    lines = source.split("\n")
    if line is None or not 1 <= line <= len(lines):
        return ""
    text = re.sub(r"<[^>]*>", "", lines[line - 1])
    return html.unescape(text).strip()


@dataclass
class TemplatePart:
    """One part that holds tags, compiled."""

    name: str
    source: str
    template: Template


@dataclass
class LoadedTemplate:
    """Everything needed to make documents from one template, read and compiled once."""

    path: Path
    entries: list[tuple[zipfile.ZipInfo, bytes]]
    main_part: str
    parts: dict[str, TemplatePart]
    numbering_part: str | None
    styles: Styles
    style_numbering: dict[str, str]  # paragraph style id -> its w:numId
    num_abstract: dict[str, str]  # w:numId -> w:abstractNumId
    decimal_abstract: str
    bullet_abstract: str
    max_num_id: int
    text_width: int
    cache: dict[str, Any] = field(default_factory=dict)  # derived data other modules keep

    def entry(self, name: str) -> bytes | None:
        for info, data in self.entries:
            if info.filename == name:
                return data
        return None


def read_zip(path: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    try:
        with zipfile.ZipFile(path) as archive:
            return [(info, archive.read(info)) for info in archive.infolist()]
    except FileNotFoundError:
        raise TemplateError(f"{path}: mallen finns inte.") from None
    except IsADirectoryError:
        raise TemplateError(f"{path}: är en mapp, inte en Word-mall.") from None
    except PermissionError:
        raise TemplateError(f"{path}: saknar behörighet att läsa mallen.") from None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise TemplateError(f"{path}: är inte en Word-fil (.docx).") from None


def _parse(path: Path, name: str, data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, STRICT)
    except etree.XMLSyntaxError as error:
        raise TemplateError(f"{path}: delen {name} i mallen är trasig ({error}).") from None


def relationships(path: Path, files: dict[str, bytes], part: str) -> list[tuple[str, str]]:
    """(type, target part name) of a part's relationships."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    data = files.get(rels_name)
    if data is None:
        return []
    result = []
    for rel in _parse(path, rels_name, data).iter(f"{{{PKG_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target)
        )
        result.append((rel.get("Type", ""), name))
    return result


def load_template(path: Path) -> LoadedTemplate:
    """Read, check and compile a template; a `TemplateError` names what is wrong."""
    entries = read_zip(path)
    files = {info.filename: data for info, data in entries}
    main = next((target for kind, target in relationships(path, files, "")
                 if kind == OFFICE_DOCUMENT), None)
    if main is None or main not in files:
        raise TemplateError(f"{path}: är inte ett Word-dokument (huvuddelen saknas).")
    for name, data in files.items():
        if name.endswith((".xml", ".rels")):
            _parse(path, name, data)  # every XML part must parse strictly
    related = relationships(path, files, main)
    env = sandbox.make_environment()
    # The default template's compiled code is kept between runs (other templates
    # come and go; caching each would only fill the cache folder).
    cache_key = str(path.resolve())
    cached = cache_key == str(default_template().resolve())
    parts: dict[str, TemplatePart] = {}
    names = [main] + [target for kind, target in related
                      if kind.endswith(TEMPLATE_PART_TYPES) and target in files]
    for name in names:
        try:
            text = files[name].decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateError(f"{path}: delen {name} är inte sparad som UTF-8.") from None
        source = prepare(text)
        try:
            compiled = sandbox.compile_template(
                env, source, cache_as=f"{cache_key}:{name}" if cached else None
            )
        except TemplateSyntaxError as error:
            where = paragraph_text(source, error.lineno)
            raise TemplateError(
                f"{path}: fel i mallens tagg i {name}"
                + (f", i stycket ”{where}”" if where else "")
                + f": {error.message}"
            ) from None
        parts[name] = TemplatePart(name, source, compiled)

    styles_part = next((t for k, t in related if k.endswith("/styles")), None)
    numbering_part = next((t for k, t in related if k.endswith("/numbering")), None)
    if numbering_part is None or numbering_part not in files:
        numbering_part = _add_numbering_part(path, entries, files, main)
    style_ids: dict[str, str] = {}
    style_numbering: dict[str, str] = {}
    if styles_part and styles_part in files:
        for element in _parse(path, styles_part, files[styles_part]).iter(w("style")):
            style_id = element.get(w("styleId"), "")
            name_element = element.find(w("name"))
            if name_element is not None:
                style_ids[name_element.get(w("val"), "").lower()] = style_id
            num = element.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
            if num is not None:
                style_numbering[style_id] = num.get(w("val"), "")
    num_abstract: dict[str, str] = {}
    formats: dict[str, str] = {}
    max_num = 0
    if numbering_part in files:
        numbering = _parse(path, numbering_part, files[numbering_part])
        for abstract in numbering.iter(w("abstractNum")):
            level = abstract.find(f"{w('lvl')}/{w('numFmt')}")
            formats[abstract.get(w("abstractNumId"), "")] = (
                level.get(w("val"), "") if level is not None else ""
            )
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
    if decimal is None or bullet is None:
        # A template without lists of its own: give it the wizard's definitions.
        decimal, bullet = _add_list_definitions(entries, files, numbering_part)
    return LoadedTemplate(
        path=path,
        entries=entries,
        main_part=main,
        parts=parts,
        numbering_part=numbering_part,
        styles=styles,
        style_numbering=style_numbering,
        num_abstract=num_abstract,
        decimal_abstract=decimal,
        bullet_abstract=bullet,
        max_num_id=max_num,
        text_width=_text_width(files[main]),
    )


NUMBERING_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
NUMBERING_REL = R_NS + "/numbering"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def _replace_entry(entries: list[tuple[zipfile.ZipInfo, bytes]], files: dict[str, bytes],
                   name: str, data: bytes) -> None:
    files[name] = data
    for index, (info, _) in enumerate(entries):
        if info.filename == name:
            entries[index] = (info, data)
            return
    entries.append((zipfile.ZipInfo(name), data))


def _xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_numbering_part(path: Path, entries: list[tuple[zipfile.ZipInfo, bytes]],
                        files: dict[str, bytes], main: str) -> str:
    """An empty numbering part, related to the document, for a template made without lists."""
    folder, base = posixpath.split(main)
    name = posixpath.join(folder, "numbering.xml")
    types = _parse(path, "[Content_Types].xml", files["[Content_Types].xml"])
    override = etree.SubElement(types, f"{{{CT_NS}}}Override")
    override.set("PartName", "/" + name)
    override.set("ContentType", NUMBERING_TYPE)
    _replace_entry(entries, files, "[Content_Types].xml", _xml_bytes(types))
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    rels = _parse(path, rels_name, files[rels_name])
    ids = {rel.get("Id") for rel in rels}
    rel_id = next(f"rIdWizard{n}" for n in range(1, 1000) if f"rIdWizard{n}" not in ids)
    rel = etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship")
    rel.set("Id", rel_id)
    rel.set("Type", NUMBERING_REL)
    rel.set("Target", "numbering.xml")
    _replace_entry(entries, files, rels_name, _xml_bytes(rels))
    empty = etree.Element(w("numbering"), nsmap={"w": W_NS})
    _replace_entry(entries, files, name, _xml_bytes(empty))
    return name


def _add_list_definitions(entries: list[tuple[zipfile.ZipInfo, bytes]], files: dict[str, bytes],
                          numbering_part: str) -> tuple[str, str]:
    """Add a numbered and a bullet list definition; returns their abstractNumIds."""
    root = etree.fromstring(files[numbering_part], STRICT)
    used = [int(a.get(w("abstractNumId"), "0")) for a in root.iter(w("abstractNum"))
            if a.get(w("abstractNumId"), "").isdigit()]
    decimal_id, bullet_id = str(max(used, default=0) + 1), str(max(used, default=0) + 2)
    first_num = root.find(w("num"))
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
            root.append(element)
    _replace_entry(entries, files, numbering_part, _xml_bytes(root))
    return decimal_id, bullet_id


def _text_width(document: bytes) -> int:
    """The width between the margins of the last section, in twips (16 cm when unknown)."""
    tail = document[-4000:].decode("utf-8", "ignore")
    size = re.search(r'<w:pgSz[^>]*w:w="(\d+)"', tail)
    left = re.search(r'<w:pgMar[^>]*w:left="(\d+)"', tail)
    right = re.search(r'<w:pgMar[^>]*w:right="(\d+)"', tail)
    if size and left and right:
        return int(size.group(1)) - int(left.group(1)) - int(right.group(1))
    return 9071
