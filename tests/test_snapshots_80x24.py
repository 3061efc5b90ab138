"""Snapshots at the smallest supported size, 80×24: the start screen and every step.

(Step 1 at 80×24 is in test_snapshots_part1.) Deterministic as the others: a fixed
``today``, the example draft copied under a fixed name, file times set, no clock on
screen, LibreOffice's presence fixed, cursors not blinking.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers.snapshots import settle, snapshot_app, start_screen_drafts
from wizard.tui.app import WizardApp
from wizard.tui.steps.review import PreviewPane

SIZE = (80, 24)
TODAY = dt.date(2016, 9, 6)


@pytest.fixture
def example(tmp_path: Path, example_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("wizard.tui.steps.review.libreoffice_available", lambda: True)
    path = tmp_path / "exempel.toml"
    shutil.copyfile(example_path, path)
    return path


def app_at(path: Path | None, step: str | None = None, *, drafts: Path | None = None) -> WizardApp:
    return snapshot_app(path, step, drafts=drafts, today=TODAY)


def test_start_screen_80x24(snap_compare, tmp_path: Path, example_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Start screen at 80×24: the columns Fil, Rubrik, Nämnd, Sammanträde and Klart all
    whole ("Klart" shows 13/13 and 2/13); the recovery copy's title starts "↺ återställd";
    the footer's two rows start f1 Hjälp, ^q Avsluta, ⏎ Öppna, ^n Nytt utkast and
    del Ta bort, f5 Uppdatera."""
    monkeypatch.chdir(tmp_path)
    folder = start_screen_drafts(example_path, recovered=True)
    assert snap_compare(app_at(None, drafts=folder), terminal_size=SIZE, run_before=settle)


def test_summary_step_80x24(snap_compare, example: Path) -> None:
    """Sammanfattning at 80×24: the wrapped text with its word count, the markup hint, and
    a two-row footer whose first row is f1, ^s, ^q, ^n, ^f, ^g."""
    assert snap_compare(app_at(example, "summary"), terminal_size=SIZE, run_before=settle)


def test_background_step_80x24(snap_compare, example: Path) -> None:
    """Bakgrund at 80×24: the texts before and after the inriktningar, each with its count;
    the first, focused, scrolled to its end ("…separata delar:") with the cursor below."""
    assert snap_compare(app_at(example, "background"), terminal_size=SIZE, run_before=settle)


def test_directions_step_80x24(snap_compare, example: Path) -> None:
    """Inriktningar at 80×24: the four names in the list with all four buttons (+ Ny,
    Ta bort, ↑, ↓) whole, the first inriktning in the form, and every key in the footer's
    two rows: f1 Hjälp … "^n ^f Nästa/förra steg", ^g, n Ny, e Redigera, then del Ta bort,
    "⇧↑ ⇧↓ Flytta upp/ner", f4 Spara som, ^r Läs om and ^p Kommandon."""
    assert snap_compare(app_at(example, "directions"), terminal_size=SIZE, run_before=settle)


def test_views_step_80x24(snap_compare, example: Path) -> None:
    """Synpunkter och förslag at 80×24: the text wrapped, with its word count, scrolled to
    its end with the cursor after the last line ("…enligt finansiärens krav.")."""
    assert snap_compare(app_at(example, "views"), terminal_size=SIZE, run_before=settle)


def test_decisions_step_80x24(snap_compare, example: Path) -> None:
    """Förslag till beslut at 80×24: the two items, the first in the form under the list,
    and every key in the footer's two rows: f Frasbank and n Ny after ^g Välj steg, and
    the second row from e Redigera to ^r Läs om and ^p Kommandon."""
    assert snap_compare(app_at(example, "decisions"), terminal_size=SIZE, run_before=settle)


def test_signatures_step_80x24(snap_compare, example: Path) -> None:
    """Underskrifter och bilagor at 80×24: both lists with their four buttons whole (the
    "↓" is not cut), the forms beside them, and every key in the footer's two rows, from
    f1 Hjälp and "^n ^f Nästa/förra steg" to ^r Läs om and ^p Kommandon."""
    assert snap_compare(app_at(example, "signatures"), terminal_size=SIZE, run_before=settle)


def test_review_step_80x24(snap_compare, example: Path) -> None:
    """Granska och skapa at 80×24, the preview focused: its bright frame, the statement's
    start with its first paragraph marked, "Inga fel eller varningar", the Skapa
    dokument button and the PDF box, and ⏎ Gå till texten in the footer."""

    async def focus_preview(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.screen.query_one(PreviewPane).focus()
        await settle(pilot)

    assert snap_compare(app_at(example, "review"), terminal_size=SIZE, run_before=focus_preview)
