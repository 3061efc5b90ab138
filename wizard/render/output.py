"""One .docx from one loaded template: docxtpl renders it, storage writes it atomically.

docxtpl renders the template with the draft's context (see
``document.build_context``) in the sandbox; then the wizard does what docxtpl
leaves to its caller: each list of list-style paragraphs gets a numbering of
its own (so a second list starts at 1), the numbering instances made for the
draft's own lists are added, and the document properties (title, author,
language, dates) are set through python-docx. The package is saved to memory
by python-docx (`zipfile`) and written with `wizard.storage.atomic.atomic_write`:
a document is never half-written, and an existing one stays as it was when
anything fails.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docxtpl import InlineImage
from jinja2 import TemplateError as JinjaTemplateError
from lxml import etree

from wizard.errors import RenderError, TemplateError, os_reason
from wizard.render import sandbox
from wizard.render.content import Content
from wizard.render.document import (
    _restart_style_lists,
    build_context,
    drop_empty_runs,
    mark_no_proof,
    unmark_spelling_checked,
)
from wizard.render.proofing import MARK_START, ProofWords
from wizard.render.template import (
    FOOTNOTES_TYPE,
    W_NS,
    LoadedTemplate,
    WizardTemplate,
    strict_xml,
    syntax_message,
    w,
)
from wizard.render.wordxml import BlockWriter, Numbering
from wizard.storage.bounded import FileReadError, read_bounded

LOGO_LIMIT = 5 * 1024 * 1024  # bytes of an organisation's logo
LOGO_MAX_WIDTH_MM = 60
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def read_logo(path: Path | str) -> bytes:
    """The logo at ``path``: a regular file of at most `LOGO_LIMIT` bytes, PNG or JPEG."""
    try:
        data = read_bounded(path, limit=LOGO_LIMIT, what="logotypen")
    except FileReadError as error:
        raise TemplateError(error.message) from None
    if not data.startswith(_IMAGE_MAGIC):
        raise TemplateError(f"{path}: logotypen måste vara en PNG- eller JPEG-bild.")
    return data


def logo_image(template: WizardTemplate, data: bytes) -> InlineImage:
    """The logo for ``{{ logo }}``: its own size, at most `LOGO_MAX_WIDTH_MM` wide."""
    from docx.image.image import Image
    from docx.shared import Mm

    try:
        width = min(Image.from_blob(data).width, Mm(LOGO_MAX_WIDTH_MM))
    except Exception:  # python-docx could not read the picture
        raise TemplateError("logotypen är ingen bild som Word kan visa.") from None
    return InlineImage(template, io.BytesIO(data), width=width)


def _add_nums(numbering_element: etree._Element, numbering: Numbering) -> None:
    """Append the new ``w:num`` elements after the template's own."""
    if not numbering.added:
        return
    cleanup = numbering_element.find(w("numIdMacAtCleanup"))
    added = "".join(numbering.added)
    wrapper = etree.fromstring(f'<w:numbering xmlns:w="{W_NS}">{added}</w:numbering>')
    for element in list(wrapper):
        if cleanup is not None:
            cleanup.addprevious(element)
        else:
            numbering_element.append(element)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:255]  # python-docx allows 255 characters per property


def _core_properties(properties: Any, content: Content, now: dt.datetime) -> None:
    """Title, author, language and dates from the draft (python-docx escapes them).

    The author of a public record is the administration; the officer last edited it.
    """
    title = "" if "referral.title" in content.missing else content.referral.title
    officer = "" if "officer.name" in content.missing else content.officer.name
    properties.title = _one_line(title) or "Tjänsteutlåtande"
    properties.author = _one_line(content.statement.organisation or officer)
    properties.last_modified_by = _one_line(officer)
    properties.language = "sv-SE"
    stamp = now.replace(microsecond=0)
    properties.created = stamp
    properties.modified = stamp


