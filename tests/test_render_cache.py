"""The compiled-template cache: used when the source is the same, never trusted otherwise.

Each test has a cache folder of its own (``WIZARD_CACHE_DIR``). What is checked:
a second load reuses the compiled code instead of compiling, and makes the same
document; an edited template is compiled afresh; a damaged, unwritable or
turned-off cache only costs time; the sandbox holds for cached code too; only
the default template (``WIZARD_TEMPLATES`` moves it) is kept.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import docx
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tests.test_render_support import EXAMPLE
from wizard.errors import RenderError
from wizard.paths import default_template
from wizard.render import sandbox
from wizard.render.api import _render
from wizard.render.template import load_template
from wizard.storage.draftfile import read_draft

TODAY = dt.date(2016, 9, 1)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("WIZARD_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources Jinja compiles from now on (the cache makes this list shorter)."""
    seen: list[str] = []
    original = ImmutableSandboxedEnvironment.compile

    def counting(self, source, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(ImmutableSandboxedEnvironment, "compile", counting)
    return seen


def _document_xml(template: Path, target: Path) -> bytes:
    loaded = load_template(template)
    _render(loaded, read_draft(EXAMPLE), target, allow_incomplete=False, today=TODAY,
            time_limit=sandbox.TIME_LIMIT)
    with zipfile.ZipFile(target) as archive:
        return b"".join(archive.read(name) for name in loaded.parts)


def test_second_load_uses_the_cache_and_makes_the_same_document(
    cache: Path, compiles: list[str], tmp_path: Path
) -> None:
    first = _document_xml(default_template(), tmp_path / "a.docx")
    compiled = len(compiles)
    assert compiled >= 2  # the document and its header
    assert len(list(cache.iterdir())) == compiled
    second = _document_xml(default_template(), tmp_path / "b.docx")
    assert len(compiles) == compiled  # nothing compiled again
    assert second == first


def _template_with(path: Path, *paragraphs: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _body_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.fixture
def own_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the default template is while the test runs (to be written by the test)."""
    folder = tmp_path / "mallar"
    monkeypatch.setenv("WIZARD_TEMPLATES", str(folder))
    return folder / "tjansteutlatande.docx"


def test_an_edited_template_is_compiled_afresh(
    cache: Path, compiles: list[str], tmp_path: Path, own_default: Path
) -> None:
    template = own_default
    _template_with(template, "Första {{ referral.title }}")
    _document_xml(template, tmp_path / "a.docx")
    assert "Första" in _body_text(tmp_path / "a.docx")
    before = len(compiles)
    _template_with(template, "Andra {{ referral.dnr }}")  # same path, new source
    os.utime(template, ns=(0, 0))
    _document_xml(template, tmp_path / "b.docx")
    assert len(compiles) > before
    text = _body_text(tmp_path / "b.docx")
    assert "Andra" in text and "Första" not in text


def test_a_damaged_cache_entry_is_compiled_again_and_replaced(
    cache: Path, compiles: list[str], tmp_path: Path
) -> None:
    first = _document_xml(default_template(), tmp_path / "a.docx")
    entries = sorted(cache.iterdir())
    for entry in entries:
        entry.write_bytes(b"j2 not what it was")
    compiled = len(compiles)
    assert _document_xml(default_template(), tmp_path / "b.docx") == first
    assert len(compiles) == 2 * compiled
    assert all(entry.read_bytes() != b"j2 not what it was" for entry in entries)


def test_a_cache_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("inte en mapp")
    monkeypatch.setenv("WIZARD_CACHE_DIR", str(blocker / "cache"))
    first = _document_xml(default_template(), tmp_path / "a.docx")
    assert _document_xml(default_template(), tmp_path / "b.docx") == first
    assert blocker.read_text() == "inte en mapp"


def test_an_empty_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    monkeypatch.setenv("WIZARD_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _document_xml(default_template(), tmp_path / "a.docx")
    compiled = len(compiles)
    _document_xml(default_template(), tmp_path / "b.docx")
    assert len(compiles) == 2 * compiled
    assert not (tmp_path / "xdg").exists()


def test_the_user_cache_folder_is_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WIZARD_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert sandbox.cache_dir() == tmp_path / "xdg" / "wizard" / "templates"


def test_cached_code_still_runs_in_the_sandbox(
    cache: Path, compiles: list[str], tmp_path: Path, own_default: Path
) -> None:
    marker = tmp_path / "pwned"
    template = _template_with(
        own_default,
        f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}",
    )
    for attempt in ("a", "b"):  # compiled, then from the cache
        with pytest.raises(RenderError) as caught:
            _document_xml(template, tmp_path / f"{attempt}.docx")
        assert "en mall inte får göra" in caught.value.message
    assert len(compiles) == 1
    assert not marker.exists()


def test_other_templates_are_not_kept(cache: Path, compiles: list[str], tmp_path: Path) -> None:
    template = _template_with(tmp_path / "egen.docx", "Egen {{ referral.title }}")
    _document_xml(template, tmp_path / "a.docx")
    _document_xml(template, tmp_path / "b.docx")
    assert len(compiles) == 2
    assert not cache.exists()
