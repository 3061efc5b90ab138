"""Pilot tests of what fits at any size: every key of a list step in the footer, and
every dialog centred with the way to close it in sight."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import socket
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path, PurePath
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Static
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

import wizard.tui.app
from wizard.model.steps import STEP_IDS
from wizard.tui.app import WizardApp
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.screens.help import HelpScreen
from wizard.tui.widgets.fields import FormField, field_id
from wizard.tui.widgets.footer import FIRST_ACTIONS, WizardFooter

TODAY = dt.date(2016, 9, 6)
LIST_STEPS = ("directions", "decisions", "signatures")


def wizard_at(path: Path, step: str) -> WizardApp:
    return WizardApp(path, step, drafts_dir=path.parent, autosave_delay=600, today=TODAY)


async def until(pilot: Pilot, condition: Callable[[], object], timeout: float = 8.0,
                what: str = "condition") -> None:
    """Let the app run until ``condition()`` holds (no fixed sleep)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, f"{what}: not met in time"
        await pilot.pause(0.02)


def footer_of(app: WizardApp) -> WizardFooter:
    return app.screen.query_one(WizardFooter)


def footer_settled(app: WizardApp) -> bool:
    """The footer is laid out for the screen's width and for the focused widget's keys."""
    footer = footer_of(app)
    wanted = [item[0].action for item in footer.ordered()]
    keys = list(footer.query(FooterKey))
    return (footer._laid_out_for == app.size.width and bool(keys)
            and [key.action for key in keys] == [a for a in wanted if a in
                                                  {key.action for key in keys}]
            and {key.action for key in keys} | {a for a in wanted
                                                 if a.rpartition(".")[2] in footer.left_out}
            == set(wanted))


def assert_keys_inside(app: WizardApp) -> None:
    """Every key inside the width and on the footer's two rows, none over another."""
    footer = footer_of(app)
    rows: dict[int, list[Region]] = {}
    for key in footer.query(FooterKey):
        assert key.region.right <= app.size.width, (key.key, key.region)
        rows.setdefault(key.region.y, []).append(key.region)
    assert len(rows) <= 2
    for regions in rows.values():
        for left, right in pairwise(regions):
            assert left.right <= right.x, (left, right)


@pytest.mark.slow  # three steps built one after another: over 5 s on a loaded machine
async def test_every_key_of_the_list_steps_is_in_the_footer_at_80x24(
        example_copy: Path) -> None:
    """Inriktningar, Förslag till beslut, Underskrifter och bilagor at 80×24, the focus
    on the list and then on its first field: no key left out of the two rows, the keys
    everyone needs first, and each key also in the help screen."""
    app = wizard_at(example_copy, LIST_STEPS[0])
    seen: dict[str, str] = {}  # action → its description, over every focus
    async with app.run_test(size=(80, 24)) as pilot:
        for number, step in enumerate(LIST_STEPS):
            if number:
                await pilot.press("ctrl+g", str(STEP_IDS.index(step) + 1))
                await until(pilot, lambda s=step: app.editor.current_step == s
                            and app.focused is not None)
            screen = app.screen
            assert isinstance(screen, EditorScreen)
            for _stop in range(2):  # the list, then its first field
                await until(pilot, lambda: footer_settled(app))
                footer = footer_of(app)
                assert footer.left_out == [], (step, app.focused, footer.left_out)
                assert footer.shown[:len(FIRST_ACTIONS)] == list(FIRST_ACTIONS)
                assert_keys_inside(app)
                for _namespace, binding, _enabled, _tip in screen.active_bindings.values():
                    if binding.show and binding.action.rpartition(".")[2] in footer.shown:
                        seen.setdefault(binding.action.rpartition(".")[2],
                                        binding.description)
                focused = app.focused
                await pilot.press("tab")
                await until(pilot, lambda f=focused: app.focused not in (None, f))
        assert {"add", "edit", "delete", "move_up", "move_down", "phrases",
                "focus_list"} <= set(seen)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen) and app.screen.rows)
        described = {description for _group, _keys, description in app.screen.rows}
        for action, description in seen.items():
            if action != "command_palette":  # F7 and F8 are under "Redigera text", explained
                assert any(text.startswith(description) for text in described), action


async def test_read_only_list_step_keeps_spara_som_in_sight_at_80x24(example_copy: Path) -> None:
    """A read-only window at 80×24: "Skrivskyddat: Spara som…" right after help, where
    "Spara" would be, and the list's keys still in the footer."""
    lock = {"user": "anna", "host": socket.gethostname(), "pid": os.getppid(),
            "time": "2016-09-20 14:02"}
    example_copy.with_name(example_copy.name + ".lock").write_text(json.dumps(lock),
                                                                     encoding="utf-8")
    app = wizard_at(example_copy, "decisions")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.editor is not None and app.editor.read_only
                    and footer_settled(app))
        footer = footer_of(app)
        assert footer.shown[:3] == ["help", "save_copy", "quit"]
        assert {"add", "edit", "next_step", "pick_step"} <= set(footer.shown)
        assert_keys_inside(app)


