"""The template's context, and the list numbering docxtpl does not restart.

The context is made from a `Content` (see ``content.py``): plain values become
`FieldText`, the parsed texts ready-made Word paragraphs (`WordXml`). After the
template has run (``output.make_docx``), numbered paragraphs that take their
numbering from a list style get a numbering instance of their own per list.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from wizard.render.content import Content, direction_item
from wizard.render.template import LoadedTemplate, w
from wizard.render.wordxml import BlockWriter, FieldText, Numbering

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
