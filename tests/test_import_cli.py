"""``wizard import`` from the command line: the report, the target, and every bad input.

Bad input gets a Swedish message naming the file, exit code 2 and nothing
written; an existing draft is never replaced without ``--force``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from tests.test_render_support import EXAMPLE
from wizard.cli import app
from wizard.render import render_statement
from wizard.storage import read_draft
from wizard.storage.bounded import DOCX_FILE_LIMIT, DOCX_PART_LIMIT

TODAY = dt.date(2016, 9, 1)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "drafts"
    monkeypatch.setenv("WIZARD_DRAFTS", str(folder))
    return folder


@pytest.fixture
def statement(tmp_path: Path) -> Path:
    path = tmp_path / "utlatande.docx"
    render_statement(read_draft(EXAMPLE), path, today=TODAY)
    return path


def test_import_writes_a_draft_named_from_the_title_and_prints_the_report(
    runner: CliRunner, drafts: Path, statement: Path
) -> None:
    result = runner.invoke(app, ["import", str(statement)])
    assert result.exit_code == 0, result.output
    target = drafts / "internationell-strategi-för-stockholms-stad.toml"
    assert f"→ {target}" in result.output
    assert "Hittat:" in result.output
    assert "Inriktningar (directions): 4 från listan under Bakgrund" in result.output
    assert read_draft(target).directions[0].name == "Profilering"
    again = runner.invoke(app, ["import", str(statement)])
    assert again.exit_code == 0
    assert (drafts / "internationell-strategi-för-stockholms-stad-2.toml").exists()


def test_an_existing_target_is_kept_unless_forced(runner: CliRunner, tmp_path: Path,
                                                  statement: Path) -> None:
    target = tmp_path / "mitt.toml"
    target.write_text("# mitt eget\nformat = 1\n", encoding="utf-8")
    refused = runner.invoke(app, ["import", str(statement), "-o", str(target)])
    assert refused.exit_code == 2
    assert "finns redan" in refused.output and "--force" in refused.output
    assert target.read_text(encoding="utf-8") == "# mitt eget\nformat = 1\n"
    forced = runner.invoke(app, ["import", str(statement), "-o", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert read_draft(target).referral.title == "Internationell strategi för Stockholms stad"
    assert target.with_name("mitt.toml.bak").read_text(encoding="utf-8").startswith("# mitt")


def test_as_new_from_the_command_line(runner: CliRunner, tmp_path: Path,
                                      statement: Path) -> None:
    target = tmp_path / "nytt.toml"
    result = runner.invoke(app, ["import", str(statement), "-o", str(target), "--as-new"])
    assert result.exit_code == 0, result.output
    draft = read_draft(target)
    assert draft.referral.title == "" and draft.meeting.date is None
    assert draft.meeting.committee == "Kulturnämnden"
    assert "tömt för ett nytt ärende (--as-new)" in result.output


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _macro_docx(source: Path) -> bytes:
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml")
    return _zip(members)


def _empty_docx() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


BAD_INPUTS = {
    "text": (lambda s: b"Det h\xc3\xa4r \xc3\xa4r ingen Word-fil.\n", "inte ett Word-dokument"),
    "corrupt zip": (lambda s: s.read_bytes()[: len(s.read_bytes()) // 2], "Word-dokument"),
    "password": (lambda s: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),
                 "lösenordsskyddat"),
    "macros": (_macro_docx, "makron"),
    "spreadsheet": (lambda s: _zip({"[Content_Types].xml": b'<Types xmlns="http://schemas.'
                                    b'openxmlformats.org/package/2006/content-types"/>',
                                    "xl/workbook.xml": b"<workbook/>"}),
                    "inte ett Word-dokument"),
    "zip bomb": (lambda s: _zip({"[Content_Types].xml": b"<Types/>",
                                 "word/document.xml": bytes(DOCX_PART_LIMIT + 1)}),
                 "packas upp till mer än"),
    "no text": (lambda s: _empty_docx(), "ingen text att importera"),
}


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_is_refused_and_nothing_is_written(runner: CliRunner, drafts: Path,
                                                     tmp_path: Path, statement: Path,
                                                     kind: str) -> None:
    make, message = BAD_INPUTS[kind]
    path = tmp_path / "fel.docx"
    path.write_bytes(make(statement))
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2, result.output
    assert str(path) in result.output and message in result.output
    assert "Traceback" not in result.output
    assert not drafts.exists() or not any(drafts.iterdir())


def test_a_docm_file_is_refused_by_its_name(runner: CliRunner, drafts: Path, tmp_path: Path,
                                            statement: Path) -> None:
    path = tmp_path / "makro.docm"
    path.write_bytes(statement.read_bytes())
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2 and "makron" in result.output
    assert not drafts.exists()


def test_a_huge_file_is_refused_before_it_is_read(runner: CliRunner, drafts: Path,
                                                  tmp_path: Path) -> None:
    path = tmp_path / "stor.docx"
    with path.open("wb") as handle:
        handle.truncate(DOCX_FILE_LIMIT + 1)  # sparse: no disk used
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2 and "för stor" in result.output
    assert not drafts.exists()


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_missing_file_and_folder(runner: CliRunner, drafts: Path, tmp_path: Path,
                                 kind: str) -> None:
    path = tmp_path / "saknas.docx"
    if kind == "folder":
        path.mkdir()
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2 and str(path) in result.output
    assert not drafts.exists()


def test_output_must_be_a_toml_file(runner: CliRunner, tmp_path: Path,
                                    statement: Path) -> None:
    result = runner.invoke(app, ["import", str(statement), "-o", str(tmp_path / "ut.docx")])
    assert result.exit_code == 2 and ".toml" in result.output
    assert not (tmp_path / "ut.docx").exists()


def test_import_does_not_load_textual(statement: Path, tmp_path: Path) -> None:
    """The importer is render-layer code: a whole import in a fresh interpreter, no Textual."""
    from tests.test_no_textual import textual_modules

    target = tmp_path / "ny.toml"
    loaded, _ = textual_modules(
        "from wizard.importing import import_statement, save_imported\n"
        f"save_imported(import_statement({str(statement)!r}), __import__('pathlib')"
        f".Path({str(target)!r}))\n")
    assert loaded == []
    assert target.exists()
