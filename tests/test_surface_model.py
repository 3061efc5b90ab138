"""The rules and file operations behind the wizard's surface: e-mail, item number,
the preview's map from paragraph to field, and deleting, renaming and copying drafts."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wizard.cli import app as cli_app
from wizard.model import Direction, Draft
from wizard.model.email import is_address, suggest
from wizard.model.validation import usual_item, validate
from wizard.render.preview import line_of_paragraph, preview_chunks, statement_markdown
from wizard.storage import DraftFile, read_draft
from wizard.storage.filing import (
    TRASH,
    FilingError,
    duplicate_draft,
    is_recovery_copy,
    rename_draft,
    trash_draft,
)

TODAY = dt.date(2016, 9, 1)


@pytest.mark.parametrize("address", [
    "elin.lindqvist@example.se", "åsa.öberg@stockholm.se", "a+b@kultur.stockholm.se",
])
def test_real_addresses_pass(address: str) -> None:
    assert is_address(address)


@pytest.mark.parametrize("typed, meant", [
    ("anna.svensson@stockholm,se", "anna.svensson@stockholm.se"),
    ("anna (at) stad.se", "anna@stad.se"),
    ("anna @ stad.se", "anna@stad.se"),
    ("mailto:anna@stad.se.", "anna@stad.se"),
    ("anna@@stad.se", "anna@stad.se"),
    ("åsa.öberg@stockholm..se", "åsa.öberg@stockholm.se"),
])
def test_an_obvious_slip_is_repaired(typed: str, meant: str) -> None:
    assert not is_address(typed)
    assert suggest(typed) == meant


@pytest.mark.parametrize("typed", ["anna", "anna@stad", "anna svensson@stad.se", "a@b@c.se"])
def test_no_guess_where_the_address_cannot_be_told(typed: str) -> None:
    assert not is_address(typed)
    assert suggest(typed) is None


def test_bad_email_is_an_error_with_the_repair(example_path: Path) -> None:
    draft = read_draft(example_path)
    draft.officer.email = "anna.svensson@stockholm,se"
    [issue] = validate(draft, today=TODAY)
    assert issue.is_error and issue.field == "officer.email"
    assert "ingen e-postadress" in issue.message
    assert issue.suggestion == "anna.svensson@stockholm.se"


def test_wizard_check_names_the_bad_email(tmp_path: Path, example_path: Path) -> None:
    """`wizard check` says the same as the form: one rule everywhere."""
    path = tmp_path / "fel.toml"
    text = example_path.read_text(encoding="utf-8")
    path.write_text(text.replace("elin.lindqvist@example.se", "elin.lindqvist.example.se"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["check", str(path), "--json"])
    assert result.exit_code == 1, result.output
    [found] = json.loads(result.output)
    assert [issue["field"] for issue in found["errors"]] == ["officer.email"]


def test_bare_item_number_is_written_p(example_path: Path) -> None:
    assert usual_item("12") == "p. 12"
    assert usual_item(" 7b ") == "p. 7b"
    assert usual_item("p. 12") is None and usual_item("§ 12") is None
    draft = read_draft(example_path)
    draft.meeting.item = "12"
    [issue] = validate(draft, today=TODAY)
    assert issue.field == "meeting.item" and issue.suggestion == "p. 12"
    assert not issue.is_error


def test_phone_warning_carries_its_suggestion(example_path: Path) -> None:
    draft = read_draft(example_path)
    draft.officer.phone = "0850831455"
    [issue] = validate(draft, today=TODAY)
    assert issue.suggestion == "08-508 31 455"


def test_pdf_choice_is_kept_in_the_wizard_table(example_copy: Path) -> None:
    draft_file = DraftFile.load(example_copy)
    assert draft_file.draft.pdf is False
    draft_file.draft.pdf = True
    draft_file.save(draft_file.draft)
    text = example_copy.read_text(encoding="utf-8")
    assert text.endswith('[wizard]\nstep = "review"\npdf = true\n')
    assert read_draft(example_copy).pdf is True


# ---------------------------------------------------------------- the preview's map


def test_every_paragraph_names_the_field_that_wrote_it(example_path: Path) -> None:
    draft = read_draft(example_path)
    chunks = [chunk for chunk in preview_chunks(draft, today=TODAY) if chunk.shows]
    fields = {chunk.field for chunk in chunks}
    assert {"referral.title", "texts.summary", "texts.views", "decisions[2].text",
            "signatures[1].name", "directions[3].name", "directions[4].comment",
            "attachments[1].title"} <= fields
    views = [chunk for chunk in chunks if chunk.field == "texts.views"]
    bullet = next(chunk for chunk in views if "biblioteksarbete" in chunk.markdown)
    line = line_of_paragraph(draft.texts.views, bullet.paragraph)
    assert draft.texts.views.split("\n")[line].startswith("- biblioteksarbete")


def test_blank_records_do_not_shift_the_map() -> None:
    """A wholly blank inriktning is left out of the document; the next keeps its number."""
    draft = Draft()
    draft.directions = [Direction(), Direction(name="Påverkan", description="Ett.\n\nTvå.")]
    chunks = preview_chunks(draft, today=TODAY)
    second = [chunk for chunk in chunks if chunk.field == "directions[2].description"]
    assert [chunk.paragraph for chunk in second] == [1]
    assert line_of_paragraph(draft.directions[1].description, 1) == 2


def test_preview_keeps_every_paragraph_of_a_description() -> None:
    """The second paragraph of an inriktning's description was left out of the preview."""
    draft = Draft()
    draft.directions = [Direction(name="Namn", description="Första.\nAndra.\nTredje.")]
    markdown = statement_markdown(draft, today=TODAY)
    assert "Andra\\." in markdown and "Tredje\\." in markdown


