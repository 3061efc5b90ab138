"""Output is written only where it belongs: the probe's cases for render -o, --out-dir, new.

A document replaces only a Word file or PDF; never a draft (by name or by
content), a text file (without --force), a FIFO, a device, a folder, nor a file
behind a symbolic link without saying so. Every refusal is exit 2, a Swedish
message naming the file, and the file exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wizard.cli import app
from wizard.cli import drafts as draft_commands
from wizard.errors import OutputTargetError
from wizard.storage.targets import check_output_target

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "drafts" / "exempel.toml"
runner = CliRunner()


def make_device(path: Path) -> str:
    """A character device like /dev/null where the tests may make one (root), else a FIFO."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        return "en enhetsfil"
    except (PermissionError, AttributeError, OSError):
        os.mkfifo(path)
        return "FIFO"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "a.toml"
    shutil.copy(EXAMPLE, path)
    return path


@pytest.fixture
def made_docx(tmp_path: Path, draft: Path) -> Path:
    """A Word document made by the wizard before (which a new render may replace)."""
    result = runner.invoke(app, ["render", str(draft), "-o", str(tmp_path / "tidigare.docx")])
    assert result.exit_code == 0, result.output
    return tmp_path / "tidigare.docx"


def state(path: Path) -> tuple[int, bytes | None, str | None]:
    """What is at ``path``: its mode, its bytes (regular files) and where a link points."""
    mode = os.lstat(path).st_mode
    data = path.read_bytes() if stat.S_ISREG(mode) else None
    link = os.readlink(path) if stat.S_ISLNK(mode) else None
    return mode, data, link


def render_onto(draft: Path, target: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["render", str(draft), "-o", str(target), *extra])
    return result.exit_code, result.output


# ---------------------------------------------------------------- render -o


def test_another_draft_is_never_replaced_even_with_force(tmp_path, draft):
    other = tmp_path / "annat.toml"
    shutil.copy(EXAMPLE, other)
    before = state(other)
    for extra in ((), ("--force",)):
        code, output = render_onto(draft, other, *extra)
        assert code == 2, output
        assert f"{other}: är ett utkast; det skrivs inte över" in output
        assert state(other) == before


def test_a_draft_by_another_name_is_known_by_its_content(tmp_path, draft):
    disguised = tmp_path / "utkast.docx"
    shutil.copy(EXAMPLE, disguised)
    before = state(disguised)
    code, output = render_onto(draft, disguised, "--force")
    assert code == 2 and "är ett utkast" in output
    assert state(disguised) == before


def test_a_text_file_is_replaced_only_with_force(tmp_path, draft):
    notes = tmp_path / "anteckningar.txt"
    notes.write_text("Mina anteckningar.\n", encoding="utf-8")
    before = state(notes)
    code, output = render_onto(draft, notes)
    assert code == 2
    assert f"{notes}: finns redan och är inte ett Word-dokument" in output
    assert "--force" in output
    assert state(notes) == before
    code, output = render_onto(draft, notes, "--force")
    assert code == 0, output
    assert notes.read_bytes().startswith(b"PK\x03\x04")


def test_a_document_made_before_is_replaced(draft, made_docx):
    code, output = render_onto(draft, made_docx)
    assert code == 0, output


def test_a_fifo_is_refused_at_once_even_with_force(tmp_path, draft):
    fifo = tmp_path / "ut.docx"
    os.mkfifo(fifo)
    for extra in ((), ("--force",)):
        code, output = render_onto(draft, fifo, *extra)
        assert code == 2
        assert f"{fifo}: är en namngiven rörledning (FIFO), ingen vanlig fil" in output
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_device_node_is_never_replaced(tmp_path, draft):
    device = tmp_path / "null.docx"
    kind = make_device(device)
    before = state(device)
    for extra in ((), ("--force",)):
        code, output = render_onto(draft, device, *extra)
        assert code == 2
        assert f"{device}: är {kind}" in output or f"{device}: är en namngiven" in output
        assert state(device) == before


def test_a_folder_is_refused(tmp_path, draft):
    folder = tmp_path / "mapp.docx"
    folder.mkdir()
    code, output = render_onto(draft, folder, "--force")
    assert code == 2 and f"{folder}: är en mapp" in output
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_link_to_a_text_file_is_refused_naming_where_it_points(tmp_path, draft):
    elsewhere = tmp_path / "annanstans"
    elsewhere.mkdir()
    notes = elsewhere / "viktigt.txt"
    notes.write_text("Rör inte.\n", encoding="utf-8")
    link = tmp_path / "ut.docx"
    link.symlink_to(notes)
    before_link, before_notes = state(link), state(notes)
    code, output = render_onto(draft, link)
    assert code == 2
    assert f"{link}: finns redan och är inte ett Word-dokument (länken pekar på {notes})" in output
    assert state(link) == before_link and state(notes) == before_notes


