"""Templates kept per process: a batch prepares and compiles each part once, safely.

What is checked: many documents from one template run docxtpl's tag
preparation and Jinja's compiler once per part, and make the same document
as a first render; an edited template is read afresh; the kept code still
runs in the sandbox.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tests.test_render_support import EXAMPLE
from wizard.errors import RenderError
from wizard.paths import default_template
from wizard.render import api
from wizard.render.api import render_statement, render_statements
from wizard.storage.reading import read_draft

TODAY = dt.date(2016, 9, 1)


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often Jinja compiles and docxtpl prepares a part from now on."""
    seen = {"compile": 0, "patch": 0}
    compile_ = ImmutableSandboxedEnvironment.compile
    patch = DocxTemplate.patch_xml

    def compiling(self, source, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen["compile"] += 1
        return compile_(self, source, *args, **kwargs)

    def patching(self, xml):  # type: ignore[no-untyped-def]
        seen["patch"] += 1
        return patch(self, xml)

    monkeypatch.setattr(ImmutableSandboxedEnvironment, "compile", compiling)
    monkeypatch.setattr(DocxTemplate, "patch_xml", patching)
    api._cache.clear()
    return seen


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name.startswith("word/") and name.endswith(".xml")}


def test_a_batch_prepares_and_compiles_each_part_once(
    counts: dict[str, int], tmp_path: Path
) -> None:
    draft = read_draft(EXAMPLE)
    jobs = [(draft, tmp_path / f"{n}.docx") for n in range(5)]
    items = list(render_statements(jobs, today=TODAY))
    assert all(item.error is None for item in items)
    parts = 2  # the document and its header
    assert counts == {"compile": parts, "patch": parts}
    first = _parts(tmp_path / "0.docx")
    assert all(_parts(tmp_path / f"{n}.docx") == first for n in range(1, 5))
    render_statement(draft, tmp_path / "again.docx", today=TODAY)  # the same process: kept
    assert counts == {"compile": parts, "patch": parts}


def _template_with(path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _body_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_an_edited_template_is_read_afresh(counts: dict[str, int], tmp_path: Path) -> None:
    template = _template_with(tmp_path / "mall.docx", "Första {{ referral.title }}")
    draft = read_draft(EXAMPLE)
    render_statement(draft, tmp_path / "a.docx", template=template, today=TODAY)
    assert "Första" in _body_text(tmp_path / "a.docx")
    _template_with(template, "Andra {{ referral.dnr }}")  # same path, new source
    os.utime(template, ns=(0, 0))
    render_statement(draft, tmp_path / "b.docx", template=template, today=TODAY)
    text = _body_text(tmp_path / "b.docx")
    assert "Andra" in text and "Första" not in text


def test_kept_code_still_runs_in_the_sandbox(counts: dict[str, int], tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    template = _template_with(
        tmp_path / "mall.docx",
        f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}",
    )
    for attempt in ("a", "b"):  # compiled, then kept
        with pytest.raises(RenderError) as caught:
            render_statement(read_draft(EXAMPLE), tmp_path / f"{attempt}.docx",
                             template=template, today=TODAY)
        assert "en mall inte får göra" in caught.value.message
    assert counts["compile"] == 1
    assert not marker.exists()
    assert default_template().exists()

