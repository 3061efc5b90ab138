"""Snapshots of part 1's screens at 100×30: the start screen and the steps it owns.

Deterministic: a fixed "today" for validation, drafts copied under fixed names,
file times set, and nothing on screen that shows the clock (the status line
says "Inga ändringar" until something is saved).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers.snapshots import settle, snapshot_app, start_screen_drafts
from wizard.tui.app import WizardApp
from wizard.tui.steps.case import CaseView, FormScroll

SIZE = (100, 30)
TODAY = dt.date(2016, 9, 1)


def app_for(path: Path | None, step: str | None = None, *, drafts: Path | None = None) -> WizardApp:
    return snapshot_app(path, step, drafts=drafts, today=TODAY)


@pytest.fixture
def example(tmp_path: Path, example_path: Path) -> Path:
    path = tmp_path / "exempel.toml"
    shutil.copyfile(example_path, path)
    return path


def test_start_screen(snap_compare, tmp_path: Path, example_path: Path,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Start screen at 100×30: the organisation and profile in use (none); the columns Fil,
    Rubrik, Nämnd, Sammanträde and Klart; "Nytt utkast" on top, then nytt.toml (Budget för
    2017, 2/13) and exempel.toml (13/13); the footer's keys Öppna, Nytt utkast, Byt namn,
    Kopiera and Ta bort."""
    monkeypatch.chdir(tmp_path)
    folder = start_screen_drafts(example_path)
    assert snap_compare(app_for(None, drafts=folder), terminal_size=SIZE, run_before=settle)


def test_case_step(snap_compare, example: Path) -> None:
    """Step 1 "Ärendet" of the complete example: every field filled, required labels ending
    "*" under the legend line, all steps ✓ in the sidebar."""
    assert snap_compare(app_for(example, "case"), terminal_size=SIZE, run_before=settle)


def test_case_step_with_messages(snap_compare, tmp_path: Path) -> None:
    """Ärendet with a wrong date, an odd registry number and an unusual phone number,
    scrolled to its end: the date's red message (under Sammanträdesdatum, wrapped across
    the input's width), and under Telefon the warning with, below it, the button
    "Använd 08-508 31 455 (Ctrl+T)"; ✗ on steps 1 and 8 in the sidebar."""
    path = tmp_path / "fel.toml"
    path.write_text(
        'format = 1\n[referral]\ntitle = "Remiss"\ndnr = "abc"\n'
        '[meeting]\ndate = "2016-13-01"\n[officer]\nphone = "0850831455"\n',
        encoding="utf-8",
    )

    async def show_all(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.screen.query_one(CaseView).check_all()
        await pilot.pause()
        pilot.app.screen.query_one(FormScroll).scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(app_for(path, "case"), terminal_size=SIZE, run_before=show_all)


def test_summary_step(snap_compare, example: Path) -> None:
    """Step 2 "Sammanfattning": the soft-wrapped text, its word count and the markup hint."""
    assert snap_compare(app_for(example, "summary"), terminal_size=SIZE, run_before=settle)


def test_background_step(snap_compare, example: Path) -> None:
    """Step 3 "Bakgrund": the texts before and after the list of inriktningar."""
    assert snap_compare(app_for(example, "background"), terminal_size=SIZE, run_before=settle)


def test_views_step(snap_compare, example: Path) -> None:
    """Step 5 "Synpunkter och förslag" with a bullet list in the text."""
    assert snap_compare(app_for(example, "views"), terminal_size=SIZE, run_before=settle)


def test_empty_draft(snap_compare, tmp_path: Path) -> None:
    """A new, empty draft on Ärendet: grey hints in the inputs (Ärendets rubrik "t.ex.
    Internationell strategi för", Remittent "t.ex. kommunstyrelsen", Punkt "t.ex. p. 12 …"),
    ○ on steps 1–7 and ◑ on the review step."""
    path = tmp_path / "tomt.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    assert snap_compare(app_for(path), terminal_size=SIZE, run_before=settle)


def test_help_screen(snap_compare, example: Path) -> None:
    """F1 over the editor: the keys everywhere (^q, f1, ^p), in the draft (^s to ^r) and
    on the start screen (⏎ to del); f5 and the steps' keys follow below the fold."""
    assert snap_compare(app_for(example, "case"), terminal_size=SIZE, press=["f1"],
                        run_before=settle)


def test_case_step_at_80x24(snap_compare, example: Path) -> None:
    """Ärendet at the smallest supported size, 80×24: the narrow sidebar, each label above
    its input, and a two-row footer starting f1, ^s, ^q, ^n, ^f, ^g, nothing cut."""
    assert snap_compare(app_for(example, "case"), terminal_size=(80, 24), run_before=settle)