def template_context(loaded: LoadedTemplate, content: Content, numbering: Numbering, *,
                     draft_mark: bool, logo: Any = "",
                     proof: ProofWords | None = None) -> dict[str, Any]:
    """The names a template can use: the draft's values, ready-made parts and the logo.

    The one builder of the context: `make_docx` renders with it, and
    `wizard template check` walks it (for a full sample draft) to know which
    names exist. ``proof``: the words to leave unproofed in Word (`proofing`).
    """
    writer = BlockWriter(loaded.styles, numbering, proof)
    context = build_context(content, writer, draft_mark=draft_mark, width=loaded.text_width)
    context["logo"] = logo
    return context


def make_docx(
    loaded: LoadedTemplate,
    content: Content,
    *,
    draft_mark: bool = False,
    logo: bytes | None = None,
    time_limit: float = sandbox.TIME_LIMIT,
    now: dt.datetime | None = None,
    proof: ProofWords | None = None,
) -> bytes:
    """The finished .docx as bytes; the words of ``proof`` in runs Word does not proof."""
    template = loaded.docx_template()
    numbering = Numbering(loaded.decimal_abstract, loaded.bullet_abstract, loaded.max_num_id + 1)
    # Its own copy: `marks_made` then tells whether this document's runs need splitting.
    proof = proof.with_ignored(proof.ignored) if proof else None
    context = template_context(loaded, content, numbering, draft_mark=draft_mark,
                               logo=logo_image(template, logo) if logo else "", proof=proof)
    name = loaded.path.name
    try:
        with sandbox.memory_limit(), sandbox.time_limit(time_limit, name):
            template.render(context, jinja_env=loaded.env)
            document = template.docx
            _restart_style_lists(document.element.body, loaded, numbering)
            drop_empty_runs(document.element.body)
            marks = proof is not None and proof.marks_made
            if marks:
                mark_no_proof(document.element.body)
            for rel in document.part.rels.values():
                element = None if rel.is_external else getattr(rel.target_part, "element", None)
                if rel.reltype in (RT.HEADER, RT.FOOTER) and element is not None:
                    _restart_style_lists(element, loaded, numbering)
                    drop_empty_runs(element)
                    if marks:
                        mark_no_proof(element)
            unmark_spelling_checked(document.settings.element)
            _add_nums(document.part.numbering_part.element, numbering)
            for part in document.part.package.parts:
                if part.content_type == FOOTNOTES_TYPE:
                    root = strict_xml(part.blob, loaded.path, str(part.partname).lstrip("/"))
                    if marks and MARK_START.encode() in part.blob:
                        mark_no_proof(root)
                        part._blob = etree.tostring(root, xml_declaration=True,
                                                    encoding="UTF-8", standalone=True)
            _core_properties(document.core_properties, content,
                             now or dt.datetime.now(dt.timezone.utc))
            data = template.package_bytes()
    except (RenderError, TemplateError):
        raise
    except JinjaTemplateError as error:  # a part that was not compiled when loaded
        lineno = getattr(error, "lineno", None)
        raise RenderError(syntax_message(loaded.path, "mallen", "", error) if lineno
                          else f"{name}: fel i mallen ({error}).") from None
    except MemoryError:
        raise RenderError(
            f"{name}: mallen behövde mer minne än ett dokument får använda och stoppades."
        ) from None
    except Exception as error:  # docxtpl or python-docx could not finish the document
        raise RenderError(
            f"{name}: dokumentet kunde inte göras av mallen ({type(error).__name__}: {error})."
        ) from None
    return data


def write_docx(target: Path, data: bytes) -> None:
    """Write the document atomically; a `RenderError` names a target that cannot be written."""
    from wizard.storage.atomic import atomic_write

    if target.is_dir():
        raise RenderError(f"{target}: är en mapp; ange ett filnamn som slutar på .docx.")
    try:
        atomic_write(target, data, backup=False)
    except OSError as error:
        raise RenderError(f"{target}: dokumentet kan inte sparas ({os_reason(error)}).") from None
