"""The draft commands through typer's CliRunner: new, open, list, check, --version."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wizard import __version__
from wizard.cli import app
from wizard.cli import drafts as draft_commands
from wizard.paths import default_preset
from wizard.storage import read_draft

PRESET_NAME = "internationell-strategi-för-stockholms-stad.toml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "drafts"
    monkeypatch.setenv("WIZARD_DRAFTS", str(folder))
    return folder


@pytest.fixture
def tui_calls(monkeypatch) -> list[tuple[Path | None, str | None]]:
    """Record the TUI openings instead of running the TUI."""
    calls: list[tuple[Path | None, str | None]] = []
    monkeypatch.setattr(draft_commands, "_run_tui",
                        lambda path=None, step=None: calls.append((path, step)))
    return calls


# ---------------------------------------------------------------- new


def test_new_from_the_preset_names_the_file_from_the_title_without_its_comments(
        runner, drafts, tui_calls):
    result = runner.invoke(app, ["new", "--from", str(default_preset())])
    assert result.exit_code == 0, result.output
    path = drafts / PRESET_NAME
    assert f"Nytt utkast: {path}" in result.output
    text = path.read_text(encoding="utf-8")
    assert "Remissmall" not in text and "#" not in text  # content, not the preset's comments
    draft = read_draft(path)
    assert draft.referral.title == "Internationell strategi för Stockholms stad"
    assert draft.directions == read_draft(default_preset()).directions
    assert draft.prefilled_steps == {"case", "directions", "decisions"}
    assert tui_calls == []  # not a terminal: says where it was saved, opens nothing


def test_new_by_default_is_blank_apart_from_the_facts_given(runner, drafts, tui_calls):
    result = runner.invoke(app, ["new", "--title", "Trafikplan för Åkeshov", "--referred-by",
                                 "kommunstyrelsen", "--dnr", "KS 2016/482", "--deadline",
                                 "17 oktober 2016"])
    assert result.exit_code == 0, result.output
    path = drafts / "trafikplan-för-åkeshov.toml"
    assert f"Nytt utkast: {path}" in result.output
    draft = read_draft(path)
    assert (draft.referral.title, draft.referral.referred_by, draft.referral.dnr,
            str(draft.referral.deadline)) == ("Trafikplan för Åkeshov", "kommunstyrelsen",
                                              "KS 2016/482", "2016-10-17")
    assert draft.directions == [] and draft.decisions == [] and draft.texts.summary == ""
    assert draft.prefilled_steps == set()  # typed by the person: their own work


def test_new_refuses_a_deadline_that_is_no_date(runner, drafts, tui_calls):
    result = runner.invoke(app, ["new", "--title", "X", "--deadline", "2016-02-30"])
    assert result.exit_code == 2
    assert "--deadline 2016-02-30: ogiltigt datum" in result.output
    assert not drafts.exists()


def test_new_never_replaces_a_draft_and_numbers_the_next(runner, drafts, tui_calls):
    for _ in range(3):
        assert runner.invoke(app, ["new", "--from", "internationell-strategi"]).exit_code == 0
    names = sorted(p.name for p in drafts.iterdir())
    stem = PRESET_NAME.removesuffix(".toml")
    assert names == sorted([PRESET_NAME, f"{stem}-2.toml", f"{stem}-3.toml"])


def test_new_from_another_preset(runner, drafts, tmp_path, tui_calls):
    preset = tmp_path / "annan-remiss.toml"
    preset.write_text(
        '# Min mall\nformat = 1\n\n[referral]\ntitle = "Trafikplan: Åkeshov/Ängby?"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["new", "--from", str(preset)])
    assert result.exit_code == 0, result.output
    path = drafts / "trafikplan-åkeshov-ängby.toml"
    assert "Min mall" not in path.read_text(encoding="utf-8")
    assert read_draft(path).referral.title == "Trafikplan: Åkeshov/Ängby?"


def test_new_from_a_broken_preset_writes_nothing(runner, drafts, tmp_path, tui_calls):
    preset = tmp_path / "trasig.toml"
    preset.write_text('format = 1\n[referral]\ntitle = "x\n', encoding="utf-8")
    result = runner.invoke(app, ["new", "--from", str(preset)])
    assert result.exit_code == 2
    assert f"{preset}, rad 3" in result.output
    assert not drafts.exists() or list(drafts.iterdir()) == []


def test_new_with_explicit_file(runner, drafts, tmp_path, tui_calls):
    target = tmp_path / "mitt utkast.toml"
    result = runner.invoke(app, ["new", str(target), "--title", "Min remiss"])
    assert result.exit_code == 0, result.output
    assert read_draft(target).referral.title == "Min remiss"
    assert not drafts.exists()


def test_new_refuses_an_existing_file(runner, drafts, example_copy, tui_calls):
    before = example_copy.read_bytes()
    result = runner.invoke(app, ["new", str(example_copy)])
    assert result.exit_code == 2
    assert f"{example_copy}: filen finns redan" in result.output
    assert example_copy.read_bytes() == before


def test_new_in_a_missing_folder_says_so_in_swedish(runner, tmp_path, tui_calls):
    target = tmp_path / "finns-inte" / "utkast.toml"
    result = runner.invoke(app, ["new", str(target)])
    assert result.exit_code == 2
    assert f"{target}: mappen finns inte" in result.output


def test_new_in_a_terminal_asks_in_the_dialog(runner, drafts, monkeypatch):
    calls: list[dict] = []
    monkeypatch.setattr(draft_commands, "_interactive", lambda: True)
    monkeypatch.setattr(draft_commands, "_run_tui",
                        lambda path=None, step=None, new_statement=None: calls.append(
                            {"path": path, "new": new_statement}))
    assert runner.invoke(app, ["new", "--title", "Åtgärder"]).exit_code == 0
    assert calls[0]["path"] is None and calls[0]["new"]["title"] == "Åtgärder"
    assert not drafts.exists()  # the dialog makes it
    assert runner.invoke(app, ["new", "--no-open"]).exit_code == 0
    assert len(calls) == 1 and (drafts / "utkast.toml").exists()


# ---------------------------------------------------------------- open


def test_open_passes_file_and_step(runner, example_copy, tui_calls):
    result = runner.invoke(app, ["open", str(example_copy), "--step", "views"])
    assert result.exit_code == 0, result.output
    assert tui_calls == [(example_copy, "views")]


def test_open_refuses_an_unknown_step(runner, example_copy, tui_calls):
    result = runner.invoke(app, ["open", str(example_copy), "--step", "slutet"])
    assert result.exit_code == 2
    assert "--step slutet: okänt steg" in result.output
    assert "views" in result.output
    assert tui_calls == []


@pytest.mark.parametrize("args", [[], ["open", "EXAMPLE"]])
def test_the_tui_needs_a_terminal(runner, example_path, args):
    args = [str(example_path) if arg == "EXAMPLE" else arg for arg in args]
    result = runner.invoke(app, args)  # CliRunner's streams are not terminals
    assert result.exit_code == 2
    assert "Guiden behöver en terminal" in result.output


def test_plain_wizard_opens_the_start_screen(runner, tui_calls):
    assert runner.invoke(app, []).exit_code == 0
    assert tui_calls == [(None, None)]


# ---------------------------------------------------------------- list


def table_rows(output: str) -> list[list[str]]:
    rows = []
    for line in output.splitlines():
        if line.startswith("│"):
            rows.append([cell.strip() for cell in line.strip("│").split("│")])
    return rows


def test_list_newest_first_with_completeness_and_unreadable_files(runner, tmp_path, example_path):
    folder = tmp_path / "utkast"
    folder.mkdir()
    shutil.copyfile(example_path, folder / "klar.toml")
    shutil.copyfile(default_preset(), folder / "ny.toml")
    (folder / "trasig.toml").write_bytes(b'format = 1\ntitle "x"\n')
    (folder / "anteckning.txt").write_text("inte ett utkast", encoding="utf-8")
    (folder / ".dold.toml").write_text("format = 1\n", encoding="utf-8")
    (folder / "klar.toml.bak").write_text("format = 1\n", encoding="utf-8")
    for age, name in enumerate(["ny.toml", "trasig.toml", "klar.toml"]):
        stamp = 1_700_000_000 - age * 3600
        os.utime(folder / name, (stamp, stamp))
    result = runner.invoke(app, ["list", str(folder)], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    rows = table_rows(result.output)
    assert [row[0] for row in rows] == ["ny.toml", "trasig.toml", "klar.toml"]
    assert rows[0][1] == "Internationell strategi för Stockholms stad"
    assert rows[0][4] == "5/13"
    assert rows[1][1] == "kan inte läsas: rad 2: ett likhetstecken (=) saknas efter nyckeln"
    assert rows[2][1:5] == ["Internationell strategi för Stockholms stad", "Kulturnämnden",
                            "2016-09-20", "13/13"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", rows[2][5])


def test_list_uses_the_drafts_folder_and_says_when_empty(runner, drafts):
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    assert f"Inga utkast i {drafts}" in result.output


def test_list_of_an_unreadable_folder_is_an_error(runner, tmp_path, monkeypatch):
    def refuse(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)
    result = runner.invoke(app, ["list", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path}: mappen kan inte läsas (saknar behörighet)" in result.output


def test_list_of_a_file_is_an_error(runner, example_path):
    result = runner.invoke(app, ["list", str(example_path)])
    assert result.exit_code == 2
    assert f"{example_path}: är inte en mapp" in result.output


# ---------------------------------------------------------------- check


@pytest.fixture
def incomplete(tmp_path: Path, example_path: Path) -> Path:
    path = tmp_path / "ofullständig.toml"
    data = example_path.read_text(encoding="utf-8")
    data = data.replace('phone = "08-508 31 455"', 'phone = "08-508 31 455 ank. 12"')
    data = data.replace('committee = "Kulturnämnden"\n', "")
    path.write_text(data, encoding="utf-8")
    return path


@pytest.fixture
def warned(tmp_path: Path, example_path: Path) -> Path:
    path = tmp_path / "varning.toml"
    data = example_path.read_text(encoding="utf-8").replace('"08-508 31 455"', '"0850831455"')
    path.write_text(data, encoding="utf-8")
    return path


def test_check_complete_draft_exits_0(runner, example_path):
    result = runner.invoke(app, ["check", str(example_path)])
    assert result.exit_code == 0
    assert result.output == f"✓ {example_path}: klart\n"


def test_check_warnings_alone_exit_0(runner, warned):
    result = runner.invoke(app, ["check", str(warned)])
    assert result.exit_code == 0, result.output
    assert f"! {warned}: klart, 1 varning" in result.output
    assert "officer.phone: Telefon: ”0850831455” är inte skrivet på det vanliga sättet. " \
           "Skriv ”08-508 31 455”." in result.output


def test_check_errors_exit_1(runner, incomplete):
    result = runner.invoke(app, ["check", str(incomplete)])
    assert result.exit_code == 1
    assert f"✗ {incomplete}: 2 fel, 0 varningar (12/13 ifyllda)" in result.output
    assert "fel      meeting.committee: Nämnd saknas." in result.output
    assert "fel      officer.phone: Telefon: ”08-508 31 455 ank. 12” får bara innehålla" \
        in result.output


@pytest.mark.parametrize(
    "names, code",
    [
        (["exempel"], 0),
        (["exempel", "varning"], 0),
        (["exempel", "ofullständig"], 1),
        (["ofullständig", "trasig"], 2),
        (["trasig", "exempel", "ofullständig"], 2),
    ],
)
def test_check_exit_code_of_mixes(runner, tmp_path, example_path, incomplete, warned, names, code):
    broken = tmp_path / "trasig.toml"
    broken.write_bytes(b"format = 1\n[[decisions]\n")
    paths = {"exempel": example_path, "varning": warned, "ofullständig": incomplete,
             "trasig": broken}
    result = runner.invoke(app, ["check", *[str(paths[name]) for name in names]])
    assert result.exit_code == code, result.output
    for name in names:
        assert str(paths[name]) in result.output


def test_check_json_structure(runner, example_path, incomplete, warned):
    result = runner.invoke(app, ["check", "--json", str(example_path), str(incomplete),
                                 str(warned)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [entry["file"] for entry in report] == [str(example_path), str(incomplete), str(warned)]
    complete, broken, warning = report
    assert complete == {"file": str(example_path), "ok": True, "read_error": None,
                        "complete": [13, 13], "errors": [], "warnings": []}
    assert broken["ok"] is False and broken["complete"] == [12, 13]
    assert broken["errors"][0] == {"field": "meeting.committee", "label": "Nämnd",
                                   "step": "case", "message": "Nämnd saknas."}
    assert [issue["field"] for issue in broken["errors"]] == ["meeting.committee",
                                                              "officer.phone"]
    assert warning["ok"] is True
    assert [issue["field"] for issue in warning["warnings"]] == ["officer.phone"]


def test_check_without_files_is_a_usage_error(runner):
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2


# ---------------------------------------------------------------- version, help


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"wizard {__version__}\n"


def test_help_lists_commands_and_shell_completion(runner):
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for word in ("--install-completion", "--show-completion", "--version", "new", "open", "list",
                 "check"):
        assert word in result.output


def test_python_dash_m_wizard_runs_the_command_line():
    done = subprocess.run([sys.executable, "-m", "wizard", "--version"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout == f"wizard {__version__}\n"
