"""Every kind of bad draft file: one Swedish message with file and line, exit 2, file untouched."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wizard.cli import app
from wizard.cli import drafts as draft_commands
from wizard.errors import DraftReadError
from wizard.storage import DraftFile, read_draft

# name: (file content, line the message names or None, a words of the message)
BAD_FILES: dict[str, tuple[bytes, int | None, str]] = {
    "inte-toml": (b'format = 1\n[referral\ntitle = "x"\n', 2, "tabellrubriken saknar ]"),
    "prosa": ("Det här är ett brev, ingen TOML-fil.\n".encode(), 1, "likhetstecken"),
    "avbruten": (b'format = 1\n\n[referral]\ntitle = "Internationell strat', 4,
                 "saknar sina avslutande citattecken"),
    "oavslutad-text": (b'format = 1\n\n[texts]\nsummary = """\nEtt stycke.\n\nviews = "x"\n', 4,
                       "saknar sina avslutande citattecken"),
    "oavslutad-literal": (b"format = 1\n\n[texts]\n\nviews = '''\nEtt stycke.\n", 5,
                          "saknar sina avslutande citattecken"),
    "dubbel-nyckel": (b'format = 1\n\n[referral]\ntitle = "a"\ndnr = "1"\ntitle = "b"\n', 6,
                      "samma nyckel står två gånger"),
    "dubbel-tabell": (b'format = 1\n\n[referral]\ntitle = "a"\n\n[referral]\ndnr = "1"\n', 6,
                      "samma tabell står två gånger"),
    "ogiltigt-datum": (b"format = 1\n\n[meeting]\ndate = 2016-02-30\n", 4, "ogiltigt datum"),
    "inte-utf8": (b'format = 1\n\n[referral]\ntitle = "F\xf6rvaltning"\n', 4, "UTF-8"),
    "tal-som-text": (b"format = 1\n\n[referral]\ntitle = 42\n", 4,
                     "referral.title: ska vara text inom citattecken, inte ett heltal"),
    "tal-i-post": (b'format = 1\n\n[[decisions]]\ntext = "a"\n\n[[decisions]]\ntext = 2016\n', 7,
                   "decisions[2].text: ska vara text"),
    "tabell-for-lista": (b'format = 1\n\n[decisions]\ntext = "x"\n', 3,
                         "ska vara en lista av tabeller skrivna [[decisions]]"),
    "datum-med-klockslag": (b"format = 1\n\n[meeting]\ndate = 2016-09-20T10:00:00\n", 4,
                            "utan klockslag"),
    "format-2": (b'format = 2\n\n[referral]\ntitle = "x"\n', 1, "nyare version"),
    "format-text": (b'format = "1"\n', 1, "format ska vara heltalet 1"),
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def no_tui(monkeypatch):
    """Fail the test if a command tries to open the TUI."""

    def refuse(*args, **kwargs):
        raise AssertionError("the TUI was opened")

    monkeypatch.setattr(draft_commands, "_run_tui", refuse)


def write_bad(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_bytes(BAD_FILES[name][0])
    return path


def assert_reported(output: str, path: Path, line: int | None, words: str) -> None:
    assert str(path) in output
    assert words in output
    if line is not None:
        assert f"{path}, rad {line}" in output
    assert "Traceback" not in output


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_check_reports_bad_file(runner, tmp_path, name):
    path = write_bad(tmp_path, name)
    _, line, words = BAD_FILES[name]
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "kan inte läsas" in result.output
    assert_reported(result.output, path, line, words)
    assert path.read_bytes() == BAD_FILES[name][0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_open_reports_bad_file_without_opening_the_tui(runner, tmp_path, no_tui, name):
    path = write_bad(tmp_path, name)
    _, line, words = BAD_FILES[name]
    result = runner.invoke(app, ["open", str(path)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Fel: ")
    assert_reported(result.output, path, line, words)
    assert path.read_bytes() == BAD_FILES[name][0]


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_storage_raises_one_read_error_with_line(tmp_path, name):
    path = write_bad(tmp_path, name)
    _, line, _ = BAD_FILES[name]
    for read in (read_draft, DraftFile.load):
        with pytest.raises(DraftReadError) as caught:
            read(path)
        assert caught.value.path == path
        assert caught.value.line == line


def test_check_json_names_the_read_error(runner, tmp_path, example_copy):
    path = write_bad(tmp_path, "dubbel-nyckel")
    result = runner.invoke(app, ["check", "--json", str(example_copy), str(path)])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [entry["file"] for entry in report] == [str(example_copy), str(path)]
    assert report[0]["ok"] is True and report[0]["read_error"] is None
    assert report[1]["ok"] is False
    assert report[1]["read_error"].startswith(f"{path}, rad 6")


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_missing_file_and_folder(runner, tmp_path, no_tui, kind):
    path = tmp_path / "utkast.toml"
    words = "filen finns inte"
    if kind == "folder":
        path.mkdir()
        words = "är en mapp"
    for command in ("check", "open"):
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == 2
        assert f"{path}: {words}" in result.output
        assert "Traceback" not in result.output
    assert path.exists() == (kind == "folder")


def test_file_without_read_permission_monkeypatched(runner, tmp_path, no_tui, monkeypatch,
                                                    example_copy):
    """Tests may run as root, where chmod 000 does not stop reading: refuse the open instead.

    (tests/test_hostile_files.py runs the same as another user, for real.)
    """
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if os.fspath(path) == os.fspath(example_copy):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    for command in ("check", "open"):
        result = runner.invoke(app, [command, str(example_copy)])
        assert result.exit_code == 2
        assert f"{example_copy}: saknar behörighet att läsa filen" in result.output


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_file_without_read_permission_chmod(runner, example_copy):
    example_copy.chmod(0)
    try:
        result = runner.invoke(app, ["check", str(example_copy)])
    finally:
        example_copy.chmod(0o644)
    assert result.exit_code == 2
    assert "saknar behörighet att läsa filen" in result.output


@pytest.mark.parametrize("content, code", [("complete", 0), ("incomplete", 1)])
def test_byte_order_mark_is_accepted(runner, tmp_path, example_path, content, code):
    data = example_path.read_bytes()
    if content == "incomplete":
        data = data.replace(b'name = "Elin Lindqvist"', b'name = ""')
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + data)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == code, result.output
    if code == 1:
        assert "officer.name: Handläggare saknas." in result.output
    assert path.read_bytes() == b"\xef\xbb\xbf" + data


def test_good_and_bad_files_together_exit_2(runner, tmp_path, example_path):
    bad = write_bad(tmp_path, "format-2")
    result = runner.invoke(app, ["check", str(example_path), str(bad)])
    assert result.exit_code == 2
    assert f"{example_path}: klart" in result.output
    assert f"{bad}, rad 1" in result.output
