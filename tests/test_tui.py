"""Pilot tests of the wizard's shell: forms, keys, autosave, resume and save failures."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

import wizard.storage.draftfile as draftfile
from tests.helpers.pilot import editor, read_toml, saved, type_text, until
from wizard.model import Draft
from wizard.model.steps import STEP_IDS
from wizard.storage import DraftFile
from wizard.tui.app import WizardApp, make_app
from wizard.tui.screens.conflict import ConflictDialog
from wizard.tui.screens.dialogs import ChoiceDialog, SaveAsDialog
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.screens.help import HelpScreen
from wizard.tui.screens.new_statement import NewStatementScreen
from wizard.tui.screens.profile import ProfileScreen
from wizard.tui.screens.start import StartScreen
from wizard.tui.steps.case import CaseView
from wizard.tui.widgets.fields import FormCheckbox, FormField, TextField, field_id

TODAY = dt.date(2016, 9, 1)
SIZE = (100, 30)


def new_app(path: Path | None, step: str | None = None, *, delay: float = 60.0,
            drafts_dir: Path | None = None) -> WizardApp:
    """The app as the command line makes it, with a test's autosave delay and today."""
    app = make_app(path, step, drafts_dir=drafts_dir)
    app.autosave_delay = delay
    app.today = TODAY
    return app


def empty_draft(tmp_path: Path, name: str = "tom.toml") -> Path:
    path = tmp_path / name
    path.write_text("format = 1\n", encoding="utf-8")
    return path


