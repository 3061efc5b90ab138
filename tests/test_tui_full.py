"""The whole way with keys alone: an empty draft filled in every step, made into a .docx.

Typed text that is plain ASCII goes through `pilot.press`; text with å ä ö is
pasted (a Paste event through the app), as a terminal delivers it.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from docx import Document
from textual import events
from textual.pilot import Pilot

from wizard.tui.app import WizardApp

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TITLE = "Internationell strategi för Stockholms stad"
SUMMARY = "Förvaltningen välkomnar strategin men vill att arbetet sker i linjen."
BACKGROUND = f"Kommunstyrelsen har remitterat förslaget till {TITLE}."
VIEWS = "Förvaltningen anser att det internationella arbetet ska vara en del av verksamheten."
DIRECTIONS = [
    ("Profilering", "Staden ska hävda sig i konkurrensen.", "Kulturen bör nämnas."),
    ("Samverkan", "Staden ska lära av andra städer.", "Förvaltningen deltar redan i nätverk."),
]


async def paste(pilot: Pilot, text: str) -> None:
    assert pilot.app.focused is not None
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def type_ascii(pilot: Pilot, text: str) -> None:
    await pilot.press(*["space" if char == " " else char for char in text])


@pytest.mark.slow
async def test_whole_draft_from_empty_with_keys_alone(tmp_path: Path) -> None:
    path = tmp_path / "remissvar.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    app = WizardApp(path, "case", drafts_dir=tmp_path, autosave_delay=600,
                    today=dt.date(2016, 9, 6))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # Step 1, Ärendet: field after field with Tab.
        await paste(pilot, TITLE)
        await pilot.press("tab")
        await type_ascii(pilot, "kommunstyrelsen")
        await pilot.press("tab")
        await type_ascii(pilot, "171-482/2016")
        await pilot.press("tab")
        await type_ascii(pilot, "2016-10-17")
        await pilot.press("tab")
        await paste(pilot, "Kulturnämnden")
        await pilot.press("tab")
        await type_ascii(pilot, "2016-09-20")
        await pilot.press("tab")
        await type_ascii(pilot, "p. 14")
        await pilot.press("tab", "tab")  # past the immediate-adjustment box
        await paste(pilot, "Kulturförvaltningen")
        await pilot.press("tab")
        await type_ascii(pilot, "KUF 2016/1187")
        await pilot.press("tab")
        await type_ascii(pilot, "2016-09-06")
        await pilot.press("tab")
        await type_ascii(pilot, "Elin Lindqvist")
        await pilot.press("tab")
        await type_ascii(pilot, "08-508 31 455")
        await pilot.press("tab")
        # Steps 2 and 3: the texts.
        await pilot.press("ctrl+n")
        await paste(pilot, SUMMARY)
        await pilot.press("ctrl+n")
        await paste(pilot, BACKGROUND)
        # Step 4: inriktningar, each with name, description and comment.
        await pilot.press("ctrl+n")
        for name, description, comment in DIRECTIONS:
            await pilot.press("n")
            await type_ascii(pilot, name)
            await pilot.press("tab")
            await paste(pilot, description)
            await pilot.press("tab")
            await paste(pilot, comment)
            await pilot.press("escape")
        # Step 5: views.
        await pilot.press("ctrl+n")
        await paste(pilot, VIEWS)
        # Step 6: two decisions from the phrase library.
        await pilot.press("ctrl+n")
        await pilot.press("f", "enter")
        await pilot.press("f", "down", "down", "enter")
        # Step 7: a signatory and a bilaga.
        await pilot.press("ctrl+n")
        await pilot.press("n")
        await paste(pilot, "Karin Bergström")
        await pilot.press("enter")
        await paste(pilot, "Förvaltningsdirektör")
        await pilot.press("enter", "tab", "tab", "tab")  # list → name → title → bilagor
        await pilot.press("n")
        await type_ascii(pilot, "Remissversionen")
        await pilot.press("enter")
        # Step 8: review and make the document.
        await pilot.press("ctrl+n")
        await pilot.pause()
        review = app.screen.query_one("#step-review")
        assert [i for i in review.issues if i.is_error] == []  # type: ignore[attr-defined]
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()

    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["referral"]["title"] == TITLE
    assert saved["meeting"]["committee"] == "Kulturnämnden"
    assert saved["officer"]["phone"] == "08-508 31 455"
    assert [d["name"] for d in saved["directions"]] == ["Profilering", "Samverkan"]
    assert saved["signatures"] == [{"name": "Karin Bergström", "title": "Förvaltningsdirektör"}]
    assert saved["attachments"] == [{"title": "Remissversionen"}]

    document = Document(str(path.with_suffix(".docx")))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    text = "\n".join(paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows
                      for cell in row.cells)
    assert "Karin Bergström" in text + cells and "Förvaltningsdirektör" in text + cells
    for expected in (TITLE, SUMMARY, BACKGROUND, VIEWS, "Remissversionen",
                     "Kulturnämnden godkänner förvaltningens tjänsteutlåtande som svar på "
                     "remissen.", "Kulturnämnden överlämnar tjänsteutlåtandet till "
                     "kommunstyrelsen."):
        assert expected in text, expected
    for name, description, comment in DIRECTIONS:
        assert name in text and description in text and comment in text
    # Document order: the decisions come before the summary, the views after the background.
    assert text.index("Kulturnämnden godkänner") < text.index(SUMMARY)
    assert text.index(BACKGROUND) < text.index(VIEWS)
