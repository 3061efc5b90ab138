"""What keeps the editor fast: views built on first show, saves off the event loop,
one autosave timer per pause, and a word count that follows typing without a
recount on every key."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import threading
from pathlib import Path
from time import monotonic

import pytest
from textual import events
from textual.widgets import Static, TextArea

from tests.helpers.pilot import editor, until
from wizard.model import Draft
from wizard.tui.app import WizardApp
from wizard.tui.session import DraftSession
from wizard.tui.steps import StepView
from wizard.tui.widgets import fields
from wizard.tui.widgets.fields import TextField

EXAMPLE = Path(__file__).resolve().parent.parent / "drafts" / "exempel.toml"
SIZE = (100, 30)


def app_at(tmp_path: Path, step: str, *, delay: float = 600) -> WizardApp:
    path = tmp_path / "exempel.toml"
    shutil.copyfile(EXAMPLE, path)
    return WizardApp(path, step, drafts_dir=tmp_path, autosave_delay=delay,
                     today=dt.date(2016, 9, 6))


async def test_only_the_shown_step_is_built_and_others_on_first_show(tmp_path: Path) -> None:
    """Opening at Synpunkter builds that view alone; another step is built, filled and
    focused when it is first shown, and the draft reaches the file as before."""
    app = app_at(tmp_path, "views")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        assert [view.step_id for view in screen.query(StepView)] == ["views"]
        assert isinstance(app.focused, TextArea)
        screen.go_to_step("summary")
        await until(pilot, lambda: screen.has_view("summary"))
        assert sorted(view.step_id for view in screen.query(StepView)) == ["summary", "views"]
        summary = screen.query_one("#step-summary", StepView).query_one(TextField)
        assert summary.text_area.text == screen.draft.texts.summary != ""
        await until(pilot, lambda: app.focused is summary.text_area)
        screen.jump_to("officer.phone")  # a field of a step not built yet
        assert screen.current_step == "case"
        await until(pilot, lambda: getattr(app.focused, "value", None)
                    == screen.draft.officer.phone)


async def test_autosave_runs_in_a_thread_not_on_the_event_loop(
    tmp_path: Path, monkeypatch
) -> None:
    """The save itself (merging and writing the file) never runs on the event loop."""
    threads: list[threading.Thread] = []
    save = DraftSession._write

    def recording_save(self: DraftSession, *args: object, **kwargs: object) -> bool:
        threads.append(threading.current_thread())
        return save(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DraftSession, "_write", recording_save)
    app = app_at(tmp_path, "views", delay=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("end", "x", "y")
        await until(pilot, lambda: editor(app).status_text.startswith("Sparat"))
        assert await asyncio.to_thread(editor(app).session.wait)
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    assert (tmp_path / "exempel.toml").read_text(encoding="utf-8").count("xy") == 1


async def test_one_autosave_timer_for_a_burst_of_keys(tmp_path: Path, monkeypatch) -> None:
    """Typing keeps one pending autosave (not a timer per key), and it still waits
    for the whole delay after the last key."""
    delay = 0.6
    saves: list[tuple[float, str]] = []  # when each save started, and the text it saved
    save = DraftSession._write

    def recording_save(self: DraftSession, draft: Draft, *args: object, **kwargs: object) -> bool:
        saves.append((monotonic(), draft.texts.views))
        return save(self, draft, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DraftSession, "_write", recording_save)
    app = app_at(tmp_path, "views", delay=delay)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        await pilot.press("end", "a")
        first = screen._autosave
        await pilot.press("b", "c")
        assert first is not None and screen._autosave is first
        await asyncio.sleep(delay / 2)  # a pause shorter than the delay: no save yet
        await pilot.press("d")  # the save moves on with it
        await until(pilot, lambda: any("abcd" in text for _, text in saves))
        assert await asyncio.to_thread(editor(app).session.wait)
        # Measured, not slept: on a busy machine a fixed sleep could outlast the delay.
        last_key = screen._last_edit  # when "d" was typed
        saved_at = next(when for when, text in saves if "abcd" in text)
        assert saved_at - last_key >= delay - 0.01  # (the timer allows itself 5 ms)
        assert "abcd" in (tmp_path / "exempel.toml").read_text(encoding="utf-8")


@pytest.mark.slow
async def test_word_count_follows_typing(tmp_path: Path, monkeypatch) -> None:
    """The count waits for a pause in typing (no split of the whole text per key),
    then is right."""
    monkeypatch.setattr(fields, "COUNT_INTERVAL", 2.0)  # a pause far longer than between keys
    app = app_at(tmp_path, "views")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text_field = editor(app).query_one(TextField)
        # The step is shown and filled (on a busy machine that takes a few turns).
        await until(pilot, lambda: text_field.text_area.text == editor(app).draft.texts.views)
        await app.workers.wait_for_complete()
        await pilot.pause()
        count = text_field.query_one(".word-count", Static)
        counted: list[str] = []
        update = text_field.update_count
        monkeypatch.setattr(text_field, "update_count",
                            lambda text: (counted.append(text), update(text)))

        def shown() -> str:
            return str(count.render())

        words = len(text_field.text_area.text.split())
        assert shown() == f"{words} ord"
        await pilot.press("end", "space", "n", "y", "space", "o", "space", "x")
        assert counted == []  # not while the keys come
        await until(pilot, lambda: shown() == f"{words + 3} ord")
        assert len(counted) == 1  # once, after the pause


async def test_keys_typed_while_a_step_is_built_reach_that_step(tmp_path: Path) -> None:
    """Keys that arrive while a step's view is still being built wait for it: they go
    to the new step's field, not to the field of the step just left."""
    app = app_at(tmp_path, "case")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        title = screen.draft.referral.title
        screen.go_to_step("summary")  # not built yet
        for key in "abc":
            app.post_message(events.Key(key, key))
        assert screen.current_step == "summary"
        # Once the view is built the keys reach it (if they went to the title, never).
        await until(pilot, lambda: "abc" in screen.draft.texts.summary)
        assert screen.draft.referral.title == title