@pytest.mark.slow
async def test_resume_reopens_at_saved_step_with_every_value(example_copy: Path) -> None:
    """A saved draft reopens at its step, and every widget shows the file's value."""
    draft = DraftFile.load(example_copy).draft
    app = new_app(example_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        assert screen.current_step == draft.step == "review"
        for step_id in STEP_IDS:  # a step's view is built when it is first shown
            screen.go_to_step(step_id, focus=False)
            await until(pilot, lambda s=step_id: screen.has_view(s))
        assert screen.query(FormField) and len(screen.query(TextField)) == 4
        for form_field in screen.query(FormField):
            value = draft.get(form_field.path)
            shown = value.isoformat() if isinstance(value, dt.date) else value
            assert form_field.input.value == shown, form_field.path
        for text_field in screen.query(TextField):
            assert text_field.text_area.text == draft.get(text_field.path)
        assert screen.query_one(FormCheckbox).value == draft.meeting.immediate
    app = new_app(example_copy, "views")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert editor(app).current_step == "views"
        focused = app.focused
        assert isinstance(focused, TextArea) and focused.text == draft.texts.views


async def test_step_change_is_written_and_resumed(tmp_path: Path) -> None:
    """Going to a step writes it to [wizard] step; the next opening starts there."""
    path = empty_draft(tmp_path)
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", "ctrl+n")
        await type_text(pilot, "Text")
        await pilot.press("ctrl+q")
    assert read_toml(path)["wizard"]["step"] == "background"
    assert read_toml(path)["texts"]["background"] == "Text"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert editor(app).current_step == "background"


async def test_autosave_without_any_key_after_typing_stops(tmp_path: Path) -> None:
    """After the autosave delay the file holds the text, with no key pressed."""
    path = empty_draft(tmp_path)
    app = new_app(path, delay=0.5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Remissen")
        assert "Remissen" not in path.read_text(encoding="utf-8")
        assert editor(app).status_text == "Ej sparat"
        # The autosave timer fires, then the save runs on the session's thread.
        await until(pilot, lambda: editor(app).status_text.startswith("Sparat "))
        await saved(pilot)
        assert read_toml(path)["referral"]["title"] == "Remissen"
        assert editor(app).status_text.startswith("Sparat ")


async def test_quitting_saves(tmp_path: Path) -> None:
    """Ctrl+Q saves what was typed even before the autosave delay."""
    path = empty_draft(tmp_path)
    app = new_app(path, delay=600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Sista orden")
        await pilot.press("ctrl+q")
    assert read_toml(path)["referral"]["title"] == "Sista orden"
    assert app.return_value == 0


async def test_flush_all_saves_synchronously_as_the_signal_handlers_do(tmp_path: Path) -> None:
    """What SIGTERM/SIGHUP run: the draft is on disk when flush_all returns."""
    path = empty_draft(tmp_path)
    app = new_app(path, delay=600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Före signalen")
        app.flush_all()
        assert read_toml(path)["referral"]["title"] == "Före signalen"


async def test_opening_and_quitting_leaves_the_file_byte_for_byte(example_copy: Path) -> None:
    """Open a complete draft, look at a step's fields, quit: not one byte changes."""
    before = example_copy.read_bytes()
    mtime = example_copy.stat().st_mtime_ns
    app = new_app(example_copy, delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await saved(pilot)
        await pilot.press("ctrl+s")
        await saved(pilot)
        await pilot.press("ctrl+q")
    assert example_copy.read_bytes() == before
    assert example_copy.stat().st_mtime_ns == mtime
    assert not Path(str(example_copy) + ".bak").exists()


async def test_odd_values_survive_opening(tmp_path: Path) -> None:
    """A date that is no date, CRLF line ends and comments: opening changes nothing."""
    path = tmp_path / "udda.toml"
    text = ('# kommentar\r\nformat = 1\r\n\r\n[meeting]\r\ndate = "2016-9-20" # sen\r\n'
            'immediate = false\r\n[referral]\r\ndeadline = 2016-10-17\r\ntitle = "Rad"\r\n'
            '[texts]\r\nsummary = """\r\nEtt\r\nTvå\r\n"""\r\n')
    path.write_bytes(text.encode("utf-8"))
    app = new_app(path, "case", delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("ctrl+q")
    assert path.read_bytes() == text.encode("utf-8")


async def test_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    """Someone else's change of the same field stays; the person sees both values and
    may save under another name."""
    path = empty_draft(tmp_path)
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        other = 'format = 1\n[referral]\ntitle = "Ändrat av någon annan"\n'
        path.write_text(other, encoding="utf-8")
        await type_text(pilot, "Mitt")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert path.read_text(encoding="utf-8") == other
        assert editor(app).status_text.startswith("Filen har ändrats på disken")
        assert isinstance(app.screen, ConflictDialog)
        shown = [str(value.render()) for value in app.screen.query(".conflict-value")]
        assert shown == ["Mitt", "Ändrat av någon annan"]  # side by side: mine, the file's
        await pilot.click("#save_as")  # a dialog's answer is handled on a later turn
        await until(pilot, lambda: isinstance(app.screen, SaveAsDialog))
        name_input = app.screen.query_one(Input)
        name_input.value = "mitt.toml"
        await pilot.press("enter")
        await until(pilot, lambda: editor(app).draft_path == tmp_path / "mitt.toml")
        await saved(pilot)
        await pilot.press("ctrl+q")
    assert path.read_text(encoding="utf-8") == other
    assert read_toml(tmp_path / "mitt.toml")["referral"]["title"] == "Mitt"
    assert not (tmp_path / "mitt.toml.lock").exists()


async def test_changed_on_disk_conflict_can_take_the_files_value(tmp_path: Path) -> None:
    """Choosing the file's value shows it in the form and saves it."""
    path = empty_draft(tmp_path)
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        path.write_text('format = 1\n[referral]\ntitle = "Nytt"\n', encoding="utf-8")
        await type_text(pilot, "x")
        await pilot.press("ctrl+s")
        await saved(pilot)
        await pilot.click("#theirs")  # the dialog's answer is handled on a later turn
        field = editor(app).query_one(f"#{field_id('referral.title')}", FormField)
        await until(pilot, lambda: field.input.value == "Nytt")
        await saved(pilot)
        assert editor(app).draft.referral.title == "Nytt"
        assert read_toml(path)["referral"]["title"] == "Nytt"


async def test_disk_full_keeps_the_text_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed write is reported at once; the text stays and is saved once the disk is back."""
    path = empty_draft(tmp_path)
    real_write = draftfile.atomic_write

    def full(target: Path, data: bytes, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(draftfile, "atomic_write", full)
    app = new_app(path, delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Viktig text")
        # The autosave timer fires, the save fails on the session's thread, the status says so.
        await until(pilot, lambda: "disken är full" in editor(app).status_text)
        await saved(pilot)
        assert isinstance(app.screen, EditorScreen)  # no dialog takes the keys mid-typing
        await type_text(pilot, " till")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert isinstance(app.screen, ChoiceDialog)  # an explicit save asks what to do
        await pilot.press("escape")  # typing goes on while saving is blocked
        assert editor(app).draft.referral.title == "Viktig text till"
        monkeypatch.setattr(draftfile, "atomic_write", real_write)
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert editor(app).status_text.startswith("Sparat")
    assert read_toml(path)["referral"]["title"] == "Viktig text till"


async def test_quit_when_saving_fails_writes_a_recovery_file(tmp_path: Path) -> None:
    """Quitting past a failed save keeps the text in NAME.recovered.toml."""
    path = empty_draft(tmp_path)
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Rädda mig")
        hand_edit = 'format = 1\n# ändrad\n[referral]\ntitle = "Annat"\n'
        path.write_text(hand_edit, encoding="utf-8")
        await pilot.press("ctrl+q")  # the save on quitting runs in a thread: wait for it
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.click("#quit")
        await until(pilot, lambda: app.recovered)  # the dialog's answer, on a later turn
    recovered = tmp_path / "tom.recovered.toml"
    assert read_toml(recovered)["referral"]["title"] == "Rädda mig"
    assert path.read_text(encoding="utf-8") == hand_edit


async def test_unexpected_error_flushes_to_a_recovery_file(tmp_path: Path) -> None:
    """A crash in a handler still leaves the typed text in a recovery file."""
    path = empty_draft(tmp_path)
    app = new_app(path)

    def boom() -> None:
        raise ZeroDivisionError("boom")

    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await type_text(pilot, "Inte förlorad")
            app.call_later(boom)
            await pilot.pause()
            await pilot.pause()
    recovered = tmp_path / "tom.recovered.toml"
    assert read_toml(recovered)["referral"]["title"] == "Inte förlorad"
    assert not path.with_name(path.name + ".lock").exists()


async def test_date_checked_when_leaving_the_field(tmp_path: Path) -> None:
    """A date that is not a date gets a Swedish message under the field and marks the step."""
    path = empty_draft(tmp_path)
    app = new_app(path, "case")
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.query_one(CaseView).focus_field("meeting.date")
        await type_text(pilot, "2016-13-01")
        field = screen.query_one(f"#{field_id('meeting.date')}", FormField)
        assert not field.has_class("-has-message")  # not while typing
        await pilot.press("tab")
        message = str(field.query_one(".field-message").render())
        assert "inte ett riktigt datum" in message and field.has_class("-error")
        assert screen.draft.meeting.date == "2016-13-01"
        assert screen.query_one("#nav-case").has_class("-errors")
        screen.query_one(CaseView).focus_field("meeting.date")
        await pilot.press("ctrl+u")
        await type_text(pilot, "2016-12-01")
        assert not field.has_class("-has-message")  # the fix clears the message
        assert screen.draft.meeting.date == dt.date(2016, 12, 1)


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_phone_offers_the_usual_form(tmp_path: Path) -> None:
    """Leaving the phone field with 0850831455 offers 08-508 31 455, taken with Ctrl+T."""
    path = empty_draft(tmp_path)
    app = new_app(path, "case")
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.query_one(CaseView).focus_field("officer.phone")
        await type_text(pilot, "0850831455")
        await pilot.press("tab")
        field = screen.query_one(f"#{field_id('officer.phone')}", FormField)
        assert field.suggestion == "08-508 31 455"
        assert "08-508 31 455" in str(field.query_one(".field-message").render())
        await pilot.press("shift+tab", "ctrl+t")
        await pilot.pause()
        assert screen.draft.officer.phone == "08-508 31 455"


async def test_dnr_warning_under_the_field(tmp_path: Path) -> None:
    """A registry number of no usual form gets the validation's warning."""
    path = empty_draft(tmp_path)
    app = new_app(path, "case")
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.query_one(CaseView).focus_field("referral.dnr")
        await type_text(pilot, "abc")
        await pilot.press("tab")
        field = screen.query_one(f"#{field_id('referral.dnr')}", FormField)
        message = str(field.query_one(".field-message").render())
        assert "liknar inget vanligt diarienummer" in message
        assert not field.has_class("-error")


async def test_sidebar_states_and_mouse(tmp_path: Path) -> None:
    """Empty, started and complete steps; a click on a step opens it."""
    path = tmp_path / "delvis.toml"
    path.write_text('format = 1\n[texts]\nsummary = "Klar."\n[referral]\ntitle = "T"\n',
                    encoding="utf-8")
    app = new_app(path, "case")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        assert screen.query_one("#nav-summary").has_class("-complete")
        assert screen.query_one("#nav-case").has_class("-started")
        assert screen.query_one("#nav-views").has_class("-empty")
        await pilot.click("#nav-views")
        await pilot.pause()
        assert screen.current_step == "views"
        await type_text(pilot, "Synpunkt")
        # Checked after a short pause in typing, not on every key.
        await until(pilot, lambda: screen.query_one("#nav-views").has_class("-complete"))


@pytest.mark.slow
async def test_step_keys_and_picker(tmp_path: Path) -> None:
    """Ctrl+N/F3 forward, Ctrl+F/F2 back, Ctrl+G and a digit to any step."""
    path = empty_draft(tmp_path)
    app = new_app(path, "case")
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await pilot.press("ctrl+n")
        assert screen.current_step == "summary"
        await pilot.press("f3")
        assert screen.current_step == "background"
        await pilot.press("ctrl+f")
        assert screen.current_step == "summary"
        await pilot.press("f2")
        assert screen.current_step == "case"
        await pilot.press("ctrl+g", "5")
        await pilot.pause()
        assert screen.current_step == "views"


async def test_help_and_palette_list_the_keys(tmp_path: Path) -> None:
    """F1 lists app, editor and step keys; the palette has the same actions."""
    path = empty_draft(tmp_path)
    app = new_app(path, "case")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {(group, description): keys for group, keys, description in app.screen.rows}
        assert rows[("Överallt", "Avsluta")] == "^q"
        assert rows[("Överallt", "Hjälp")] == "f1"
        assert rows[("I utkastet", "Spara")] == "^s"
        assert rows[("I utkastet", "Nästa steg")] == "^n / f3"
        assert rows[("I utkastet", "Förra steget")] == "^f / f2"
        assert rows[("I utkastet", "Välj steg")] == "^g"
        assert rows[("I utkastet", "Läs om")] == "^r"
        assert rows[("Steg 1: Ärendet", "Använd förslaget")] == "^t"
        await pilot.press("escape")
        assert isinstance(app.screen, EditorScreen)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Spara", "Spara som…", "Nästa steg", "Förra steget",
                      "Gå till steg 5: Synpunkter och förslag", "Hjälp", "Avsluta"):
            assert title in titles, title


def write_lock(path: Path, user: str) -> None:
    lock = {"user": user, "host": socket.gethostname(), "pid": os.getppid(),
            "time": "2016-09-20 14:02"}
    path.with_name(path.name + ".lock").write_text(json.dumps(lock), encoding="utf-8")


async def test_locked_draft_opens_read_only(example_copy: Path) -> None:
    """Someone else's lock: read-only, the holder named, nothing written, their lock kept."""
    write_lock(example_copy, "anna")
    before = example_copy.read_bytes()
    app = new_app(example_copy, "case")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        assert screen.read_only
        assert "anna" in screen.status_text
        assert all(field.input.disabled for field in screen.query(FormField))
        await pilot.press("ctrl+n")
        await pilot.press("ctrl+s", "ctrl+q")
    assert example_copy.read_bytes() == before
    assert json.loads(example_copy.with_name("exempel.toml.lock").read_text())["user"] == "anna"


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_start_screen_lists_drafts_and_makes_a_new_one(
    tmp_path: Path, example_path: Path
) -> None:
    """Newest first: title, committee, date, completeness; "Nytt utkast" asks, creates, opens."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    old = folder / "gammal.toml"
    old.write_text('format = 1\n[referral]\ntitle = "Gammalt ärende"\n', encoding="utf-8")
    new = folder / "ny.toml"
    new.write_bytes(example_path.read_bytes())
    os.utime(old, (1_000_000, 1_000_000))
    os.utime(new, (2_000_000, 2_000_000))
    app = new_app(None, drafts_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        from textual.widgets import DataTable

        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(index)]
                for index in range(table.row_count)]
        assert rows[0][1] == "＋ Nytt utkast"
        assert rows[1][0] == "ny.toml"
        assert rows[1][1].startswith("Internationell strategi")
        assert rows[1][2:] == ["Kulturnämnden", "2016-09-20", "13/13"]
        assert rows[2][:2] == ["gammal.toml", "Gammalt ärende"] and rows[2][4] == "1/13"
        await pilot.press("enter")  # first use: the profile (Esc: not now), then the referral
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.press("escape")  # (the next screen is pushed by the answer's callback)
        await until(pilot, lambda: isinstance(app.screen, NewStatementScreen))
        await pilot.press(*"Cykelplan", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        screen = editor(app)
        assert screen.draft_path == folder / "cykelplan.toml"
        assert screen.current_step == "case"
        created = screen.draft_path
        await pilot.press("ctrl+q")
    assert isinstance(DraftFile.load(created).draft, Draft)


async def test_start_screen_opens_a_draft(tmp_path: Path, example_path: Path) -> None:
    """Down and Enter open the first draft at its saved step."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "ex.toml").write_bytes(example_path.read_bytes())
    app = new_app(None, drafts_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # the start screen asks the app by a message
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        assert editor(app).draft_path == folder / "ex.toml"
        assert editor(app).current_step == "review"


async def test_jump_to_a_field_from_a_view(example_copy: Path) -> None:
    """A view's JumpTo (the review step's issue list) opens the field's step and focuses it."""
    from wizard.tui.steps.base import StepView

    app = new_app(example_copy, "review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        screen.current_view.post_message(StepView.JumpTo("officer.phone"))
        # The step's view is built on first show: wait for it and for the focus.
        await until(pilot, lambda: isinstance(app.focused, Input)
                    and app.focused.value == "08-508 31 455")
        assert screen.current_step == "case"
        focused = app.focused
        assert isinstance(focused, Input) and focused.value == "08-508 31 455"


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_read_only_draft_saved_as_an_own_copy(example_copy: Path) -> None:
    """F4 on a locked draft: a copy under a new name, editable, the original untouched."""
    write_lock(example_copy, "anna")
    before = example_copy.read_bytes()
    app = new_app(example_copy, "case")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
        app.screen.query_one(Input).value = "min-kopia.toml"
        await pilot.press("enter")
        await until(pilot, lambda: not editor(app).read_only)  # the copy is saved and taken
        await saved(pilot)
        screen = editor(app)
        screen.query_one(CaseView).focus_field("meeting.item")
        await pilot.press("ctrl+u", *"p. 15", "ctrl+q")
    copy = example_copy.with_name("min-kopia.toml")
    assert read_toml(copy)["meeting"]["item"] == "p. 15"
    assert read_toml(copy)["referral"]["title"] == "Internationell strategi för Stockholms stad"
    assert example_copy.read_bytes() == before
    assert not copy.with_name("min-kopia.toml.lock").exists()


async def test_signal_flush_falls_back_to_a_recovery_file(tmp_path: Path) -> None:
    """On a signal, a draft that cannot be saved (changed on disk) goes to NAME.recovered.toml."""
    path = empty_draft(tmp_path)
    app = new_app(path, delay=600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Osparat")
        hand_edit = 'format = 1\n# någon annans\n[referral]\ntitle = "Annat"\n'
        path.write_text(hand_edit, encoding="utf-8")
        app.flush_all()
        assert app.recovered == [tmp_path / "tom.recovered.toml"]
    assert path.read_text(encoding="utf-8") == hand_edit
    assert read_toml(tmp_path / "tom.recovered.toml")["referral"]["title"] == "Osparat"


@pytest.mark.slow
async def test_tabbing_through_fields_changes_nothing(example_copy: Path) -> None:
    """Moving through every field of a step (Tab, arrows, Home/End) writes nothing."""
    before = example_copy.read_bytes()
    for step, keys in (("case", ["tab"] * 16 + ["home", "end", "shift+tab", "shift+tab"]),
                       ("summary", ["down", "down", "end", "home", "tab", "shift+tab"])):
        app = new_app(example_copy, step, delay=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.focused, (Input, TextArea))
            await pilot.press(*keys)
            await pilot.pause(0.3)
            await saved(pilot)
            assert not editor(app).dirty
            await pilot.press("ctrl+q")
        assert example_copy.read_bytes() == before
