"""The whole way with keys alone: an empty draft filled in every step, made into a .docx.

Typed text that is plain ASCII goes through `pilot.press`, one key a character; text
with å ä ö is pasted (a Paste event through the app), as a terminal delivers it. One
test walks every step, so that each step's typing is proven once and the draft is made
into a document once (a separate test of the first steps typed Ärendet and the texts a
second time; its checks are here).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.helpers.pilot import editor, paste, read_toml, saved, type_text, until
from wizard.tui.app import WizardApp
from wizard.tui.widgets.fields import FormCheckbox, FormField

CASE_VALUES: list[tuple[str, str]] = [
    ("referral.title", "Internationell strategi för Stockholms stad"),
    ("referral.referred_by", "kommunstyrelsen"),
    ("referral.dnr", "171-482/2016"),
    ("referral.deadline", "2016-10-17"),
    ("meeting.committee", "Kulturnämnden"),
    ("meeting.date", "2016-09-20"),
    ("meeting.item", "p. 14"),
    ("statement.organisation", "Kulturförvaltningen"),
    ("statement.dnr", "KUF 2016/1187"),
    ("statement.date", "2016-09-06"),
    ("officer.name", "Elin Lindqvist"),
    ("officer.phone", "08-508 31 455"),
    ("officer.email", "elin.lindqvist@example.se"),
]
SUMMARY = "Kommunstyrelsen har remitterat ett förslag.\n- första punkten\n- andra € §"
BACKGROUND = "Kommunfullmäktige antog 2008 riktlinjer."
BACKGROUND_AFTER = "Strategin innehåller också principer."
VIEWS = "Förvaltningen delar synen.\nSamtidigt anser förvaltningen **något**."
DIRECTIONS = [
    ("Profilering", "Staden ska hävda sig i konkurrensen.", "Kulturen bör nämnas."),
    ("Samverkan", "Staden ska lära av andra städer.", "Förvaltningen deltar redan i nätverk."),
]


async def type_lines(pilot: Pilot, text: str) -> None:
    """Type a text of several lines, Enter between them."""
    first, *rest = text.split("\n")
    await type_text(pilot, first)
    for line in rest:
        await pilot.press("enter")
        await type_text(pilot, line)


@pytest.mark.slow
async def test_whole_draft_from_empty_with_keys_alone(tmp_path: Path) -> None:
    path = tmp_path / "remissvar.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    app = WizardApp(path, "case", drafts_dir=tmp_path, autosave_delay=600,
                    today=dt.date(2016, 9, 6))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # Step 1, Ärendet: every field in order with Tab, each where the focus is.
        for index, (field, value) in enumerate(CASE_VALUES):
            focused = app.focused
            assert isinstance(focused, Input)
            assert focused.parent is not None
            form_field = focused.parent.parent
            assert isinstance(form_field, FormField) and form_field.path == field
            await type_text(pilot, value)
            await pilot.press("tab")
            if field == "meeting.item":
                assert isinstance(app.focused, FormCheckbox)
                await pilot.press("space")  # omedelbar justering
                await pilot.press("tab")
            if index < len(CASE_VALUES) - 1:
                assert isinstance(app.focused, Input)
        # Steps 2 and 3: the texts, with Enter between lines.
        await pilot.press("ctrl+n")  # Sammanfattning
        # A step's view is built on first show, then its first field takes the focus.
        await until(pilot, lambda: isinstance(app.focused, TextArea))
        await type_lines(pilot, SUMMARY)
        await pilot.press("ctrl+n")  # Bakgrund: before and after the inriktningar
        await type_text(pilot, BACKGROUND)
        await pilot.press("tab")
        await type_text(pilot, BACKGROUND_AFTER)
        # Step 4: inriktningar, each with name, description and comment.
        await pilot.press("ctrl+n")
        for name, description, comment in DIRECTIONS:
            await pilot.press("n")
            await type_text(pilot, name)
            await pilot.press("tab")
            await paste(pilot, description)
            await pilot.press("tab")
            await paste(pilot, comment)
            await pilot.press("escape")
        # Step 5: views.
        await pilot.press("ctrl+n")
        assert editor(app).current_step == "views"
        await until(pilot, lambda: isinstance(app.focused, TextArea))
        await type_lines(pilot, VIEWS)
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
        await type_text(pilot, "Remissversionen")
        await pilot.press("enter")
        # Step 8: review and make the document.
        await pilot.press("ctrl+n")
        await until(pilot, lambda: editor(app).has_view("review"))
        review = app.screen.query_one("#step-review")
        assert [i for i in review.issues if i.is_error] == []  # type: ignore[attr-defined]
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert editor(app).status_text.startswith("Sparat ")

    saved_draft = read_toml(path)
    for field, value in CASE_VALUES:
        table, key = field.split(".")
        expected: object = dt.date.fromisoformat(value) if key in {"deadline", "date"} else value
        assert saved_draft[table][key] == expected, field
    assert saved_draft["meeting"]["immediate"] is True
    assert saved_draft["texts"]["summary"] == SUMMARY
    assert saved_draft["texts"]["background"] == BACKGROUND
    assert saved_draft["texts"]["background_after"] == BACKGROUND_AFTER
    assert saved_draft["texts"]["views"] == VIEWS
    assert [d["name"] for d in saved_draft["directions"]] == ["Profilering", "Samverkan"]
    assert saved_draft["signatures"] == [{"name": "Karin Bergström",
                                          "title": "Förvaltningsdirektör"}]
    assert saved_draft["attachments"] == [{"title": "Remissversionen"}]
    assert saved_draft["wizard"]["step"] == "review"
    assert not path.with_name(path.name + ".lock").exists()

    document = Document(str(path.with_suffix(".docx")))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    text = "\n".join(paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows
                      for cell in row.cells)
    assert "Karin Bergström" in text + cells and "Förvaltningsdirektör" in text + cells
    for expected_text in ("Internationell strategi för Stockholms stad",
                          "Kommunstyrelsen har remitterat ett förslag.", "första punkten",
                          "andra € §", BACKGROUND, BACKGROUND_AFTER,
                          "Förvaltningen delar synen.", "Samtidigt anser förvaltningen något.",
                          "Remissversionen",
                          "Kulturnämnden godkänner förvaltningens tjänsteutlåtande som svar på "
                          "remissen.", "Kulturnämnden överlämnar tjänsteutlåtandet till "
                          "kommunstyrelsen.", "Paragrafen justeras omedelbart."):
        assert expected_text in text, expected_text
    for name, description, comment in DIRECTIONS:
        assert name in text and description in text and comment in text
    # Document order: the decisions come before the summary, the views after the background.
    assert text.index("Kulturnämnden godkänner") < text.index("Kommunstyrelsen har remitterat")
    assert text.index(BACKGROUND) < text.index("Förvaltningen delar synen.")
