"""`wizard render` on the command line: targets, refusals, several files, PDF, no Textual."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.test_render_support import EXAMPLE, ROOT, open_docx
from wizard.cli import app

runner = CliRunner()


def _drafts(tmp_path: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        path = tmp_path / name
        shutil.copy(EXAMPLE, path)
        paths.append(path)
    return paths


def test_one_draft_beside_itself(tmp_path: Path) -> None:
    (draft,) = _drafts(tmp_path, "a.toml")
    result = runner.invoke(app, ["render", str(draft)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.docx").exists()
    open_docx(tmp_path / "a.docx")


def test_output_option(tmp_path: Path) -> None:
    (draft,) = _drafts(tmp_path, "a.toml")
    result = runner.invoke(app, ["render", str(draft), "-o", str(tmp_path / "ut.docx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ut.docx").exists() and not (tmp_path / "a.docx").exists()


def test_output_option_needs_one_draft(tmp_path: Path) -> None:
    drafts = _drafts(tmp_path, "a.toml", "b.toml")
    result = runner.invoke(app, ["render", *map(str, drafts), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert not (tmp_path / "x.docx").exists()


def test_several_drafts_into_folder_with_summary(tmp_path: Path) -> None:
    drafts = _drafts(tmp_path, "a.toml", "b.toml", "c.toml")
    out = tmp_path / "ut"
    result = runner.invoke(app, ["render", *map(str, drafts), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "b.docx", "c.docx"]
    assert "3 av 3 dokument skapade" in result.output


def test_draft_with_errors_refused_then_allowed(tmp_path: Path) -> None:
    draft = tmp_path / "ofardig.toml"
    draft.write_text('format = 1\n[referral]\ntitle = "Bara en rubrik"\n', encoding="utf-8")
    result = runner.invoke(app, ["render", str(draft)])
    assert result.exit_code == 1
    assert "texts.summary" in result.output and "Sammanfattning saknas" in result.output
    assert not (tmp_path / "ofardig.docx").exists()
    result = runner.invoke(app, ["render", str(draft), "--allow-incomplete"])
    assert result.exit_code == 0, result.output
    assert "UTKAST" in result.output
    header = open_docx(tmp_path / "ofardig.docx").sections[0].header
    assert any("UTKAST" in p.text for p in header.paragraphs)


def test_unreadable_draft_does_not_stop_the_others(tmp_path: Path) -> None:
    good = _drafts(tmp_path, "bra.toml")[0]
    bad = tmp_path / "trasig.toml"
    bad.write_text("format = 1\ntitle = \n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(bad), str(good), "--out-dir", str(tmp_path / "ut")])
    assert result.exit_code == 2
    assert (tmp_path / "ut" / "bra.docx").exists()
    assert "trasig.toml" in result.output
    assert "1 av 2 dokument skapade" in result.output


def test_removed_characters_are_reported(tmp_path: Path) -> None:
    draft = tmp_path / "a.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'name = "Elin Lindqvist"', 'name = "Elin\\u0007 Lindqvist"', 1
    )
    draft.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["render", str(draft)])
    assert result.exit_code == 0, result.output
    assert "officer.name" in result.output and "U+0007" in result.output


def test_pdf_without_libreoffice_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIZARD_SOFFICE", str(tmp_path / "ingen-soffice"))
    (draft,) = _drafts(tmp_path, "a.toml")
    result = runner.invoke(app, ["render", str(draft), "--pdf"])
    assert result.exit_code == 2
    assert "LibreOffice" in result.output
    assert (tmp_path / "a.docx").exists() and not (tmp_path / "a.pdf").exists()


def test_render_does_not_import_textual(tmp_path: Path) -> None:
    (draft,) = _drafts(tmp_path, "a.toml")
    code = (
        "import sys\n"
        "from wizard.cli import app\n"
        "try:\n"
        f"    app([\"render\", {str(draft)!r}])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    assert (tmp_path / "a.docx").exists()


def test_broken_template_is_one_clear_error(tmp_path: Path) -> None:
    import docx

    template = docx.Document()
    template.add_paragraph("Till {{ meeting.committee")
    template.save(str(tmp_path / "mall.docx"))
    (draft,) = _drafts(tmp_path, "a.toml")
    result = runner.invoke(app, ["render", str(draft), "--template", str(tmp_path / "mall.docx")])
    assert result.exit_code == 2
    assert "Till {{ meeting.committee" in result.output
    assert not (tmp_path / "a.docx").exists()


def test_output_never_overwrites_a_draft(tmp_path: Path) -> None:
    (draft,) = _drafts(tmp_path, "a.toml")
    before = draft.read_bytes()
    result = runner.invoke(app, ["render", str(draft), "-o", str(draft)])
    assert result.exit_code == 2
    assert draft.read_bytes() == before


def test_warnings_of_the_draft_are_shown(tmp_path: Path) -> None:
    draft = tmp_path / "a.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace('phone = "08-508 31 455"',
                                                       'phone = "0850831455"')
    draft.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["render", str(draft)])
    assert result.exit_code == 0, result.output
    assert "officer.phone" in result.output and "08-508 31 455" in result.output


def test_many_drafts_are_shared_among_processes(tmp_path: Path) -> None:
    from wizard.render.api import PARALLEL_MIN_DRAFTS

    names = [f"u{n:02d}.toml" for n in range(PARALLEL_MIN_DRAFTS + 2)]
    drafts = _drafts(tmp_path, *names)
    drafts[3].write_text('format = 1\n[referral]\ntitle = "Ofärdig"\n', encoding="utf-8")
    drafts[5].write_text("format = \n", encoding="utf-8")
    out = tmp_path / "ut"
    result = runner.invoke(app, ["render", *map(str, drafts), "--out-dir", str(out)])
    assert result.exit_code == 2, result.output
    made = sorted(p.name for p in out.iterdir())
    expected = [n.replace(".toml", ".docx") for i, n in enumerate(names) if i not in (3, 5)]
    assert made == sorted(expected)
    assert f"{len(names) - 2} av {len(names)} dokument skapade" in result.output
    assert "1 utkast med fel" in result.output and "u05.toml" in result.output
    for path in out.iterdir():
        open_docx(path)


@pytest.mark.parametrize("extra", [0, 18], ids=["in-process", "forked-workers"])
def test_a_document_that_cannot_be_written_is_that_drafts_error(tmp_path: Path,
                                                                 extra: int) -> None:
    """Made in this process or in forked workers (which leave the writing to the caller):
    a target that cannot be written is the error of its own draft, the others are made."""
    from wizard.render.api import PARALLEL_MIN_DRAFTS, render_statements

    assert extra == 0 or 2 + extra >= PARALLEL_MIN_DRAFTS
    drafts = _drafts(tmp_path, *(f"u{n:02d}.toml" for n in range(2 + extra)))
    out = tmp_path / "ut"
    out.mkdir()
    targets = [out / draft.with_suffix(".docx").name for draft in drafts]
    targets[1].mkdir()  # a folder where the document should go
    items = list(render_statements(list(zip(drafts, targets, strict=True)), workers=2))
    assert [item.index for item in items] == list(range(len(drafts)))
    failed = items[1]
    assert failed.result is None and failed.error is not None
    assert str(targets[1]) in failed.error.message and "mapp" in failed.error.message
    for item in items[:1] + items[2:]:
        assert item.error is None and item.result is not None
        open_docx(item.out_path)
