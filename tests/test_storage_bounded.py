"""Bounded reading: no hang on a FIFO, no zip bomb in memory, names kept inside the package."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from wizard.model.text import visible
from wizard.storage.bounded import FileReadError, read_bounded, read_docx_members

TEMPLATE = Path(__file__).parent.parent / "templates" / "tjansteutlatande.docx"


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "utkast.toml"
    os.mkfifo(fifo)
    with pytest.raises(FileReadError, match="FIFO"):
        read_bounded(fifo)


def test_folder_and_missing_file_are_named(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="mapp"):
        read_bounded(tmp_path)
    with pytest.raises(FileReadError, match="finns inte") as caught:
        read_bounded(tmp_path / "saknas.toml")
    assert "saknas.toml" in str(caught.value)


def test_symlink_loop_is_a_plain_read_error(tmp_path: Path) -> None:
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    with pytest.raises(FileReadError, match="slinga"):
        read_bounded(tmp_path / "a.toml")


def test_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "stor.toml"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(FileReadError, match="för stor"):
        read_bounded(big, limit=1024, what="utkastet")
    assert read_bounded(big, limit=4096) == b"x" * 2048


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_bomb_stops_at_the_part_cap(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_zip({"word/document.xml": b"\0" * (8 * 1024 * 1024)}))
    with pytest.raises(FileReadError, match=r"word/document\.xml"):
        read_docx_members(bomb, part_limit=1024 * 1024)


@pytest.mark.parametrize("name", ["../../x", "/abs/x", "word/../../evil.xml", "C:/x"])
def test_member_names_outside_the_package_are_refused(tmp_path: Path, name: str) -> None:
    docx = tmp_path / "mall.docx"
    docx.write_bytes(_zip({"word/document.xml": b"<w/>", name: b"x"}))
    with pytest.raises(FileReadError, match="används inte"):
        read_docx_members(docx)


def test_not_a_zip_and_encrypted_office_file(tmp_path: Path) -> None:
    text = tmp_path / "brev.docx"
    text.write_text("inte ett dokument")
    with pytest.raises(FileReadError, match="inte ett Word-dokument"):
        read_docx_members(text)
    ole = tmp_path / "lösen.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(FileReadError, match="lösenordsskyddat"):
        read_docx_members(ole)


def test_the_default_template_reads() -> None:
    members = read_docx_members(TEMPLATE)
    assert "word/document.xml" in members


def test_visible_draws_escapes_and_shortens() -> None:
    hostile = "\u001b]0;PWNED\u0007\u001b[31mRÖD\u001b[2J\u001b[0m"
    shown = visible(hostile)
    assert "\u001b" not in shown and "\u0007" not in shown
    assert shown.startswith("␛]0;PWNED␇")
    assert visible("rad\nrad", one_line=True) == "rad␤rad"
    assert visible("rad\nrad") == "rad\nrad"
    assert visible("x" * 50, limit=10) == "x" * 9 + "…"
    assert visible("\u0085\u202e") == "\\u0085\\u202e"
