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
from wizard.model.draft import FIELD_KINDS, FieldKind
from wizard.render import sandbox
from wizard.render.content import Content, Values, direction_item
from wizard.render.template import STRICT, W_NS, LoadedTemplate, relationships, w
from wizard.render.wordxml import BlockWriter, FieldText, Numbering

CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
CORE_PART = "docProps/core.xml"

# The fields of draft format 1 as the template sees them (for `template check`): the model's.
FORMAT_1_FIELDS: dict[str, tuple[str, ...]] = {
    key: tuple(kinds) for key, kinds in FIELD_KINDS.items()
}
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
            result[name] = FieldText(value)
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


def _drop_empty_runs(root: etree._Element) -> None:
    """Remove runs that hold no text at all (left by a condition that printed nothing)."""
    keep = {w("rPr"), w("t")}
    for run in list(root.iter(w("r"))):
        if all(child.tag in keep for child in run) and not any(
            t.text for t in run.iter(w("t"))
        ):
            parent = run.getparent()
            if parent is not None:
                parent.remove(run)


# Settings that tell Word the text is already checked, so it never checks it.
_CHECKED_MARKS = ("proofState", "hideSpellingErrors", "hideGrammaticalErrors")


def _settings_part(template: LoadedTemplate) -> str | None:
    """The name of the template's settings part (kept with the loaded template)."""
    if "settings_part" not in template.cache:
        files = {info.filename: data for info, data in template.entries}
        template.cache["settings_part"] = next(
            (target for kind, target in relationships(template.path, files, template.main_part)
             if kind.endswith("/settings") and target in files), None)
    name: str | None = template.cache["settings_part"]
    return name


def _spelling_unchecked(data: bytes) -> bytes | None:
    """The settings without marks that the spelling is checked; None when there are none."""
    root = etree.fromstring(data, STRICT)
    marks = [element for tag in _CHECKED_MARKS for element in root.iter(w(tag))]
    if not marks:
        return None
    for element in marks:
        element.getparent().remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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

    title = "" if "referral.title" in content.missing else content.referral.title
    officer = "" if "officer.name" in content.missing else content.officer.name
    # The author of a public record is the administration; the officer last edited it.
    put("dc", "title", title.replace("\n", " ") or "Tjänsteutlåtande")
    put("dc", "creator", (content.statement.organisation or officer).replace("\n", " "))
    put("cp", "lastModifiedBy", officer.replace("\n", " "))
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
        _drop_empty_runs(root)
        files[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    stamp = now or dt.datetime.now(dt.timezone.utc)
    core = template.entry(CORE_PART)
    if core is not None:
        files[CORE_PART] = _core_properties(core, content, stamp)
    settings = _settings_part(template)
    original_settings = template.entry(settings) if settings else None
    unchecked = _spelling_unchecked(original_settings) if original_settings else None
    if settings and unchecked is not None:
        files[settings] = unchecked
    if template.numbering_part:
        original = template.entry(template.numbering_part)
        assert original is not None
        files[template.numbering_part] = _add_nums(original, numbering)
    return files
