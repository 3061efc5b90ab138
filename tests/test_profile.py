"""The personal profile and the organisation folder; the command line in Swedish."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wizard.cli import app
from wizard.paths import default_template
from wizard.storage import read_draft
from wizard.storage.profile import load_settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_ORG = ROOT / "organisation-exempel"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "drafts"
    monkeypatch.setenv("WIZARD_DRAFTS", str(folder))
    return folder


def test_profile_and_organisation_prefill_every_new_draft(
        runner: CliRunner, drafts: Path, own_config: Path) -> None:
    result = runner.invoke(app, ["profil", "--name", "Mikael Nyberg", "--phone",
                                 "08-508 28 780", "--email", "mikael.nyberg@example.se",
                                 "--org", str(EXAMPLE_ORG)])
    assert result.exit_code == 0, result.output
    assert f"Profilen sparades i {own_config / 'profil.toml'}" in result.output
    assert "Organisation: Miljöförvaltningen" in result.output
    result = runner.invoke(app, ["new", "--referred-by", "kommunstyrelsen"])
    assert result.exit_code == 0, result.output
    draft = read_draft(drafts / "utkast.toml")
    assert (draft.officer.name, draft.officer.phone, draft.officer.email) == (
        "Mikael Nyberg", "08-508 28 780", "mikael.nyberg@example.se")
    assert draft.statement.organisation == "Miljöförvaltningen"
    assert draft.meeting.committee == "Miljö- och hälsoskyddsnämnden"
    assert [(s.name, s.title) for s in draft.signatures] == [
        ("Gunnar Söderholm", "Förvaltningsdirektör"), ("Mikael Nyberg", "Avdelningschef")]
    assert draft.prefilled_steps == {"signatures"}  # step 1 holds the officer's own words too
    listed = runner.invoke(app, ["list"], env={"COLUMNS": "200"})
    assert "Organisation: Miljöförvaltningen" in listed.output
    assert "Profil: Mikael Nyberg" in listed.output


def test_organisation_presets_by_name(runner: CliRunner, drafts: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIZARD_ORG_DIR", str(EXAMPLE_ORG))
    result = runner.invoke(app, ["new", "--from", "stadens-miljoprogram"])
    assert result.exit_code == 0, result.output
    draft = read_draft(drafts / "stockholms-stads-miljöprogram-2020–2023.toml"
                       if (drafts / "stockholms-stads-miljöprogram-2020–2023.toml").exists()
                       else next(drafts.iterdir()))
    assert draft.referral.title == "Stockholms stads miljöprogram 2020–2023"
    assert draft.prefilled_steps == {"case", "directions", "decisions", "signatures"}


def test_read_only_organisation_folder_is_only_read(
        runner: CliRunner, drafts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = tmp_path / "org"
    org.mkdir()
    (org / "organisation.toml").write_text('name = "Kulturförvaltningen"\n', encoding="utf-8")
    (org / "organisation.toml").chmod(stat.S_IRUSR | stat.S_IRGRP)
    org.chmod(stat.S_IRUSR | stat.S_IXUSR)
    before = {path: path.stat().st_mtime_ns for path in org.rglob("*")}
    monkeypatch.setenv("WIZARD_ORG_DIR", str(org))
    try:
        result = runner.invoke(app, ["new", "--title", "Kulturplan"])
        assert result.exit_code == 0, result.output
        assert read_draft(drafts / "kulturplan.toml").statement.organisation == \
            "Kulturförvaltningen"
        assert {path: path.stat().st_mtime_ns for path in org.rglob("*")} == before
        assert sorted(p.name for p in org.iterdir()) == ["organisation.toml"]
    finally:
        org.chmod(stat.S_IRWXU)


def test_missing_organisation_folder_is_said_and_the_defaults_still_work(
        runner: CliRunner, drafts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "finns-inte"
    monkeypatch.setenv("WIZARD_ORG_DIR", str(missing))
    result = runner.invoke(app, ["new", "--title", "Plan"])
    assert result.exit_code == 0, result.output
    assert f"Obs: {missing}: organisationsmappen finns inte" in result.output
    assert (drafts / "plan.toml").exists()
    assert default_template().name == "tjansteutlatande.docx"
    assert default_template().exists()


def test_broken_organisation_file_names_file_and_line(
        runner: CliRunner, drafts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = tmp_path / "org"
    org.mkdir()
    (org / "organisation.toml").write_text('name = "Kultur\ncommittee = "X"\n',
                                           encoding="utf-8")
    monkeypatch.setenv("WIZARD_ORG_DIR", str(org))
    result = runner.invoke(app, ["list", str(tmp_path)])
    assert f"{org / 'organisation.toml'}, rad 1" in result.output
    assert "Traceback" not in result.output
    assert load_settings().organisation is None


def test_organisation_template_is_the_default(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    org = tmp_path / "org"
    (org / "templates").mkdir(parents=True)
    (org / "organisation.toml").write_text('template = "templates/egen.docx"\n',
                                           encoding="utf-8")
    monkeypatch.setenv("WIZARD_ORG_DIR", str(org))
    assert default_template() == org / "templates" / "egen.docx"


def test_broken_profile_names_file_and_line(runner: CliRunner, own_config: Path) -> None:
    (own_config / "profil.toml").write_text("[officer]\nname = 3 4\n", encoding="utf-8")
    result = runner.invoke(app, ["profil"])
    assert f"{own_config / 'profil.toml'}, rad 2" in result.output


# ---------------------------------------------------------------- Swedish command line


ENGLISH = ("Usage", "Options", "Arguments", "Commands", "Show this message", "Missing",
           "No such option", "Try '", "Error", "[default")


@pytest.mark.parametrize("args", [["--help"], ["new", "--help"], ["template", "--help"],
                                  ["profil", "-h"]])
def test_help_is_swedish(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "Användning: wizard" in result.output
    assert "Visa den här hjälpen och avsluta." in result.output
    assert not [word for word in ENGLISH if word in result.output], result.output


@pytest.mark.parametrize(("args", "message"), [
    (["new", "--bogus"], "Okänd flagga: --bogus"),
    (["check"], "Argumentet 'files' saknas."),
    (["open", "a", "b"], "Oväntade extra argument (b)"),
    (["nytt"], "Okänt kommando 'nytt'."),
    (["render", "x.toml", "--out-dir"], "Flaggan '--out-dir' behöver ett värde."),
])
def test_errors_are_swedish(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": "120"})
    assert result.exit_code == 2
    assert message in result.output, result.output
    assert "Fel" in result.output
    if "--out-dir" not in args:  # click names no command for a value missing at the end
        assert "för hjälp" in result.output
    assert not [word for word in ENGLISH if word in result.output], result.output


def test_help_starts_without_the_heavy_libraries() -> None:
    """`wizard --help` loads neither Textual, the document libraries, pypdf nor platformdirs."""
    code = ("import sys; from wizard.cli import main; sys.argv = ['wizard', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = {'textual', 'docx', 'docxtpl', 'pypdf', 'platformdirs', 'lxml', 'jinja2',"
            " 'tomlkit'}\n"
            "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "COLUMNS": "100"})
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert "Användning" in done.stdout