def test_a_link_to_a_document_is_followed_and_said(tmp_path, draft, made_docx):
    link = tmp_path / "senaste.docx"
    link.symlink_to(made_docx)
    code, output = render_onto(draft, link)
    assert code == 0, output
    assert f"{link} är en symbolisk länk; skriver till {made_docx}" in output
    assert os.path.islink(link)  # the link stays a link, the document behind it is new


def test_a_dangling_link_is_followed_only_with_force(tmp_path, draft):
    link = tmp_path / "ut.docx"
    link.symlink_to(tmp_path / "ny.docx")
    code, output = render_onto(draft, link)
    assert code == 2 and "är en symbolisk länk till" in output and "som inte finns" in output
    assert not (tmp_path / "ny.docx").exists()
    code, output = render_onto(draft, link, "--force")
    assert code == 0, output
    assert "är en symbolisk länk; skriver till" in output
    assert (tmp_path / "ny.docx").read_bytes().startswith(b"PK")


def test_a_link_loop_is_refused(tmp_path, draft):
    (tmp_path / "a.docx").symlink_to(tmp_path / "b.docx")
    (tmp_path / "b.docx").symlink_to(tmp_path / "a.docx")
    code, output = render_onto(draft, tmp_path / "a.docx", "--force")
    assert code == 2 and "symboliska länkar bildar en slinga" in output
    assert "RuntimeError" not in output and "Oväntat" not in output


def test_out_dir_refuses_one_target_and_makes_the_others(tmp_path, draft):
    second = tmp_path / "b.toml"
    shutil.copy(EXAMPLE, second)
    out = tmp_path / "ut"
    out.mkdir()
    os.mkfifo(out / "a.docx")
    result = runner.invoke(app, ["render", str(draft), str(second), "--out-dir", str(out)])
    assert result.exit_code == 2
    assert f"{out / 'a.docx'}: är en namngiven rörledning (FIFO)" in result.output
    assert stat.S_ISFIFO(os.lstat(out / "a.docx").st_mode)
    assert (out / "b.docx").read_bytes().startswith(b"PK")
    assert "1 av 2 dokument skapade" in result.output


def test_the_pdf_beside_the_document_is_checked_too(tmp_path, draft):
    os.mkfifo(tmp_path / "a.pdf")
    result = runner.invoke(app, ["render", str(draft), "--pdf"])
    assert result.exit_code == 2
    assert f"{tmp_path / 'a.pdf'}: är en namngiven rörledning (FIFO)" in result.output
    assert not (tmp_path / "a.docx").exists()


# ---------------------------------------------------------------- the rule itself


def test_the_rule_for_each_kind(tmp_path, made_docx):
    pdf = tmp_path / "gammal.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%...\n")
    assert check_output_target(tmp_path / "ny.docx", "docx").path == tmp_path / "ny.docx"
    assert check_output_target(made_docx, "docx").exists
    assert check_output_target(pdf, "pdf").path == pdf
    with pytest.raises(OutputTargetError, match="är inte ett Word-dokument"):
        check_output_target(pdf, "docx")
    assert check_output_target(pdf, "docx", force=True).path == pdf
    with pytest.raises(OutputTargetError, match="mappen finns inte"):
        check_output_target(tmp_path / "saknas" / "x.docx", "docx")


def test_a_draft_target_is_replaced_only_when_asked(tmp_path, draft):
    with pytest.raises(OutputTargetError, match="filen finns redan") as caught:
        check_output_target(draft, "draft")
    assert caught.value.can_force
    assert check_output_target(draft, "draft", force=True).path == draft
    assert check_output_target(tmp_path / "ny.toml", "draft").path == tmp_path / "ny.toml"
    fifo = tmp_path / "rör.toml"
    os.mkfifo(fifo)
    with pytest.raises(OutputTargetError, match="FIFO") as caught:
        check_output_target(fifo, "draft", force=True)
    assert not caught.value.can_force


# ---------------------------------------------------------------- new


@pytest.mark.parametrize("kind", ["fifo", "device", "link", "loop"])
def test_new_never_writes_into_what_is_not_a_new_file(tmp_path, monkeypatch, kind):
    monkeypatch.setattr(draft_commands, "_run_tui", lambda *args, **kwargs: None)
    target = tmp_path / "nytt.toml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        make_device(target)
    elif kind == "link":
        (tmp_path / "annat.txt").write_text("Rör inte.\n", encoding="utf-8")
        target.symlink_to(tmp_path / "annat.txt")
    else:
        target.symlink_to(target)
    before = state(target)
    result = runner.invoke(app, ["new", str(target), "--no-open"])
    assert result.exit_code == 2, result.output
    assert str(target) in result.output and "Traceback" not in result.output
    assert state(target) == before
    if kind == "link":
        assert (tmp_path / "annat.txt").read_text(encoding="utf-8") == "Rör inte.\n"
