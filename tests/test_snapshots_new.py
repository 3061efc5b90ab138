"""Snapshots of the new-statement dialog and the referral's findings, at 100×30."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from textual.pilot import Pilot

from tests.helpers.snapshots import settle, wait_until
from wizard.storage.profile import Profile, save_profile
from wizard.tui.app import WizardApp, make_app
from wizard.tui.screens.new_statement import NewStatementScreen, ProposalScreen

SIZE = (100, 30)


def app_for(folder: Path, initial: dict[str, str]) -> WizardApp:
    app = make_app(None, drafts_dir=folder)
    app.today = dt.date(2016, 9, 1)
    app.autosave_delay = 600
    app.new_statement = {"title": "", "referred_by": "", "dnr": "", "deadline": "",
                         "referral": "", "preset": "", **initial}
    return app


def waiting_for(screen_type: type):
    """Settle once ``screen_type`` is on top (the findings come from a worker)."""

    async def run_before(pilot: Pilot) -> None:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, screen_type),
                         screen_type.__name__)
        await settle(pilot)

    return run_before


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    save_profile(Profile(name="Elin Lindqvist"))
    return Path("drafts")


def test_new_statement_dialog(snap_compare, drafts: Path) -> None:
    """The dialog: profile in use, the four facts (title given) labelled as in step 1
    ("Ärendets rubrik *", "Remittent *", "Remissens diarienummer *", "Remisstiden går ut",
    with step 1's grey hints), the document and preset fields, and the keys Skapa utkastet
    (Ctrl+S), Läs remissen (F6), Avbryt in the footer."""
    app = app_for(drafts, {"title": "Cykelplan för Årsta"})
    assert snap_compare(app, terminal_size=SIZE, run_before=waiting_for(NewStatementScreen))


def test_referral_findings(snap_compare, drafts: Path) -> None:
    """The findings of a referral letter, each "?" (nothing taken yet) named by its field's
    label in step 1 ("Ärendets rubrik", "Remissens diarienummer") with the line it came
    from; what was not found ("remisstiden går ut") named above; J/N/A/Ctrl+S in the footer."""
    document = docx.Document()
    for line in ("Kommunstyrelsen", "Dnr KS 2016/482", "Remiss av Cykelplan för Årsta",
                 "1. Säkerhet", "Cykelvägar ska vara säkra. Mer text.",
                 "2. Framkomlighet", "Det ska gå fort att cykla. Mer."):
        document.add_paragraph(line)
    document.save("remiss.docx")
    app = app_for(drafts, {"referral": "remiss.docx"})
    assert snap_compare(app, terminal_size=SIZE, run_before=waiting_for(ProposalScreen))
