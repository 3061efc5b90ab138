"""Pilot tests: the list steps built with keys alone, asserting the saved TOML."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import pytest
from rich.table import Table
from test_tui_lists_support import StepHost, write_draft
from textual.pilot import Pilot
from textual.widgets import Input

from tests.helpers.pilot import paste, until
from wizard.tui.steps.decisions import DecisionsView
from wizard.tui.steps.directions import DirectionsView
from wizard.tui.steps.signatures import SignaturesView
from wizard.tui.widgets import record_list
from wizard.tui.widgets.record_list import RecordOptions


def marked(options: RecordOptions, index: int) -> bool:
    """Whether the list shows the "lacks something" marker on a record."""
    prompt = options.get_option_at_index(index).prompt
    assert isinstance(prompt, Table)
    return prompt.columns[0]._cells[0].plain == "●"  # type: ignore[union-attr]


def saved(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_decisions_built_with_keys(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "d.toml")
    app = StepHost(DecisionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one(RecordOptions).focus()
        await pilot.press("n")
        await paste(pilot, "Nämnden överlämnar tjänsteutlåtandet till kommunstyrelsen.")
        await pilot.press("enter")  # back to the list
        assert isinstance(app.focused, RecordOptions)
        await pilot.press("n", *"Second.", "enter")
        await pilot.press("n", *"Third.", "enter")
        await pilot.press("up", "up")  # on the first item
        await pilot.press("shift+down")  # first moves to second place
        await pilot.press("end", "d")  # delete "Third."
        await pilot.press("home", "e", "end", *" Edited", "escape")
        app.save()
    texts = [d["text"] for d in saved(path)["decisions"]]
    assert texts == [
        "Second. Edited",
        "Nämnden överlämnar tjänsteutlåtandet till kommunstyrelsen.",
    ]
    assert "decisions" in app.edits and "decisions[1].text" in app.edits


PRESET_DIRECTIONS = """
[[directions]]
name = "Profilering"
description = "Staden ska hävda sig."

[[directions]]
name = "Omvärldsbevakning"