def shown_key(key: FooterKey) -> str:
    """A footer key as it reads: "^s Spara", or only "⇧↑" for the first of a pair."""
    return f"{key.key_display} {key.description}".strip()


async def test_footer_writes_keys_out_when_there_is_room(example_copy: Path) -> None:
    """At 100 columns the list keys are written out ("shift+↑ Flytta upp"); at 80 they
    share one description ("⇧↑ ⇧↓ Flytta upp/ner") so that all fit."""
    app = wizard_at(example_copy, "directions")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: footer_settled(app) and "add" in footer_of(app).shown)
        texts = [shown_key(key) for key in footer_of(app).query(FooterKey)]
        assert "shift+↑ Flytta upp" in texts and "shift+↓ Flytta ner" in texts
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: footer_settled(app))
        texts = [shown_key(key) for key in footer_of(app).query(FooterKey)]
        assert "⇧↑" in texts and "⇧↓ Flytta upp/ner" in texts
        assert "^n" in texts and "^f Nästa/förra steg" in texts


async def test_a_pair_written_out_stays_on_one_row(example_copy: Path) -> None:
    """At widths where the list keys are written out over two rows, "shift+↑ Flytta upp"
    and "shift+↓ Flytta ner" are never split between the rows (at 120 they were)."""
    app = wizard_at(example_copy, "directions")
    async with app.run_test(size=(100, 30)) as pilot:
        for width in (100, 110, 120, 130, 140, 150):
            await pilot.resize_terminal(width, 30)
            await until(pilot, lambda w=width: footer_settled(app)
                        and footer_of(app)._laid_out_for == w and "add" in footer_of(app).shown)
            rows = {key.action.rpartition(".")[2]: key.region.y
                    for key in footer_of(app).query(FooterKey)}
            assert rows["move_up"] == rows["move_down"], (width, rows)


# ---------------------------------------------------------------- dialogs


def every_dialog(folder: Path, draft: Path) -> list[ModalScreen[Any]]:
    """One of each dialog the wizard shows."""
    from wizard.model.referral import Proposal
    from wizard.storage.profile import Settings
    from wizard.tui.screens.conflict import ConflictDialog
    from wizard.tui.screens.dialogs import ChoiceDialog, NameDialog, SaveAsDialog, StepPicker
    from wizard.tui.screens.import_dialog import ImportDialog
    from wizard.tui.screens.new_statement import NewStatementScreen, ProposalScreen
    from wizard.tui.screens.profile import ProfileScreen
    from wizard.tui.screens.spelling_dialog import SpellDialog
    from wizard.tui.widgets.confirm_render import ConfirmDraftRender
    from wizard.tui.widgets.phrase_picker import PhrasePicker

    return [
        ChoiceDialog("Läs om från disken", "Läsa om utkastet?",
                     [("reload", "Läs om"), ("cancel", "Avbryt")]),
        SaveAsDialog(draft),
        NameDialog("Byt namn", "Nytt filnamn (Enter byter, Esc avbryter):", "x.toml",
                   lambda _name: None),
        StepPicker(),
        PhrasePicker([("Godkänna", "Nämnden godkänner förvaltningens tjänsteutlåtande.")]),
        SpellDialog("remisvar"),
        ConfirmDraftRender(2),
        ConflictDialog(draft, [("Ärendets rubrik", "Min rubrik", "Filens rubrik")]),
        ImportDialog(folder),
        ProfileScreen(),
        NewStatementScreen(folder, Settings()),
        ProposalScreen(draft, [Proposal("referral.dnr", "Remissens diarienummer",
                                        "KS 2016/482", 2, "Dnr KS 2016/482")]),
        HelpScreen([("Överallt", list(WizardApp.BINDINGS))]),
    ]


def shown_text(screen: Screen[Any]) -> str:
    """What the dialog shows in words: its labels, texts and footer keys."""
    parts = []
    for widget in screen.query("*"):
        if not widget.display or widget.region.area == 0:
            continue
        if isinstance(widget, FooterKey):
            parts.append(f"{widget.key_display} {widget.description}")
        elif isinstance(widget, Static):
            parts.append(str(widget.render()))
    return "\n".join(parts)


def centred(dialog: ModalScreen[Any]) -> bool:
    """The dialog's box is laid out in the middle of the room above its own footer."""
    boxes = [child for child in dialog.children if not isinstance(child, Footer)]
    if not boxes or boxes[0].region.area == 0:
        return False
    box, room = boxes[0].region, dialog.region
    footers = list(dialog.query_children(Footer))
    if footers:
        room = room.shrink((0, 0, footers[0].region.height, 0))
    return (abs(box.center[0] - room.center[0]) <= 1 and abs(box.center[1] - room.center[1]) <= 1
            and room.contains_region(box))


