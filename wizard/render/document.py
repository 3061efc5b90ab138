"""The template's context, and what is done to the document after the template has run.

The context is made from a `Content` (see ``content.py``): plain values become
`FieldText`, the parsed texts ready-made Word paragraphs (`WordXml`). After the
template has run (``output.make_docx``), numbered paragraphs that take their
numbering from a list style get a numbering instance of their own per list,
and the words of values marked for Word not to proof get runs of their own
(`mark_no_proof`).
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

from wizard.model.draft import FIELD_KINDS, FieldKind
from wizard.render.content import Content, Values, direction_item
from wizard.render.proofing import MARK_END, MARK_START, without_marks
from wizard.render.template import W_NS, LoadedTemplate, w
from wizard.render.wordxml import BlockWriter, FieldText, Numbering

# Ready-made parts of the document and the draft fields they show.
HELPERS: dict[str, tuple[str, ...]] = {
    "direction_list": ("directions.name", "directions.description"),
    "signature_table": ("signatures.name", "signatures.title"),
    "utkast": (),
}
# Fields a template shows by showing another: the numbered decisions end with the
# immediate-adjustment item when ``meeting.immediate`` is set.
SHOWN_WITH: dict[str, tuple[str, ...]] = {"decisions.text": ("meeting.immediate",)}


def _values(values: Values, kinds: dict[str, FieldKind], writer: BlockWriter,
            keep_last: frozenset[str] = frozenset()) -> dict[str, Any]:
    """One table or record as the template sees it: text escaped once, texts as paragraphs."""
    result: dict[str, Any] = {}
    for name, kind in kinds.items():
        value = getattr(values, name)
        if kind == "text":
            result[name] = writer.word(value, keep_last=name in keep_last)
        elif kind == "flag":
            result[name] = bool(value)
        else:
            result[name] = FieldText(value, writer.proof)
    return result


def build_context(
    content: Content, writer: BlockWriter, *, draft_mark: bool, width: int
) -> dict[str, Any]:
    """The names a template of format 1 can use (``docs/document-layout.md``).

    Every table and list of records of the draft, nested as in the draft file
    (``referral.title``, ``texts.summary``, ``directions[i].comment``), with
    ``decisions`` as numbered (the immediate-adjustment item included), plus
    the ready-made `HELPERS`.
    """
    context: dict[str, Any] = {}
    # The background leads into the list of inriktningar that follows it.
    lead_ins = frozenset({"background"}) if content.directions else frozenset()
    for key, kinds in FIELD_KINDS.items():
        value = getattr(content, key)
        if isinstance(value, tuple):
            context[key] = [_values(record, kinds, writer) for record in value]
        else:
            keep = lead_ins if key == "texts" else frozenset()
            context[key] = _values(value, kinds, writer, keep)
    context["direction_list"] = writer.numbered_items(
        [direction_item(d.name, d.description) for d in content.directions]
    )
    context["signature_table"] = writer.table(
        [(s.name, s.title) for s in content.signatures], width
    )
    context["utkast"] = draft_mark
    return context


# Paragraphs that may take their numbering from their style (found by libxml2), and
# whether a paragraph holds one (in a text box): then a list does not go on past it.
_STYLED = etree.XPath("//w:p[w:pPr/w:pStyle and not(w:pPr/w:numPr)]", namespaces={"w": W_NS})
_HOLDS_PARAGRAPH = etree.XPath("boolean(.//w:p)", namespaces={"w": W_NS})
# numPr follows pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl.
_BEFORE_NUM_PR = frozenset(w(t) for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore",
                                          "framePr", "widowControl"))


def _restart_style_lists(
    root: etree._Element, template: LoadedTemplate, numbering: Numbering
) -> None:
    """Give each run of list-style paragraphs its own numbering, starting at 1 (docxtpl #425).

    A run is list-style paragraphs one after the other, with no other
    paragraph between them.
    """
    numbered = template.style_numbering
    if not numbered:
        return
    previous: etree._Element | None = None
    current_num: int | None = None
    for paragraph in _STYLED(root):
        ppr = paragraph.find(w("pPr"))
        style_id = ppr.find(w("pStyle")).get(w("val"))
        abstract = template.num_abstract.get(numbered[style_id]) if style_id in numbered else None
        if abstract is None:
            previous = None
            continue
        if (previous is None or paragraph.getprevious() is not previous
                or _HOLDS_PARAGRAPH(previous)):
            current_num = numbering.new(ordered=True, start=1, abstract=abstract)
        num_pr = etree.Element(w("numPr"))
        etree.SubElement(num_pr, w("ilvl")).set(w("val"), "0")
        etree.SubElement(num_pr, w("numId")).set(w("val"), str(current_num))
        position = sum(1 for child in ppr if child.tag in _BEFORE_NUM_PR)
        ppr.insert(position, num_pr)
        previous = paragraph


# Runs of nothing but properties and empty text, found by libxml2 (a walk over every
# run in Python cost more than the rest of the cleaning). Most runs hold text, so
# that is asked first: it halves the search.
_EMPTY_RUNS = etree.XPath(
    "//w:r[not(w:t[. != ''])][not(*[not(self::w:rPr or self::w:t)])]",
    namespaces={"w": W_NS},
)


def drop_empty_runs(root: etree._Element) -> None:
    """Remove runs that hold no text at all (left by a condition that printed nothing)."""
    for run in _EMPTY_RUNS(root):
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)


# Settings that tell Word the text is already checked, so it never checks it.
_CHECKED_MARKS = ("proofState", "hideSpellingErrors", "hideGrammaticalErrors")


def unmark_spelling_checked(settings: etree._Element) -> None:
    """Take away the settings that declare the spelling and grammar already checked."""
    for element in [e for tag in _CHECKED_MARKS for e in settings.iter(w(tag))]:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


# The elements of a run's properties that come after ``w:noProof`` (ECMA-376 CT_RPr).
_AFTER_NO_PROOF = frozenset(w(tag) for tag in (
    "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz",
    "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MARKED = etree.XPath("//text()[contains(., $m)] | //@*[contains(., $m)]")


def mark_no_proof(root: etree._Element) -> None:
    """Split each run that holds marked words (see `proofing`): each word a run marked
    ``w:noProof``, the text around it in runs of the template's formatting.

    Marks anywhere else (a value in an attribute or a field code) are only taken away.
    """
    runs: list[etree._Element] = []
    for found in _MARKED(root, m=MARK_START):
        parent = found.getparent()
        if getattr(found, "is_attribute", False):
            name = found.attrname
            parent.set(name, without_marks(parent.get(name)))
        elif (found.is_text and parent.tag == w("t") and parent.getparent() is not None
              and parent.getparent().tag == w("r")):
            run = parent.getparent()
            if not runs or runs[-1] is not run:
                runs.append(run)
        elif found.is_text:
            parent.text = without_marks(parent.text)
        else:
            parent.tail = without_marks(parent.tail)
    for run in runs:
        _split_run(run)


def _split_run(run: etree._Element) -> None:
    """Replace ``run`` by runs of its pieces, the marked ones with ``w:noProof``."""
    children = list(run)
    rpr = children[0] if children and children[0].tag == w("rPr") else None
    content = children[1:] if rpr is not None else children
    if len(content) == 1 and content[0].tag == w("t"):
        _split_text_run(run, content[0])
        return
    groups: list[tuple[bool, list[etree._Element]]] = []  # (marked, the new run's content)

    def add(marked: bool, element: etree._Element) -> None:
        if groups and groups[-1][0] == marked:
            groups[-1][1].append(element)
        else:
            groups.append((marked, [element]))

    for child in run:
        if child is rpr:
            continue
        if child.tag != w("t") or MARK_START not in (child.text or ""):
            add(False, child)
            continue
        for index, text in enumerate(_pieces(child.text or "")):
            if text:
                piece = etree.Element(w("t"))
                piece.set(_XML_SPACE, "preserve")
                piece.text = text
                add(index % 2 == 1, piece)
    parent = run.getparent()
    if parent is None:
        return
    position = parent.index(run)
    parent.remove(run)
    for offset, (marked, content) in enumerate(groups):
        new_run = etree.Element(w("r"), dict(run.attrib))
        if marked:
            new_run.append(_no_proof(rpr))
        elif rpr is not None:
            new_run.append(copy.deepcopy(rpr))
        new_run.extend(content)
        parent.insert(position + offset, new_run)


def _split_text_run(run: etree._Element, text: etree._Element) -> None:
    """`_split_run` for the usual run, properties and one text: copies of it follow it.

    (Each element made or moved in python-docx's tree costs microseconds: the
    copies are the fewest.)
    """
    pieces = _pieces(text.text or "")
    text.set(_XML_SPACE, "preserve")
    text.text = pieces[0]
    previous = run
    for index, piece in enumerate(pieces[1:], 1):
        if not piece:
            continue
        copied = copy.deepcopy(run)
        copied[-1].text = piece
        if index % 2:
            first = copied[0]
            if first.tag == w("rPr"):
                _put_no_proof(first)
            else:
                copied.insert(0, _no_proof(None))
        previous.addnext(copied)
        previous = copied
    if not pieces[0]:
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)


def _pieces(text: str) -> list[str]:
    """Text split at the marks: unmarked, marked, unmarked, … (a stray mark is dropped)."""
    pieces = []
    rest = text
    while MARK_START in rest:
        before, _, rest = rest.partition(MARK_START)
        word, _, rest = rest.partition(MARK_END)
        pieces += [before.replace(MARK_END, ""), word]
    pieces.append(rest.replace(MARK_END, ""))
    return pieces


def _no_proof(rpr: etree._Element | None) -> etree._Element:
    """A copy of the run properties ``rpr`` with ``w:noProof`` in its place."""
    marked = copy.deepcopy(rpr) if rpr is not None else etree.Element(w("rPr"))
    _put_no_proof(marked)
    return marked


def _put_no_proof(rpr: etree._Element) -> None:
    """Put ``w:noProof`` in the run properties ``rpr``, where the schema orders it."""
    tags = [child.tag for child in rpr]
    if w("noProof") in tags:
        for old in rpr.findall(w("noProof")):
            rpr.remove(old)
        tags = [child.tag for child in rpr]
    after = next((index for index, tag in enumerate(tags) if tag in _AFTER_NO_PROOF), len(tags))
    rpr.insert(after, rpr.makeelement(w("noProof"), {}))
