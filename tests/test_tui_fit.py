"""Pilot tests of what fits at 80×24: every key of a list step in the footer, and
every dialog centred with the way to close it in sight."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import socket
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from wizard.model.steps import STEP_IDS
from wizard.tui.app import WizardApp
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.screens.help import HelpScreen
from wizard.tui.widgets.footer import FIRST_ACTIONS, WizardFooter

TODAY = dt.date(2016, 9, 6)
LIST_STEPS = ("directions", "decisions", "signatures")


def wizard_at(path: Path, step: str) -> WizardApp:
    return WizardApp(path, step, drafts_dir=path.parent, autosave_delay=600, today=TODAY)


async def until(pilot: Pilot, condition: Callable[[], object], timeout: float = 8.0) -> None:
    """Let the app run until ``condition()`` holds (no fixed sleep)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
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


async def test_footer_writes_keys_out_when_there_is_room(example_copy: Path) -> None:
    """At 100 columns the list keys are written out ("shift+↑ Flytta upp"); at 80 they
    share one description ("⇧↑ ⇧↓ Flytta upp/ner") so that all fit."""
    app = wizard_at(example_copy, "directions")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: footer_settled(app) and "add" in footer_of(app).shown)
        texts = [str(key.render()) for key in footer_of(app).query(FooterKey)]
        assert "shift+↑ Flytta upp" in texts and "shift+↓ Flytta ner" in texts
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: footer_settled(app))
        texts = [str(key.render()) for key in footer_of(app).query(FooterKey)]
        assert "⇧↑" in texts and "⇧↓ Flytta upp/ner" in texts
        assert "^n" in texts and "^f Nästa/förra steg" in texts