class DialogHost(App[None]):
    """The wizard's stylesheets and a bare screen under the dialogs (quicker than a draft)."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        Path(wizard.tui.app.__file__).with_name(name) for name in ("wizard.tcss", "lists.tcss")]

    def compose(self) -> ComposeResult:
        yield WizardFooter()


async def test_every_dialog_is_centred_and_says_how_to_close_it(example_copy: Path) -> None:
    """At 80×24 each dialog in the middle of the screen (of the room above its own
    footer), with "Esc" in sight (in its text, its last line or its footer), and Esc
    closes it."""
    app = DialogHost()
    async with app.run_test(size=(80, 24)) as pilot:
        for dialog in every_dialog(example_copy.parent, example_copy):
            name = type(dialog).__name__
            app.push_screen(dialog)
            await until(pilot, lambda d=dialog: app.screen is d and centred(d)
                        and "esc" in shown_text(d).lower(), what=f"{name} centred, with Esc")
            await pilot.press("escape")
            await until(pilot, lambda d=dialog: app.screen is not d)
            assert app.screen is not dialog, name


# ---------------------------------------------------------------- the start screen


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_start_screen_gives_room_to_the_file_and_committee_when_wide(
        tmp_path: Path, size: tuple[int, int]) -> None:
    """At 160 columns a long file name and "Miljö- och hälsoskyddsnämnden" show whole
    beside the title; at 80 they are shortened with "…" and every column still fits."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    path = folder / "remissvar-miljoforvaltningen-2016.toml"
    path.write_text('format = 1\n[referral]\ntitle = "Internationell strategi för Stockholms '
                    'stad"\n[meeting]\ncommittee = "Miljö- och hälsoskyddsnämnden"\n',
                    encoding="utf-8")
    app = WizardApp(None, None, drafts_dir=folder, autosave_delay=600, today=TODAY)
    async with app.run_test(size=size) as pilot:
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: table.row_count == 2 and table.virtual_size.width > 0)
        name, title, committee, _date, _done = table.get_row(str(path))
        wide = size[0] >= 160
        assert (name == path.name) is wide
        assert (committee == "Miljö- och hälsoskyddsnämnden") is wide
        assert title == "Internationell strategi för Stockholms stad" or not wide
        assert table.virtual_size.width <= table.region.width  # no column cut at the edge


# ---------------------------------------------------------------- step 1


async def test_a_field_reached_by_tab_shows_its_message_and_suggestion(
        example_copy: Path) -> None:
    """At 100×30, Tab into Telefon near the bottom of the form: the message under the input
    and the "Använd …" button come into view with it, not only the input."""
    text = example_copy.read_text(encoding="utf-8")
    example_copy.write_text(text.replace('phone = "08-508 31 455"', 'phone = "0850831455"'),
                            encoding="utf-8")
    app = wizard_at(example_copy, "case")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.focused is not None and bool(app.screen.query(FormField)))
        phone = app.screen.query_one(f"#{field_id('officer.phone')}", FormField)
        name = app.screen.query_one(f"#{field_id('officer.name')}", FormField)
        await until(pilot, lambda: phone.has_class("-has-message"))
        name.input.focus()
        await pilot.press("tab")
        await until(pilot, lambda: phone.input.has_focus)
        scroll = phone.parent
        assert scroll is not None
        button = phone.query_one(".field-suggestion", Button)
        await until(pilot, lambda: scroll.region.contains_region(button.region)
                    and button.region.height > 0, what="the suggestion in view")
        message = phone.query_one(".field-message", Static)
        assert scroll.region.contains_region(message.region)


# ---------------------------------------------------------------- status line and toasts


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_long_status_wraps_and_toasts_stay_above_it(example_copy: Path,
                                                          size: tuple[int, int]) -> None:
    """A read-only window: its status ("… sedan 2016-09-20 14:02. F4 sparar en egen
    kopia.") wraps whole onto a second line, and the toasts sit above status and footer."""
    lock = {"user": "anna", "host": socket.gethostname(), "pid": os.getppid(),
            "time": "2016-09-20 14:02"}
    example_copy.with_name(example_copy.name + ".lock").write_text(json.dumps(lock),
                                                                     encoding="utf-8")
    app = wizard_at(example_copy, "signatures")
    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: bool(app.screen.query(Toast)) and footer_settled(app))
        status = app.screen.query_one("#status", Static)
        await until(pilot, lambda: status.region.height == 2, what="a two-line status")
        assert str(status.render()).endswith("F4 sparar en egen kopia.")
        footer = footer_of(app)
        for toast in app.screen.query(Toast):
            await until(pilot, lambda t=toast: t.region.bottom <= status.region.y,
                        what="the toast above the status")
            assert not toast.region.overlaps(footer.region)
