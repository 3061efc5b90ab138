"""Snapshots of part 2's steps at 100×30, opened on the example draft in the real editor.

Deterministic: a fixed ``today``, no clock on screen, the draft copied to a file
of a fixed name, and LibreOffice's presence (the PDF box) fixed.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers.snapshots import settle, snapshot_app
from wizard.tui.app import WizardApp
from wizard.tui.widgets.record_list import RecordOptions

SIZE = (100, 30)
EXAMPLE = Path(__file__).resolve().parent.parent / "drafts" / "exempel.toml"


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("wizard.tui.steps.review.libreoffice_available", lambda: True)
    path = tmp_path / "exempel.toml"
    shutil.copyfile(EXAMPLE, path)
    return path


def app_at(path: Path, step: str) -> WizardApp:
    return snapshot_app(path, step, today=dt.date(2016, 9, 6))


def test_directions_step(snap_compare, example: Path) -> None:
    """Inriktningar of the example: four in the list, none marked ● (each has a comment),
    the first one's name, description and comment in the form; in the footer, after the
    step keys, the list keys n Ny, e Redigera, del Ta bort, shift+↑ Flytta upp."""
    assert snap_compare(app_at(example, "directions"), terminal_size=SIZE, run_before=settle)


def test_decisions_step(snap_compare, example: Path) -> None:
    """Förslag till beslut of the example: the two numbered items, the first in the form,
    and in the footer f Frasbank before the list keys n Ny and e Redigera."""
    assert snap_compare(app_at(example, "decisions"), terminal_size=SIZE, run_before=settle)


def test_decisions_phrase_library(snap_compare, example: Path) -> None:
    """The phrase library open over the decisions step, its phrases filled in with the
    example's committee (Kulturnämnden) and remittent (kommunstyrelsen), the list whole
    with its bottom edge, and the dialog's last line "↑↓ Bläddra  Enter Lägg in  Esc
    Avbryt" below it."""

    async def open_phrases(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.screen.query_one(RecordOptions).focus()
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(app_at(example, "decisions"), terminal_size=SIZE, run_before=open_phrases)


def test_signatures_step(snap_compare, example: Path) -> None:
    """Underskrifter och bilagor of the example: two signatories in signing order and one
    bilaga, each list with its form."""
    assert snap_compare(app_at(example, "signatures"), terminal_size=SIZE, run_before=settle)


def test_review_step(snap_compare, example: Path) -> None:
    """Granska och skapa for the example, the preview focused (its bright frame) with its
    first paragraph marked: the statement's start (header, Handläggare, Till with the meeting;
    the title below the fold);
    the summary line (no errors or warnings, and the count of språkråd) over the klarspråk
    advice marked "~ Språk" (LIX per section first); the "Skapa dokument" button with the
    PDF box, and ⏎ Gå till texten in the footer."""
    assert snap_compare(app_at(example, "review"), terminal_size=SIZE, run_before=settle)


@pytest.mark.slow  # over 5 s on a loaded machine
def test_review_confirm_utkast(snap_compare, example: Path) -> None:
    """A draft with an error (no phone): "Skapa dokument" asks before making it as UTKAST,
    in a dialog in the middle whose last line is "Tab Byt knapp  Enter Välj  J Ja, skapa
    som UTKAST  Esc Avbryt"."""
    text = example.read_text(encoding="utf-8").replace('phone = "08-508 31 455"\n', "")
    example.write_text(text, encoding="utf-8")

    async def make(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(app_at(example, "review"), terminal_size=SIZE, run_before=make)
