"""Hostile and unlucky input files through every command, and terminal-safe output.

A FIFO, deep nesting (arrays 5,000 deep, an inline table 3,000 deep, a
2,000-part key), a symbolic link loop and a file another user cannot read go
through ``check``, ``check --json``, ``render``, ``list`` and ``open`` without a
terminal: each is an ordinary Swedish "cannot read" (exit 2, JSON with
``--json``), never a hang or exit 70, and the other files are still handled.
Escape sequences in every field reach the terminal drawn, never raw.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wizard.cli import app
from wizard.cli import drafts as draft_commands
from wizard.cli.errors import real_console, stdout
from wizard.storage.phrases import PhraseLibraryError, load_phrases

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "drafts" / "exempel.toml"
EVIL = "\u001b]0;PWNED\u0007\u001b[31mRÖD\u001b[2J\u009b2J\u202e"
# Anything a terminal would act on: C0 controls but line end and tab, DEL, C1, bidi overrides.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A command that blocks on a FIFO fails the test instead of hanging the suite."""

    def hung(signum, frame):
        raise AssertionError("the command hung (a blocking read?)")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True)
def no_tui(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the TUI was opened")

    monkeypatch.setattr(draft_commands, "_run_tui", refuse)


@pytest.fixture
def wide() -> Iterator[None]:
    """Tables as wide as their rows (rich would fold them at 80 columns off a terminal)."""
    console = real_console(stdout)
    before = console._width  # None: follow the terminal or COLUMNS, as other tests expect
    console.width = 400
    try:
        yield
    finally:
        console._width = before


def make_bad(folder: Path, kind: str) -> Path:
    """One bad draft of ``kind`` in ``folder``."""
    path = folder / f"{kind}.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "deep-array":
        path.write_text("format = 1\nx = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    elif kind == "deep-inline":
        path.write_text("format = 1\nx = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
                        encoding="utf-8")
    elif kind == "long-key":
        path.write_text("format = 1\n" + ".".join(["k"] * 2000) + " = 1\n", encoding="utf-8")
    elif kind == "loop":
        other = folder / "loop-b.toml"
        path.symlink_to(other)
        other.symlink_to(path)
    else:
        raise ValueError(kind)
    return path


BAD_KINDS = ["fifo", "deep-array", "deep-inline", "long-key", "loop"]
WORDS = {
    "fifo": "är en namngiven rörledning (FIFO), inte en vanlig fil",
    "deep-array": "för djupt nästlad",
    "deep-inline": "för djupt nästlad",
    "long-key": "för djupt nästlad",
    "loop": "symboliska länkar bildar en slinga",
}


def assert_ordinary_error(output: str) -> None:
    assert "Traceback" not in output
    assert "Oväntat fel" not in output and "RecursionError" not in output
    assert "RuntimeError" not in output


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_file_through_every_command(tmp_path, kind):
    bad = make_bad(tmp_path, kind)
    good = tmp_path / "bra.toml"
    shutil.copy(EXAMPLE, good)

    result = runner.invoke(app, ["check", str(bad), str(good)])
    assert result.exit_code == 2, result.output
    assert f"{bad}: {WORDS[kind]}" in result.output
    assert f"{good}: klart" in result.output  # the other file is still checked
    assert_ordinary_error(result.output)

    result = runner.invoke(app, ["check", "--json", str(bad), str(good)])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [entry["file"] for entry in report] == [str(bad), str(good)]
    assert WORDS[kind] in report[0]["read_error"] and report[1]["ok"] is True

    result = runner.invoke(app, ["render", str(bad)])
    assert result.exit_code == 2, result.output
    assert WORDS[kind] in result.output
    assert_ordinary_error(result.output)
    assert not (tmp_path / f"{kind}.docx").exists()

    result = runner.invoke(app, ["open", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}: {WORDS[kind]}" in result.output
    assert_ordinary_error(result.output)


def test_list_shows_each_bad_file_as_one_row_and_goes_on(tmp_path, wide):
    for kind in BAD_KINDS:
        make_bad(tmp_path, kind)
    shutil.copy(EXAMPLE, tmp_path / "bra.toml")
    result = runner.invoke(app, ["list", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert_ordinary_error(result.output)
    assert "Internationell strategi för Stockholms stad" in result.output
    for kind in BAD_KINDS:
        assert f"{kind}.toml" in result.output
    assert result.output.count("kan inte läsas") == len(BAD_KINDS) + 1  # the loop has two ends
    assert "för djupt nästlad" in result.output and "FIFO" in result.output


@pytest.mark.parametrize("kind", ["fifo", "deep-array", "loop"])
def test_bad_preset_and_phrase_library(tmp_path, kind, monkeypatch):
    bad = make_bad(tmp_path, kind)
    result = runner.invoke(app, ["new", str(tmp_path / "nytt.toml"), "--from", str(bad),
                                 "--no-open"])
    assert result.exit_code == 2
    assert WORDS[kind].split(" (")[0] in result.output
    assert not (tmp_path / "nytt.toml").exists()
    with pytest.raises(PhraseLibraryError) as caught:
        load_phrases(bad)
    assert str(bad) in caught.value.message


# ---------------------------------------------------------------- another user


@contextlib.contextmanager
def shared_folder() -> Iterator[Path]:
    """A folder another user can enter (pytest's own temp folder is private to its user)."""
    folder = Path(tempfile.mkdtemp(prefix="wizard-test-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_as_nobody(commands: list[list[str]]) -> list[tuple[int, str]]:
    """Run CLI commands in a forked child as user ``nobody``; their exit codes and output."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, run, report, exit without pytest's teardown
        code = 1
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            results = []
            for command in commands:
                result = runner.invoke(app, command, terminal_width=200)
                results.append((result.exit_code, result.output + (
                    "" if result.exception is None or isinstance(result.exception, SystemExit)
                    else repr(result.exception))))
            with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
                json.dump(results, pipe)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the child failed"
    return [tuple(item) for item in json.loads(data)]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="running as another user needs root (see the chmod test)")
def test_unreadable_file_as_another_user_through_every_command(wide):
    with shared_folder() as folder:
        secret = folder / "hemlig.toml"
        shutil.copy(EXAMPLE, secret)
        secret.chmod(0o600)  # root's own: nobody cannot read it
        good = folder / "bra.toml"
        shutil.copy(EXAMPLE, good)
        good.chmod(0o644)
        out = folder / "ut"
        out.mkdir()
        out.chmod(0o777)
        commands = [
            ["check", str(secret), str(good)],
            ["check", "--json", str(secret), str(good)],
            ["render", str(secret), str(good), "--out-dir", str(out)],
            ["list", str(folder)],
            ["open", str(secret)],
        ]
        # The same commands once as root, with a FIFO for the secret: every module they
        # import is loaded before the child drops root (the interpreter's own folder
        # may be closed to other users).
        fifo = make_bad(folder, "fifo")
        for command in commands:
            runner.invoke(app, [str(fifo) if part == str(secret) else part for part in command])
        fifo.unlink()
        for made in out.iterdir():
            made.unlink()
        results = run_as_nobody(commands)
    (check_code, check_out), (json_code, json_out), (render_code, render_out), \
        (list_code, list_out), (open_code, open_out) = results
    message = f"{secret}: saknar behörighet att läsa filen"
    assert check_code == 2 and message in check_out and f"{good}: klart" in check_out
    assert "Invalid value" not in check_out and "not readable" not in check_out
    assert json_code == 2
    report = json.loads(json_out)
    assert report[0]["read_error"] == message and report[1]["ok"] is True
    assert render_code == 2 and "saknar behörighet" in render_out
    assert "1 av 2 dokument skapade" in render_out
    assert list_code == 0 and "hemlig.toml" in list_out and "saknar behörighet" in list_out
    assert "Internationell strategi" in list_out
    assert open_code == 2 and message in open_out


# ---------------------------------------------------------------- terminal output


def evil_draft(folder: Path, name: str = "ond.toml") -> Path:
    """The example with an escape sequence in front of every text, and as the meeting date."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r'^(\w+) = "([^"\n]*)"$',
                  lambda m: f"{m.group(1)} = {json.dumps(EVIL + m.group(2))}", text, flags=re.M)
    text = text.replace("date = 2016-09-20", f"date = {json.dumps(EVIL)}")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_drawn(output: str) -> None:
    assert RAW.search(output) is None, repr(RAW.search(output))
    assert "␛]0;PWNED␇␛[31mRÖD␛[2J" in output


def test_escape_sequences_are_drawn_by_check_list_and_render(tmp_path, wide):
    path = evil_draft(tmp_path)
    named = evil_draft(tmp_path, "namn\u001b]0;FIL\u0007.toml")

    result = runner.invoke(app, ["check", str(path), str(named)])
    assert result.exit_code == 1
    assert_drawn(result.output)
    assert "namn␛]0;FIL␇.toml" in result.output
    assert "meeting.date" in result.output and "referral.dnr" in result.output

    result = runner.invoke(app, ["check", "--json", str(path)])
    assert RAW.search(result.stdout) is None
    assert json.loads(result.stdout)[0]["errors"]  # the text is whole in JSON, escaped

    result = runner.invoke(app, ["list", str(tmp_path)])
    assert result.exit_code == 0
    assert_drawn(result.output)

    result = runner.invoke(app, ["render", str(path), str(named), "--allow-incomplete"])
    assert result.exit_code == 0, result.output
    assert RAW.search(result.output) is None
    assert "namn␛]0;FIL␇.docx" in result.output
    assert "tas bort ur dokumentet" in result.output  # the warnings name the removed characters


def test_escape_sequences_in_error_messages_are_drawn(tmp_path):
    path = tmp_path / "fel\u001b[2J.toml"
    path.write_text('format = 1\n[referral\ntitle = "x"\n', encoding="utf-8")
    for command in (["check", str(path)], ["render", str(path)], ["open", str(path)],
                    ["render", str(EXAMPLE), "-o", str(tmp_path / "ut\u001b[2J.txt")],
                    ["template", "check", str(tmp_path / "mall\u001b[2J.docx")],
                    ["render", str(EXAMPLE), "--template", str(tmp_path / "mall\u001b[2J.docx")],
                    ["new", str(tmp_path / "saknas\u001b[2J" / "x.toml"), "--no-open"]):
        if command[-1].endswith(".txt"):
            Path(command[-1]).write_text("text\n", encoding="utf-8")
        result = runner.invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        assert RAW.search(result.output) is None, (command, result.output)
        assert "␛[2J" in result.output


def test_a_megabyte_title_is_shortened_in_list_and_check(tmp_path):
    title = "Ett mycket långt ärende " * 45_000  # about 1 MB
    path = tmp_path / "lang.toml"
    path.write_text(f"format = 1\n[referral]\ntitle = {json.dumps(title)}\n"
                    f"dnr = {json.dumps(title)}\n", encoding="utf-8")
    result = runner.invoke(app, ["list", str(tmp_path)])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) < 40 and "…" in result.output
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert len(result.output) < 5_000 and "…" in result.output


def test_check_json_prints_json_even_after_an_unexpected_error(tmp_path, monkeypatch):
    import wizard.model.review as review

    good = tmp_path / "bra.toml"
    shutil.copy(EXAMPLE, good)
    calls = []

    def failing(draft):
        calls.append(draft)
        if len(calls) == 2:
            raise ValueError("ett fel i wizard")
        return []

    monkeypatch.setattr(review, "review_issues", failing)
    result = runner.invoke(app, ["check", "--json", str(good), str(good)])
    assert result.exit_code == 70
    assert [entry["file"] for entry in json.loads(result.stdout)] == [str(good)]
    assert "Oväntat fel: ValueError: ett fel i wizard" in result.stderr


def test_every_piece_of_a_render_line_is_drawn(capsys):
    """`say`, which prints render's and template check's lines, draws what a template holds."""
    from wizard.cli.render import say

    say(("✗", "bold red"), " mall.docx: ", ("okänd\u009b2J\u001b[2J", "red"), " " + "x" * 5000)
    output = capsys.readouterr().out
    assert RAW.search(output) is None
    assert "okänd\\u009b2J␛[2J" in output and output.rstrip().endswith("…")