[[directions]]
name = "Samverkan"
comment = "Redan bra."
"""


async def test_directions_built_with_keys(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "d.toml", PRESET_DIRECTIONS)
    app = StepHost(DirectionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        options = app.query_one(RecordOptions)
        options.focus()
        # The marker shows on the two inriktningar without a comment.
        assert [marked(options, i) for i in range(3)] == [True, True, False]
        await pilot.press("e", "tab", "tab")  # name → description → comment
        await paste(pilot, "Förvaltningen instämmer.")
        await pilot.press("escape", "down", "d")  # delete Omvärldsbevakning
        await pilot.press("shift+up")  # Samverkan first
        await pilot.press("end", "n")
        await paste(pilot, "Påverkan")
        await pilot.press("tab")
        await paste(pilot, "Staden ska påverka beslut i EU.")
        await pilot.press("escape", "u")  # Påverkan one place up
        assert not marked(options, 0)
        app.save()
    directions = saved(path)["directions"]
    assert [d["name"] for d in directions] == ["Samverkan", "Påverkan", "Profilering"]
    assert directions[2]["comment"] == "Förvaltningen instämmer."
    assert directions[2]["description"] == "Staden ska hävda sig."
    assert directions[1]["description"] == "Staden ska påverka beslut i EU."
    assert "comment" not in directions[1]


@pytest.mark.slow
async def test_signatures_and_attachments_built_with_keys(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "d.toml")
    app = StepHost(SignaturesView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        signatures, attachments = app.query(RecordOptions)
        signatures.focus()
        await pilot.press("n")
        await paste(pilot, "Karin Bergström")
        await pilot.press("enter")  # to the title
        await paste(pilot, "Förvaltningsdirektör")
        await pilot.press("enter")  # back to the list
        await pilot.press("n", *"Elin Lindqvist", "enter", *"Avdelningschef", "enter")
        await pilot.press("n", *"Extra", "enter", "enter")
        assert marked(signatures, 2)  # no title
        await pilot.press("d", "shift+up")  # Elin signs first
        attachments.focus()
        await pilot.press("n", *"Strategin", "enter", "n", *"Remissbrev", "enter", "u")
        app.save()
    data = saved(path)
    assert data["signatures"] == [
        {"name": "Elin Lindqvist", "title": "Avdelningschef"},
        {"name": "Karin Bergström", "title": "Förvaltningsdirektör"},
    ]
    assert data["attachments"] == [{"title": "Remissbrev"}, {"title": "Strategin"}]


async def test_delete_can_be_undone_and_buttons_work_with_the_mouse(tmp_path: Path) -> None:
    path = write_draft(
        tmp_path / "d.toml",
        '[[decisions]]\ntext = "Ett."\n\n[[decisions]]\ntext = "Två."\n',
    )
    app = StepHost(DecisionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one(RecordOptions).focus()
        await pilot.press("d")
        assert [d.text for d in app.draft.decisions] == ["Två."]
        await pilot.press("ctrl+z")
        assert [d.text for d in app.draft.decisions] == ["Ett.", "Två."]
        await pilot.click("#decisions-down")
        assert [d.text for d in app.draft.decisions] == ["Två.", "Ett."]
        await pilot.click("#decisions-add")
        assert len(app.draft.decisions) == 3
        assert app.focused is app.query_one("#decisions-text")
        await pilot.click("#decisions-delete")
        assert [d.text for d in app.draft.decisions] == ["Två.", "Ett."]


async def test_phrase_library_fills_the_empty_item_or_adds_one(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "d.toml", '[meeting]\ncommittee = "Kulturnämnden"\n')
    app = StepHost(DecisionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one(RecordOptions).focus()
        await pilot.press("f")
        await pilot.press("enter")  # the first phrase
        await pilot.press("f", "down", "down", "enter")  # the third: överlämnar
        app.save()
    texts = [d["text"] for d in saved(path)["decisions"]]
    assert texts == [
        "Kulturnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
        "Kulturnämnden överlämnar tjänsteutlåtandet till ….",
    ]


async def test_focus_field_selects_the_record_and_field(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "d.toml", PRESET_DIRECTIONS)
    app = StepHost(DirectionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.view.focus_field("directions[2].comment")
        await pilot.pause()
        assert app.focused is app.query_one("#directions-comment")
        assert app.query_one(RecordOptions).highlighted == 1
        assert not app.view.focus_field("directions[9].comment")
        assert not app.view.focus_field("texts.views")
        assert app.view.focus_field("directions")
        await pilot.pause()
        assert isinstance(app.focused, RecordOptions)


async def test_list_actions_are_palette_commands_and_in_the_help(tmp_path: Path) -> None:
    import datetime as dt

    from wizard.tui.app import WizardApp
    from wizard.tui.screens.help import help_groups

    path = write_draft(tmp_path / "d.toml", PRESET_DIRECTIONS)
    app = WizardApp(path, "directions", drafts_dir=tmp_path, autosave_delay=600,
                    today=dt.date(2016, 9, 6))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        commands = {c.title: c.callback for c in app.get_system_commands(app.screen)}
        assert "Inriktningar: ny inriktning" in commands
        assert "Inriktningar: flytta ner" in commands
        commands["Inriktningar: flytta ner"]()
        await pilot.pause()
        draft = app.screen.draft  # type: ignore[attr-defined]
        assert [d.name for d in draft.directions] == ["Omvärldsbevakning", "Profilering",
                                                      "Samverkan"]
        commands["Inriktningar: ny inriktning"]()
        await pilot.pause()
        assert len(draft.directions) == 4
        assert app.focused is app.screen.query_one("#directions-name")
    groups = dict(help_groups([], [], []))
    described = {b.description for b in groups["Steg 4: Inriktningar"]}  # type: ignore[union-attr]
    assert {"Ny", "Ta bort", "Flytta upp", "Flytta ner", "Redigera"} <= described
    decisions = {b.description for b in groups["Steg 6: Förslag till beslut"]}  # type: ignore[union-attr]
    assert "Frasbank" in decisions


async def test_read_only_lists_change_nothing(tmp_path: Path) -> None:
    from wizard.storage import DraftFile

    path = write_draft(tmp_path / "d.toml", PRESET_DIRECTIONS)
    app = StepHost(DirectionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        draft = DraftFile.load(path).draft
        app.view.show_draft(draft, read_only=True)
        await pilot.pause()
        app.query_one(RecordOptions).focus()
        await pilot.press("n", "d", "shift+down", "ctrl+z")
        await pilot.click("#directions-add")
        assert app.query_one("#directions-name").disabled
        assert app.edits == []
    assert [d.name for d in draft.directions] == ["Profilering", "Omvärldsbevakning", "Samverkan"]


@pytest.mark.slow
async def test_immediate_phrase_goes_to_the_checkbox_of_step_one(tmp_path: Path) -> None:
    import datetime as dt

    from textual.widgets import Checkbox

    from wizard.tui.app import WizardApp

    path = write_draft(tmp_path / "d.toml", '[[decisions]]\ntext = "Nämnden svarar."\n')
    app = WizardApp(path, "decisions", drafts_dir=tmp_path, autosave_delay=600,
                    today=dt.date(2016, 9, 6))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#decisions-immediate").display
        await pilot.press("f", "down", "down", "down", "enter")  # Omedelbar justering
        # The picker closes, step 1 is built on first show, then its checkbox is focused.
        await until(pilot, lambda: getattr(app.screen, "current_step", None) == "case"
                    and isinstance(app.focused, Checkbox))
        await pilot.press("space")
        assert app.screen.draft.meeting.immediate  # type: ignore[attr-defined]
        decisions = app.screen.draft.decisions  # type: ignore[attr-defined]
        assert [d.text for d in decisions] == ["Nämnden svarar."]
        await pilot.press(*["ctrl+n"] * 5)  # back to Förslag till beslut
        await pilot.pause()
        assert app.screen.current_step == "decisions"  # type: ignore[attr-defined]
        assert app.screen.query_one("#decisions-immediate").display


async def test_click_chooses_a_record_and_double_click_edits_it(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "d.toml", PRESET_DIRECTIONS)
    app = StepHost(DirectionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        options = app.query_one(RecordOptions)
        await pilot.click(RecordOptions, offset=(4, 2))  # the second line: Omvärldsbevakning
        assert options.highlighted == 1
        assert app.focused is options
        assert app.query_one("#directions-name", Input).value == "Omvärldsbevakning"
        await pilot.click(RecordOptions, offset=(4, 3), times=2)  # Samverkan, double
        assert options.highlighted == 2
        assert app.focused is app.query_one("#directions-name")


async def test_marker_follows_the_theme(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "d.toml", PRESET_DIRECTIONS)
    app = StepHost(DirectionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        options = app.query_one(RecordOptions)

        def marker_style() -> str:
            prompt = options.get_option_at_index(0).prompt
            assert isinstance(prompt, Table)
            return str(prompt.columns[0]._cells[0].style)  # type: ignore[union-attr]

        app.theme = "textual-dark"
        await pilot.pause()
        dark = marker_style()
        app.theme = "textual-light"
        await pilot.pause()
        assert marker_style() != dark
        assert app.edits == []


def line(options: RecordOptions, index: int) -> str:
    """The text the list shows for a record."""
    prompt = options.get_option_at_index(index).prompt
    assert isinstance(prompt, Table)
    return prompt.columns[1]._cells[0].plain  # type: ignore[union-attr,no-any-return]


async def type_x_after_second_name(app: StepHost, pilot: Pilot) -> RecordOptions:
    """In the list of inriktningar: open the second, type "X" at the end of its name."""
    options = app.query_one(RecordOptions)
    options.focus()
    await pilot.press("down", "e", "end", *"X")
    return options


async def test_list_line_follows_what_is_typed(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "d.toml", PRESET_DIRECTIONS)
    app = StepHost(DirectionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        options = await type_x_after_second_name(app, pilot)
        # The line is redrawn once typing pauses (PROMPT_DELAY), on a timer.
        await until(pilot, lambda: line(options, 1) == "OmvärldsbevakningX")
        assert app.draft.directions[1].name == "OmvärldsbevakningX"


async def test_list_line_is_redrawn_when_the_field_is_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Back in the list, the line shows what was typed without waiting for the pause."""
    monkeypatch.setattr(record_list, "PROMPT_DELAY", 600.0)  # the timer never fires here
    path = write_draft(tmp_path / "d.toml", PRESET_DIRECTIONS)
    app = StepHost(DirectionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        options = await type_x_after_second_name(app, pilot)
        assert line(options, 1) == "Omvärldsbevakning"  # not while typing
        await pilot.press("escape")
        await until(pilot, lambda: line(options, 1) == "OmvärldsbevakningX")


async def test_decision_is_one_sentence_enter_and_pasted_lines(tmp_path: Path) -> None:
    path = write_draft(tmp_path / "d.toml", '[[decisions]]\ntext = ""\n')
    app = StepHost(DecisionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one(RecordOptions).focus()
        await pilot.press("e", *"Ab")
        await paste(pilot, "Nämnden\r\nbeslutar\n\nså.")
        await pilot.press("left", "enter")  # Enter ends the item instead of breaking the line
        assert isinstance(app.focused, RecordOptions)
        assert app.draft.decisions[0].text == "AbNämnden beslutar så."


async def test_broken_phrase_library_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "mallar"
    templates.mkdir()
    (templates / "phrases.toml").write_text('[[phrases]\ntext = "x"\n', encoding="utf-8")
    monkeypatch.setenv("WIZARD_TEMPLATES", str(templates))
    path = write_draft(tmp_path / "d.toml")
    app = StepHost(DecisionsView, path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one(RecordOptions).focus()
        await pilot.press("f")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("phrases.toml" in m and "rad 1" in m for m in messages), messages
        assert app.draft.decisions == []
