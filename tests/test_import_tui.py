""""Importera" on the start screen: Ctrl+O, a path, the report, then the new draft opens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static

from tests.helpers.pilot import until
from tests.test_render_support import EXAMPLE
from wizard.render import render_statement
from wizard.storage import read_draft
from wizard.tui.app import WizardApp, make_app
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.screens.import_dialog import ImportDialog
from wizard.tui.screens.start import StartScreen

SIZE = (100, 30)


def start_app(folder: Path) -> WizardApp:
    app = make_app(None, drafts_dir=folder)
    app.autosave_delay = 600
    app.today = dt.date(2016, 9, 1)
    return app


async def type_path(pilot: Pilot, path: Path | str) -> None:
    """Paste the path (å, ä and ö arrive as a paste) and press Enter."""
    dialog = pilot.app.screen
    pilot.app.post_message(events.Paste(str(path)))
    await pilot.pause()
    await pilot.press("enter")

    def finished() -> bool:
        """The import (a worker thread) ended: the report shows, or why it failed."""
        error = str(dialog.query_one("#import-error", Static).render())
        return dialog.query_one("#import-report").display or error not in ("", "Importerar …")

    await until(pilot, finished)
    await pilot.pause()


@pytest.mark.slow  # opening the editor: 5 to 10 s on a busy machine
async def test_import_shows_the_report_and_opens_the_new_draft(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    source = tmp_path / "förra årets svar.docx"
    render_statement(read_draft(EXAMPLE), source, today=dt.date(2016, 9, 1))
    app = start_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        await type_path(pilot, source)
        report = str(dialog.query_one("#import-report-text", Static).render())
        target = folder / "internationell-strategi-för-stockholms-stad.toml"
        assert f"Nytt utkast: {target}" in report
        assert "Inriktningar (directions): 4 från listan under Bakgrund" in report
        await pilot.press("enter")  # "Öppna utkastet"
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        assert app.screen.draft_path == target
        await pilot.press("ctrl+q")
    assert read_draft(target).directions[3].name == "Påverkan"


async def test_a_bad_file_is_named_in_the_dialog_and_nothing_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    bad = tmp_path / "inte en docx.docx"
    bad.write_text("hej", encoding="utf-8")
    app = start_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_path(pilot, f"'{bad}'")  # quoted, as a shell would
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        message = str(dialog.query_one("#import-error", Static).render())
        assert str(bad) in message and "inte ett Word-dokument" in message
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    assert list(folder.iterdir()) == []


async def test_as_new_and_closing_without_opening(tmp_path: Path) -> None:
    """The box empties the old case's facts; "Stäng" leaves the draft in the list."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    source = tmp_path / "svar.docx"
    render_statement(read_draft(EXAMPLE), source, today=dt.date(2016, 9, 1))
    app = start_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.click("#import-as-new")
        app.screen.query_one("#import-path").focus()
        await type_path(pilot, source.as_uri())  # as a file manager pastes it
        await pilot.click("#import-close")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    (made,) = folder.iterdir()
    assert made.name == "svar.toml"  # no title left to name it by
    draft = read_draft(made)
    assert draft.referral.title == "" and draft.meeting.committee == "Kulturnämnden"


async def test_the_buttons_show_under_a_long_report_at_80_by_24(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    source = tmp_path / "svar.docx"
    render_statement(read_draft(EXAMPLE), source, today=dt.date(2016, 9, 1))
    app = start_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_path(pilot, source)
        dialog = app.screen
        report = str(dialog.query_one("#import-report-text", Static).render())
        assert "Rapport: 22 hittade, 0 gissade, 0 varningar, 0 utelämnade." in report
        for button in ("#import-open", "#import-close"):
            region = dialog.query_one(button).region
            assert region.height == 1 and 0 < region.bottom <= 24, (button, region)
