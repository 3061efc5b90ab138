"""Build ``templates/tjansteutlatande.docx``, the default Word template.

Run ``python templates/build_template.py`` (or ``make template``) after changing
this file; the .docx is committed next to it so that the wizard needs no build
step. The result is an ordinary Word document with docxtpl-style Jinja tags
that a person can restyle in Word or LibreOffice:

- ``{{ referral.title }}`` prints a value where it stands;
- a paragraph holding only ``{%p ... %}`` (a condition or a loop) is removed and
  only its tag is kept, so whole paragraphs can be repeated or left out;
- ``{{p texts.summary }}`` replaces its paragraph with the Word paragraphs and
  lists that the draft's text becomes.

Every look is a named style (Normal, Title, Subtitle, Heading 1, Heading 2, List
Number, List Bullet, List Continue, Header, and the template's own Etikett,
Tabelltext, Underskrift and Slut), so a Word user changes the fonts in one place. The page is
A4 with 2.5 cm margins; the document language is Swedish (sv-SE). The layout,
and the names a template can use, are described in ``docs/document-layout.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
TARGET = HERE / "tjansteutlatande.docx"

SERIF = "Times New Roman"
SANS = "Arial"
TEXT_WIDTH = Cm(16)  # A4 21 cm minus two margins of 2.5 cm
INDENT = 425  # twips per list level (0.75 cm), as `wizard.render.wordxml.INDENT`

W = nsdecls("w")


def fonts(face: str) -> str:
    return f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:cs="{face}"/>'


# Paragraph styles: (style id, name, based on, pPr children, rPr children).
STYLES: list[tuple[str, str, str | None, str, str]] = [
    ("Normal", "Normal", None,
     '<w:widowControl/><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>', ""),
    ("Title", "Title", "Normal",
     '<w:keepNext/><w:spacing w:before="480" w:after="60"/>',
     f'{fonts(SANS)}<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/>'),
    ("Subtitle", "Subtitle", "Normal", '<w:spacing w:after="60"/>', ""),
    ("Heading1", "heading 1", "Normal",
     '<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="80"/><w:outlineLvl w:val="0"/>',
     f'{fonts(SANS)}<w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/>'),
    ("Heading2", "heading 2", "Normal",
     '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="60"/><w:outlineLvl w:val="1"/>',
     f'{fonts(SANS)}<w:b/><w:bCs/><w:sz w:val="22"/><w:szCs w:val="22"/>'),
    # One rule for every list: no space between the items of a list, the body's
    # 6 pt after it (contextual spacing), and a 0.75 cm hanging indent, room for "10.".
    ("ListNumber", "List Number", "Normal",
     f'<w:numPr><w:numId w:val="1"/></w:numPr><w:ind w:left="{INDENT}" w:hanging="{INDENT}"/>'
     '<w:contextualSpacing/>', ""),
    ("ListBullet", "List Bullet", "Normal",
     f'<w:numPr><w:numId w:val="2"/></w:numPr><w:ind w:left="{INDENT}" w:hanging="{INDENT}"/>'
     '<w:contextualSpacing/>', ""),
    ("ListContinue", "List Continue", "Normal", f'<w:ind w:left="{INDENT}"/>', ""),
    ("Header", "header", "Normal",
     '<w:tabs><w:tab w:val="clear" w:pos="4680"/><w:tab w:val="clear" w:pos="9360"/>'
     f'<w:tab w:val="right" w:pos="{TEXT_WIDTH.twips}"/></w:tabs>'
     '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
     f'{fonts(SANS)}<w:sz w:val="18"/><w:szCs w:val="18"/>'),
    ("Etikett", "Etikett", "Normal", '<w:spacing w:after="0"/>',
     f'{fonts(SANS)}<w:sz w:val="16"/><w:szCs w:val="16"/>'),
    ("Tabelltext", "Tabelltext", "Normal", '<w:spacing w:after="0"/>', ""),
    ("Underskrift", "Underskrift", "Tabelltext",
     '<w:keepNext/><w:spacing w:before="480" w:after="0"/>', ""),
    ("Slut", "Slut", "Normal", '<w:spacing w:before="360" w:after="240"/>', ""),
]

# Numbered and bullet lists for the List Number and List Bullet styles; the
# wizard adds a numbering instance per list, so each list restarts at its start.
_DECIMAL_LEVELS = "".join(
    f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    f'<w:lvlText w:val="%{level + 1}."/><w:lvlJc w:val="left"/>'
    f'<w:pPr><w:ind w:left="{INDENT * (level + 1)}" w:hanging="{INDENT}"/></w:pPr></w:lvl>'
    for level in range(9)
)
_BULLET_LEVELS = "".join(
    f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
    f'<w:lvlText w:val="{"•–"[level % 2]}"/><w:lvlJc w:val="left"/>'
    f'<w:pPr><w:ind w:left="{INDENT * (level + 1)}" w:hanging="{INDENT}"/></w:pPr>'
    f'<w:rPr>{fonts(SANS)}</w:rPr></w:lvl>'
    for level in range(9)
)
NUMBERING = (
    f'<w:numbering {W}>'
    f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>'
    f'<w:styleLink w:val="Numrerad"/>{_DECIMAL_LEVELS}</w:abstractNum>'
    f'<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>{_BULLET_LEVELS}'
    f'</w:abstractNum>'
    f'<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    f'<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    f'</w:numbering>'
).replace('<w:styleLink w:val="Numrerad"/>', "")


def set_styles(document: Document) -> None:  # type: ignore[valid-type]
    """Define every style the template uses, with fixed fonts (no theme fonts)."""
    styles = document.styles
    root = styles.element
    defaults = root.find(qn("w:docDefaults"))
    defaults.getparent().replace(defaults, parse_xml(
        f'<w:docDefaults {W}><w:rPrDefault><w:rPr>{fonts(SERIF)}<w:sz w:val="24"/>'
        '<w:szCs w:val="24"/><w:lang w:val="sv-SE" w:eastAsia="sv-SE" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr>'
        '</w:pPrDefault></w:docDefaults>'))
    for style_id, name, based_on, ppr, rpr in STYLES:
        style = next((s for s in styles if s.style_id == style_id), None)
        if style is None:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.element.set(qn("w:styleId"), style_id)
        element = style.element
        for tag in ("w:pPr", "w:rPr", "w:basedOn", "w:link"):
            for old in element.findall(qn(tag)):
                element.remove(old)
        if based_on:
            element.append(parse_xml(f'<w:basedOn {W} w:val="{based_on}"/>'))
        element.append(parse_xml(f"<w:pPr {W}>{ppr}</w:pPr>"))
        element.append(parse_xml(f"<w:rPr {W}>{rpr}</w:rPr>"))
        style.quick_style = True
    # Word sorts children of w:style by schema order; keep name/basedOn first.
    for element in root.findall(qn("w:style")):
        order = ["w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine",
                 "w:hidden", "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat",
                 "w:locked", "w:personal", "w:personalCompose", "w:personalReply", "w:rsid",
                 "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"]
        rank = {qn(tag): index for index, tag in enumerate(order)}
        children = sorted(element, key=lambda child: rank.get(child.tag, len(order)))
        for child in children:
            element.append(child)
    # The sample's hundred table styles (Light Shading, ...) are never used here.
    for element in root.findall(qn("w:style")):
        if element.get(qn("w:type")) == "table" and element.get(qn("w:styleId")) not in (
            "TableNormal", "TableGrid"
        ):
            root.remove(element)
    # Theme colours and fonts in the remaining styles would show through: drop them.
    for fonts_element in root.iter(qn("w:rFonts")):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts_element.attrib.pop(qn(attribute), None)
    for color in root.iter(qn("w:color")):
        color.set(qn("w:val"), "000000")
        for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attribute), None)


def add(container: object, text: str = "", style: str | None = None) -> Paragraph:
    """A paragraph with one run of ``text`` (tags stay whole within one run)."""
    paragraph = container.add_paragraph(style=style)  # type: ignore[attr-defined]
    if text:
        paragraph.add_run(text)
    return paragraph


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A real Word field (PAGE, NUMPAGES) that Word updates itself."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("result", shown), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
            run._r.append(element)
        elif kind == "result":
            run.text = text or ""
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)


def borderless(table: Table, widths: list[Emu]) -> None:
    """A table without borders, its columns ``widths`` wide."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblStyle")) + tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    # Schema order: tblW, ..., tblBorders, ..., tblLayout, ..., tblLook.
    look = tbl_pr.find(qn("w:tblLook"))
    for xml in (
        f'<w:tblW {W} w:w="{sum(width.twips for width in widths)}" w:type="dxa"/>',
        f'<w:tblBorders {W}><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
        '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>',
        f'<w:tblLayout {W} w:type="fixed"/>',
    ):
        if look is not None:
            look.addprevious(parse_xml(xml))
        else:
            tbl_pr.append(parse_xml(xml))
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def build_header(document: Document) -> None:  # type: ignore[valid-type]
    header = document.sections[0].header
    header.is_linked_to_previous = False
    first = header.paragraphs[0]
    first.style = document.styles["Header"]
    first.add_run("{{ statement.organisation }}\t")
    first.add_run("Tjänsteutlåtande").bold = True
    add(header, "{%p if statement.dnr %}", "Header")
    add(header, "\tDnr {{ statement.dnr }}", "Header")
    add(header, "{%p endif %}", "Header")
    page = add(header, "", "Header")
    mark = page.add_run("{% if utkast %}UTKAST{% endif %}")
    mark.bold = True
    mark.font.size = Pt(12)
    mark.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    page.add_run("\tSida ")
    add_field(page, "PAGE", "1")
    page.add_run(" (")
    add_field(page, "NUMPAGES", "1")
    page.add_run(")")
    # The space below the header is the last line's, not an empty paragraph.
    add(header, "\t{{ statement.date }}", "Header").paragraph_format.space_after = Pt(12)