# ---------------------------------------------------------------- files


def draft_in(folder: Path, name: str, title: str = "Ärende") -> Path:
    path = folder / name
    path.write_text(f'format = 1\n[referral]\ntitle = "{title}"\n', encoding="utf-8")
    return path


def test_delete_moves_to_the_trash_and_never_replaces(tmp_path: Path) -> None:
    first = draft_in(tmp_path, "ärende.toml", "Första")
    first.with_name("ärende.toml.bak").write_text("gammal", encoding="utf-8")
    moved = trash_draft(first)
    assert moved == tmp_path / TRASH / "ärende.toml"
    assert not first.exists() and "Första" in moved.read_text(encoding="utf-8")
    assert (tmp_path / TRASH / "ärende.toml.bak").read_text(encoding="utf-8") == "gammal"
    second = draft_in(tmp_path, "ärende.toml", "Andra")
    moved_again = trash_draft(second)
    assert moved_again == tmp_path / TRASH / "ärende-2.toml"
    assert "Första" in moved.read_text(encoding="utf-8")


def test_rename_refuses_a_taken_name_and_a_folder(tmp_path: Path) -> None:
    path = draft_in(tmp_path, "a.toml", "A")
    draft_in(tmp_path, "b.toml", "B")
    with pytest.raises(FilingError, match="finns redan"):
        rename_draft(path, "b")
    assert "B" in (tmp_path / "b.toml").read_text(encoding="utf-8") and path.exists()
    with pytest.raises(FilingError, match="inget filnamn"):
        rename_draft(path, "../c")
    renamed = rename_draft(path, "välfärd")
    assert renamed == tmp_path / "välfärd.toml" and not path.exists()


def test_duplicate_takes_the_next_free_name(tmp_path: Path) -> None:
    path = draft_in(tmp_path, "a.toml")
    path.write_text(path.read_text(encoding="utf-8") + "# kommentar\n", encoding="utf-8")
    first = duplicate_draft(path)
    second = duplicate_draft(path)
    assert (first.name, second.name) == ("a-kopia.toml", "a-kopia-2.toml")
    assert first.read_bytes() == path.read_bytes()


def test_an_open_draft_is_neither_deleted_nor_renamed(tmp_path: Path) -> None:
    path = draft_in(tmp_path, "öppen.toml")
    lock = {"user": "karin", "host": socket.gethostname(), "pid": os.getppid(),
            "time": "2016-09-20 14:02"}
    path.with_name(path.name + ".lock").write_text(json.dumps(lock), encoding="utf-8")
    with pytest.raises(FilingError, match="karin"):
        trash_draft(path)
    with pytest.raises(FilingError, match="karin"):
        rename_draft(path, "annat")
    assert path.exists()


def test_recovery_copies_are_told_apart() -> None:
    assert is_recovery_copy(Path("utkast.recovered.toml"))
    assert not is_recovery_copy(Path("utkast.toml"))
