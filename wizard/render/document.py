"""One document from one loaded template: context, rendering and the finishing touches.

The context is made from a `Content` (see ``content.py``): plain values become
`FieldText`, the parsed texts ready-made Word paragraphs (`WordXml`). After the
template has run, every XML part is parsed strictly (a template or value that
made broken XML stops here, not in Word), numbered paragraphs that take their
numbering from a list style get a numbering instance of their own per list,
and the document properties are set from the draft.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lxml import etree

from wizard.errors import RenderError
from wizard.render import sandbox
from wizard.render.content import Content, direction_item
from wizard.render.template import STRICT, W_NS, LoadedTemplate, w
from wizard.render.wordxml import BlockWriter, FieldText, Numbering

CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
CORE_PART = "docProps/core.xml"

# The fields of draft format 1 as the template sees them (for `template check`).
FORMAT_1_FIELDS: dict[str, tuple[str, ...]] = {
    "referral": ("title", "referred_by", "dnr", "deadline"),
    "statement": ("organisation", "dnr", "date"),
    "meeting": ("committee", "date", "item", "immediate"),
    "officer": ("name", "phone", "email"),
    "texts": ("summary", "background", "background_after", "views"),
    "directions": ("name", "description", "comment"),
    "decisions": ("text",),
    "signatures": ("name", "title"),
    "attachments": ("title",),
}
# Ready-made parts of the document and the draft fields they show.
HELPERS: dict[str, tuple[str, ...]] = {
    "direction_list": ("directions.name", "directions.description"),
    "signature_table": ("signatures.name", "signatures.title"),
    "utkast": (),
}


def build_context(
    content: Content, writer: BlockWriter, *, draft_mark: bool, width: int
) -> dict[str, Any]:
    """The names a template of format 1 can use."""
    c = content
    f = FieldText
    return {
        "referral": {"title": f(c.referral_title), "referred_by": f(c.referred_by),
                     "dnr": f(c.referral_dnr), "deadline": f(c.deadline)},
        "statement": {"organisation": f(c.organisation), "dnr": f(c.statement_dnr),
                      "date": f(c.statement_date)},
        "meeting": {"committee": f(c.committee), "date": f(c.meeting_date), "item": f(c.item),
                    # True when the template is to add "Paragrafen justeras omedelbart."
                    # (not when the person already ended the decisions with it).
                    "immediate": len(c.decision_items) > len(c.decisions)},
        "officer": {"name": f(c.officer_name), "phone": f(c.phone), "email": f(c.email)},
        "texts": {"summary": writer.word(c.summary), "background": writer.word(c.background),
                  "background_after": writer.word(c.background_after),
                  "views": writer.word(c.views)},
        "directions": [{"name": f(d.name), "description": writer.word(d.description),
                        "comment": writer.word(d.comment)} for d in c.directions],
        "decisions": [{"text": f(text)} for text in c.decisions],
        "signatures": [{"name": f(s.name), "title": f(s.title)} for s in c.signatures],
        "attachments": [{"title": f(title)} for title in c.attachments],
        "direction_list": writer.numbered_items(
            [direction_item(d.name, d.description) for d in c.directions]
        ),
        "signature_table": writer.table([(s.name, s.title) for s in c.signatures], width),
        "utkast": draft_mark,
    }


def _restart_style_lists(
    root: etree._Element, template: LoadedTemplate, numbering: Numbering
) -> None:
    """Give each run of list-style paragraphs its own numbering, starting at 1 (docxtpl #425)."""
    numbered = template.style_numbering
    previous: etree._Element | None = None
    current_num: int | None = None
    for paragraph in root.iter(w("p")):
        ppr = paragraph.find(w("pPr"))
        style = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = style.get(w("val")) if style is not None else None
        if ppr is None or style_id not in numbered or ppr.find(w("numPr")) is not None:
            previous = None
            continue
        abstract = template.num_abstract.get(numbered[style_id])
        if abstract is None:
            previous = None
            continue
        if previous is None or paragraph.getprevious() is not previous:
            current_num = numbering.new(ordered=True, start=1, abstract=abstract)
        num_pr = etree.Element(w("numPr"))
        etree.SubElement(num_pr, w("ilvl")).set(w("val"), "0")
        etree.SubElement(num_pr, w("numId")).set(w("val"), str(current_num))
        # numPr follows pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl.
        before = {w(t) for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore",
                                 "framePr", "widowControl")}
        position = sum(1 for child in ppr if child.tag in before)
        ppr.insert(position, num_pr)
        previous = paragraph


def _core_properties(data: bytes, content: Content, now: dt.datetime) -> bytes:
    """Title, author and dates from the draft; lxml escapes each value once."""
    root = etree.fromstring(data, STRICT)

    def put(prefix: str, tag: str, value: str, w3cdtf: bool = False) -> None:
        element = root.find(f"{{{CORE_NS[prefix]}}}{tag}")
        if element is None:
            element = etree.SubElement(root, f"{{{CORE_NS[prefix]}}}{tag}")
        element.text = value
        if w3cdtf:
            element.set(f"{{{CORE_NS['xsi']}}}type", "dcterms:W3CDTF")

    put("dc", "title", content.referral_title.replace("\n", " ") or "Tjänsteutlåtande")
    put("dc", "creator", content.officer_name.replace("\n", " "))
    put("cp", "lastModifiedBy", content.officer_name.replace("\n", " "))
    put("dc", "language", "sv-SE")
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    put("dcterms", "created", stamp, w3cdtf=True)
    put("dcterms", "modified", stamp, w3cdtf=True)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_nums(data: bytes, numbering: Numbering) -> bytes:
    """Append the new ``w:num`` elements after the template's own."""
    if not numbering.added:
        return data
    root = etree.fromstring(data, STRICT)
    cleanup = root.find(w("numIdMacAtCleanup"))
    added = "".join(numbering.added)
    wrapper = etree.fromstring(f'<w:numbering xmlns:w="{W_NS}">{added}</w:numbering>')
    for element in list(wrapper):
        if cleanup is not None:
            cleanup.addprevious(element)
        else:
            root.append(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def make_document(
    template: LoadedTemplate,
    content: Content,
    *,
    draft_mark: bool = False,
    time_limit: float = sandbox.TIME_LIMIT,
    now: dt.datetime | None = None,
) -> dict[str, bytes]:
    """The files of the finished .docx, by name, each XML part parsed strictly."""
    numbering = Numbering(
        template.decimal_abstract, template.bullet_abstract, template.max_num_id + 1
    )
    writer = BlockWriter(template.styles, numbering)
    context = build_context(content, writer, draft_mark=draft_mark, width=template.text_width)
    files: dict[str, bytes] = {}
    for name, part in template.parts.items():
        xml = sandbox.render_with_limit(
            part.template, context, seconds=time_limit, what=f"{template.path.name} ({name})"
        )
        try:
            root = etree.fromstring(xml.encode("utf-8"), STRICT)
        except etree.XMLSyntaxError as error:
            raise RenderError(
                f"{template.path.name}: mallen gav trasig XML i {name} ({error}); "
                "kontrollera taggarna med ”wizard template check”."
            ) from None
        _restart_style_lists(root, template, numbering)
        files[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    stamp = now or dt.datetime.now(dt.timezone.utc)
    core = template.entry(CORE_PART)
    if core is not None:
        files[CORE_PART] = _core_properties(core, content, stamp)
    if template.numbering_part:
        original = template.entry(template.numbering_part)
        assert original is not None
        files[template.numbering_part] = _add_nums(original, numbering)
    return files