def build_body(document: Document) -> None:  # type: ignore[valid-type]
    body = document
    # 1. Address block: Handläggare on the left, Till on the right.
    table = body.add_table(rows=1, cols=2)
    borderless(table, [Emu(TEXT_WIDTH // 2), Emu(TEXT_WIDTH // 2)])
    left, right = table.rows[0].cells
    left.paragraphs[0].style = document.styles["Etikett"]
    left.paragraphs[0].add_run("Handläggare")
    add(left, "{{ officer.name }}", "Tabelltext")
    add(left, "{%p if officer.phone %}", "Tabelltext")
    add(left, "Telefon: {{ officer.phone }}", "Tabelltext")
    add(left, "{%p endif %}", "Tabelltext")
    add(left, "{%p if officer.email %}", "Tabelltext")
    add(left, "E-post: {{ officer.email }}", "Tabelltext")
    add(left, "{%p endif %}", "Tabelltext")
    right.paragraphs[0].style = document.styles["Etikett"]
    right.paragraphs[0].add_run("Till")
    add(right, "{{ meeting.committee }}", "Tabelltext")
    add(right, "{{ meeting.date }}{% if meeting.date and meeting.item %}, {% endif %}"
               "{{ meeting.item }}", "Tabelltext")
    # 2-3. Title and the referral line.
    add(body, "{{ referral.title }}", "Title")
    add(body, "Remiss{% if referral.referred_by %} från {{ referral.referred_by }}{% endif %}"
              "{% if referral.dnr %}, dnr. {{ referral.dnr }}{% endif %}", "Subtitle")
    add(body, "{%p if referral.deadline %}")
    add(body, "Remisstiden går ut {{ referral.deadline }}", "Subtitle")
    add(body, "{%p endif %}")
    # 4. Decisions, numbered; then the signatures.
    add(body, "Förvaltningens förslag till beslut", "Heading 1")
    # The decisions as numbered: with meeting.immediate the list already ends
    # with the immediate-adjustment item.
    add(body, "{%p for decision in decisions %}")
    add(body, "{{ decision.text }}", "List Number")
    add(body, "{%p endfor %}")
    add(body, "{{p signature_table }}")
    # 6-8. The sections.
    add(body, "Sammanfattning", "Heading 1")
    add(body, "{{p texts.summary }}")
    add(body, "Bakgrund", "Heading 1")
    add(body, "{{p texts.background }}")
    add(body, "{{p direction_list }}")
    add(body, "{{p texts.background_after }}")
    add(body, "Förvaltningens synpunkter och förslag", "Heading 1")
    add(body, "{{p texts.views }}")
    add(body, "{%p for direction in directions if direction.comment %}")
    add(body, "{{ direction.name }}", "Heading 2")
    add(body, "{{p direction.comment }}")
    add(body, "{%p endfor %}")
    # 9-10. SLUT and the attachments.
    add(body, "SLUT", "Slut")
    add(body, "{%p if attachments %}")
    add(body, "Bilagor", "Heading 1")
    add(body, "{%p for attachment in attachments %}")
    add(body, "{{ attachment.title }}", "List Number")
    add(body, "{%p endfor %}")
    add(body, "{%p endif %}")


def page_setup(document: Document) -> None:  # type: ignore[valid-type]
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.25)


def tidy_package(document: Document) -> None:  # type: ignore[valid-type]
    """Swedish settings, own numbering, no leftovers of python-docx's sample file."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)
    for rel_id, rel in list(document.part.rels.items()):
        # Word 2010's copy of styles.xml: not needed, and 400 KB in every document.
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)
    document.part.numbering_part._element = parse_xml(NUMBERING)
    settings = document.settings.element
    for lang in settings.findall(qn("w:themeFontLang")):
        lang.set(qn("w:val"), "sv-SE")
    for symbol in settings.findall(qn("w:decimalSymbol")):
        symbol.set(qn("w:val"), ",")
    for separator in settings.findall(qn("w:listSeparator")):
        separator.set(qn("w:val"), ";")
    # Nothing may tell Word that the Swedish text is already checked.
    for tag in ("w:proofState", "w:hideSpellingErrors", "w:hideGrammaticalErrors"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    core = document.core_properties
    core.title = "Tjänsteutlåtande"
    core.author = ""
    core.last_modified_by = ""
    core.comments = ""
    core.subject = "Svar på remiss"
    core.language = "sv-SE"
    core.keywords = ""
    core.revision = 1


def build(target: Path = TARGET) -> Path:
    document = Document()
    # python-docx's sample document starts with one empty paragraph: remove it.
    body = document.element.body
    for paragraph in body.findall(qn("w:p")):
        body.remove(paragraph)
    set_styles(document)
    page_setup(document)
    build_header(document)
    build_body(document)
    tidy_package(document)
    document.save(target)
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET))
