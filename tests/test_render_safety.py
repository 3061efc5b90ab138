"""What the person typed is printed as typed, and nothing a template or value does can harm.

Escaping (``& < > " '``, XML that tries to close the run), text that looks like
a template tag, characters a .docx cannot hold, very long texts, the sandbox
and its time limit, drafts with errors, and targets that cannot be written.
"""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path

import docx
import pytest

from tests.test_render_support import EXAMPLE, body_paragraphs, header_text, open_docx
from wizard.errors import RenderError
from wizard.model import Draft
from wizard.render import render_statement
from wizard.render.api import DraftHasErrorsError
from wizard.storage.reading import read_draft

TODAY = dt.date(2016, 9, 1)
NASTY = (
    "& < > \" ' </w:t></w:r><w:r><w:t>x {{ 7*7 }} {% if true %}ja{% endif %} "
    "{# c #} {_{ x }_} {%p if x %} 😀 שלום \\n"
)
TEXT_FIELDS = [
    "referral.title", "referral.referred_by", "referral.dnr", "statement.organisation",
    "statement.dnr", "meeting.committee", "meeting.item", "officer.name", "officer.email",
    "texts.summary", "texts.background", "texts.background_after", "texts.views",
    "directions[1].name", "directions[1].description", "directions[1].comment",
    "decisions[1].text", "signatures[1].name", "signatures[1].title", "attachments[1].title",
]


def all_text(document: docx.document.Document) -> str:
    """Every paragraph of the body (tables included) and the header, one per line."""
    lines = [header_text(document)]
    for paragraph in document.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    ):
        lines.append(docx.text.paragraph.Paragraph(paragraph, document._body).text)
    return "\n".join(lines)


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_special_characters_and_tags_print_as_typed(field: str, tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.set(field, NASTY)
    render_statement(draft, tmp_path / "out.docx", today=TODAY, allow_incomplete=True)
    document = open_docx(tmp_path / "out.docx")
    text = all_text(document)
    assert NASTY in text
    assert "49" not in text.replace("2016-09-", "")  # {{ 7*7 }} was not evaluated


def test_no_double_escaping_in_xml(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.referral.title = "A & B"
    render_statement(draft, tmp_path / "out.docx", today=TODAY)
    with zipfile.ZipFile(tmp_path / "out.docx") as archive:
        body = archive.read("word/document.xml").decode()
        core = archive.read("docProps/core.xml").decode()
    assert "A &amp; B" in body and "&amp;amp;" not in body
    assert "A &amp; B" in core and "&amp;amp;" not in core


def test_characters_docx_cannot_hold_are_removed_and_named(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.texts.summary = "Före\aefter\fslut\x00.\ud800\uffff"
    draft.officer.name = "Elin\x1bLindqvist"
    result = render_statement(draft, tmp_path / "out.docx", today=TODAY)
    fields = {removed.field for removed in result.removed}
    assert fields == {"texts.summary", "officer.name"}
    message = next(r.message for r in result.removed if r.field == "texts.summary")
    assert "Sammanfattning" in message and "U+0007" in message and "U+000C" in message
    document = open_docx(tmp_path / "out.docx")
    texts = [p.text for p in body_paragraphs(document)]
    assert "Föreefterslut." in texts
    assert "ElinLindqvist" in all_text(document)
    with zipfile.ZipFile(tmp_path / "out.docx") as archive:
        body = archive.read("word/document.xml").decode()
    assert 'w:type="page"' not in body  # \f did not become a page break


def test_ten_thousand_lines(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    lines = [f"Rad {n} med text & <tecken>." for n in range(10_000)]
    draft.texts.views = "\n".join(lines)
    started = time.monotonic()
    render_statement(draft, tmp_path / "out.docx", today=TODAY)
    elapsed = time.monotonic() - started
    texts = [p.text for p in body_paragraphs(open_docx(tmp_path / "out.docx"))]
    start = texts.index("Rad 0 med text & <tecken>.")
    assert texts[start : start + 10_000] == lines
    assert elapsed < 20


def _template_with(tmp_path: Path, *paragraphs: str) -> Path:
    """A minimal Word template (python-docx's sample document) holding ``paragraphs``."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "mall.docx"
    document.save(str(path))
    return path


def test_sandbox_refuses_code_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    template = _template_with(
        tmp_path,
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}",
    )
    target = tmp_path / "out.docx"
    with pytest.raises(RenderError) as caught:
        render_statement(read_draft(EXAMPLE), target, template=template, today=TODAY)
    assert "en mall inte får göra" in caught.value.message
    assert "mall.docx" in caught.value.message
    assert not marker.exists()
    assert not target.exists()


def test_template_that_loops_forever_is_stopped(tmp_path: Path) -> None:
    template = _template_with(
        tmp_path,
        "{% for a in range(100000) %}{% for b in range(100000) %}{{ '' }}{% endfor %}{% endfor %}",
    )
    started = time.monotonic()
    with pytest.raises(RenderError) as caught:
        render_statement(read_draft(EXAMPLE), tmp_path / "out.docx", template=template,
                         today=TODAY, time_limit=0.5)
    assert time.monotonic() - started < 5
    assert "sekunder" in caught.value.message


def test_unknown_name_in_template_is_named(tmp_path: Path) -> None:
    template = _template_with(tmp_path, "{{ handlaggare }}")
    with pytest.raises(RenderError, match="namnet handlaggare finns inte"):
        render_statement(read_draft(EXAMPLE), tmp_path / "out.docx", template=template,
                         today=TODAY)


@pytest.mark.parametrize("expression", ["{{ 1 / 0 }}", "{{ range(10 ** 6) | list }}",
                                        "{{ referral.title + 1 }}"])
def test_failing_template_expression_is_a_clear_error(expression: str, tmp_path: Path) -> None:
    template = _template_with(tmp_path, expression)
    with pytest.raises(RenderError, match="uttryck i mallen"):
        render_statement(read_draft(EXAMPLE), tmp_path / "out.docx", template=template,
                         today=TODAY)


def test_template_that_builds_huge_text_is_refused(tmp_path: Path) -> None:
    template = _template_with(tmp_path, "{{ 'x' * 10 ** 9 }}")
    with pytest.raises(RenderError, match="för lång"):
        render_statement(read_draft(EXAMPLE), tmp_path / "out.docx", template=template,
                         today=TODAY)


def test_draft_with_errors_is_refused_and_nothing_written(tmp_path: Path) -> None:
    draft = Draft()
    target = tmp_path / "out.docx"
    with pytest.raises(DraftHasErrorsError) as caught:
        render_statement(draft, target, today=TODAY)
    assert caught.value.exit_code == 1
    assert any(issue.field == "referral.title" for issue in caught.value.issues)
    assert not target.exists()


def test_target_in_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="finns inte"):
        render_statement(read_draft(EXAMPLE), tmp_path / "saknas" / "out.docx", today=TODAY)


def test_target_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "out.docx").mkdir()
    with pytest.raises(RenderError, match="är en mapp"):
        render_statement(read_draft(EXAMPLE), tmp_path / "out.docx", today=TODAY)


def test_failed_render_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old version")
    import errno
    import os

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(RenderError, match="disken är full"):
        render_statement(read_draft(EXAMPLE), target, today=TODAY)
    assert target.read_bytes() == b"old version"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]
