"""What opening a draft does before and after its first frame.

The editor shows a draft before its comment-keeping document is parsed: the
session parses the tomlkit document on its save worker once the first frame is
drawn; a save asked for meanwhile waits behind the parse, and a file tomlkit
refuses is reported as before (it cannot be opened), without a save. The
footer is rebuilt only when its keys change. What the first frame does not
show is not imported before it (tomlkit, the merge, the dialogs, the other
steps), and the list steps' stylesheet is added when a list step is first built.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea
from textual.widgets._footer import FooterKey

import wizard.storage.draftfile as draftfile
import wizard.storage.tomldoc as tomldoc
from tests.helpers.pilot import until
from wizard.storage import DraftFile
from wizard.tui.app import WizardApp
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.screens.start import StartScreen
from wizard.tui.widgets.footer import FooterRow, WizardFooter

SIZE = (100, 30)
FIXTURE = "handredigerad.toml"
REFUSED = "kan läsas men inte redigeras"


def new_app(path: Path | None, drafts_dir: Path, step: str = "case") -> WizardApp:
    return WizardApp(path, step, drafts_dir=drafts_dir, autosave_delay=600)


def messages(app: WizardApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the draft storage writes."""
    written: list[Path] = []
    real = draftfile.atomic_write

    def recording(path: Path, data: bytes) -> None:
        written.append(Path(path))
        real(path, data)

    monkeypatch.setattr(draftfile, "atomic_write", recording)
    return written


@pytest.fixture
def refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """tomlkit refuses every file (tomllib still reads them)."""
    def refuse(text: str) -> None:
        raise ValueError("tomlkit says no")

    monkeypatch.setattr(tomldoc, "parse", refuse)


async def test_the_document_is_parsed_on_the_save_worker_after_the_first_frame(
        draft_copy: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
        writes: list[Path]) -> None:
    path = draft_copy(FIXTURE)
    before = path.read_bytes()
    frames: list[float] = []
    parses: list[tuple[threading.Thread, int]] = []
    real_parse = tomldoc.parse

    def parse(text: str) -> Any:
        parses.append((threading.current_thread(), len(frames)))
        return real_parse(text)

    monkeypatch.setattr(tomldoc, "parse", parse)
    app = new_app(path, path.parent)
    display = app._display

    def counted(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames.append(time.monotonic())
        display(screen, renderable)

    app._display = counted  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await until(pilot, lambda: screen.session.draft_file.document_parsed)
        # Only this app's parses: an earlier test's save worker may still be parsing.
        assert not any(thread is threading.main_thread() for thread, _ in parses)
        ours = [(thread, count) for thread, count in parses
                if thread is screen.session._worker]
        assert len(ours) == 1
        thread, frames_before = ours[0]
        assert thread.name == "wizard-save" and frames_before >= 1
    assert writes == [] and path.read_bytes() == before  # parsing saved nothing


async def test_a_save_asked_for_at_once_waits_for_the_parse(
        draft_copy: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
        writes: list[Path]) -> None:
    path = draft_copy(FIXTURE)
    order: list[str] = []
    real_parse = tomldoc.parse
    real_save = DraftFile.save

    def slow_parse(text: str) -> Any:
        order.append("parse starts")
        time.sleep(0.3)  # a large draft on a busy machine
        document = real_parse(text)
        order.append("parse ends")
        return document

    def save(self: DraftFile, *args: Any, **kwargs: Any) -> bool:
        order.append("save")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(tomldoc, "parse", slow_parse)
    monkeypatch.setattr(DraftFile, "save", save)
    app = new_app(path, path.parent)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("end", *" (ändrad)", "ctrl+s")
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await until(pilot, lambda: screen.status_text.startswith("Sparat"))
    assert order == ["parse starts", "parse ends", "save"]
    assert writes == [path]
    text = path.read_text(encoding="utf-8")
    assert "(ändrad)" in text
    assert "# Handredigerat utkast: kommentarer, tomma rader och okända nycklar." in text
    assert "# Första inriktningen" in text


async def test_a_file_tomlkit_refuses_ends_wizard_open_with_its_message_unsaved(
        draft_copy: Callable[..., Path], refused: None, writes: list[Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    path = draft_copy(FIXTURE)
    before = path.read_bytes()
    app = new_app(path, path.parent)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 2
    said = " ".join(capsys.readouterr().err.split())  # printed as the app ends, wrapped
    assert REFUSED in said and path.name in said.replace(" ", "")
    assert writes == [] and path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no lock left behind


async def test_a_file_tomlkit_refuses_goes_back_to_the_start_screen_with_its_message(
        draft_copy: Callable[..., Path], refused: None, writes: list[Path]) -> None:
    path = draft_copy(FIXTURE)
    before = path.read_bytes()
    app = new_app(None, path.parent)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        assert app.open_draft(path) is None  # the model reads: the editor opens first
        await until(pilot, lambda: REFUSED in messages(app))
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        assert app.editor is None
    assert writes == [] and path.read_bytes() == before


# ------------------------------------------------------------------ the footer


def footer_keys(app: WizardApp) -> list[FooterKey]:
    return list(app.screen.query_one(WizardFooter).query(FooterKey))


async def test_the_footer_is_rebuilt_only_when_its_keys_change(example_copy: Path) -> None:
    """Focus changes announce the bindings again: the same keys keep the same widgets."""
    app = new_app(example_copy, example_copy.parent)
    async with app.run_test(size=SIZE) as pilot:
        footer = app.screen.query_one(WizardFooter)
        await until(pilot, lambda: bool(footer_keys(app)) and not footer._rebuild_due)
        await pilot.pause()
        first = footer_keys(app)
        title = app.focused
        await pilot.press("tab")  # Ärendets rubrik → Remittent: one-line fields alike
        await until(pilot, lambda: app.focused is not title and not footer._rebuild_due)
        await pilot.pause()
        assert footer_keys(app) == first and all(key.is_attached for key in first)

        await pilot.press("ctrl+n")  # Sammanfattning: a text area, with its own keys
        await until(pilot, lambda: isinstance(app.focused, TextArea)
                    and not footer._rebuild_due)
        await pilot.pause()
        assert footer_keys(app) != first
        assert "select_all" in footer.shown
        assert footer._shown_keys == footer._drawn(SIZE[0])  # never stale


async def test_the_text_keeps_its_place_when_the_footer_keys_come(example_copy: Path) -> None:
    """The footer holds its rows from the first frame: the text area is not resized
    (and its text not wrapped again) when the keys arrive."""
    app = new_app(example_copy, example_copy.parent, step="summary")
    regions: list[object] = []
    display = app._display

    def watched(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            regions.extend(area.region for area in screen.query(TextArea) if area.region.area)

    app._display = watched  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        footer = app.screen.query_one(WizardFooter)
        await until(pilot, lambda: bool(footer_keys(app)) and not footer._rebuild_due)
        await pilot.pause()
        assert len(footer.query(FooterRow)) == 2  # 100 columns: the keys take two rows
    assert regions and all(region == regions[0] for region in regions)


@pytest.mark.slow  # every step built in turn: over 5 s on a loaded machine
async def test_every_step_keeps_to_one_footer_row_from_its_width(example_copy: Path) -> None:
    """`ONE_ROW_WIDTH` is where the first frame holds one row, not two: every step's
    keys (the step shown, its first focus) fit in one row there, so no step's text is
    laid out again when the keys come."""
    from wizard.model.steps import STEPS
    from wizard.tui.widgets.footer import ONE_ROW_WIDTH

    app = new_app(example_copy, example_copy.parent)
    async with app.run_test(size=(ONE_ROW_WIDTH, 40)) as pilot:
        for number, step in enumerate(STEPS, 1):
            await pilot.press("ctrl+g", str(number))
            await until(pilot, lambda s=step.id: app.editor is not None
                        and app.editor.current_step == s and app.focused is not None)
            footer = app.screen.query_one(WizardFooter)
            await until(pilot, lambda f=footer: not f._rebuild_due
                        and f._shown_keys == f._drawn(ONE_ROW_WIDTH))
            assert len(footer.query(FooterRow)) == 1, (step.id, footer.shown)
            assert footer.left_out == []


# Imported when first needed, not before a draft's first frame (the TUI's start is
# held to 1.1× a bare Textual app's; see bench/run.py).
NOT_BEFORE_THE_FIRST_FRAME = (
    "tomlkit",  # the comment-keeping document: parsed on the save worker after the frame
    "wizard.storage.tomldoc",
    "wizard.storage.layout",
    "wizard.storage.merge",  # only when the file changed on disk
    "wizard.tui.screens.dialogs",
    "wizard.tui.screens.conflict",
    "wizard.tui.screens.help",
    "wizard.tui.screens.spelling_dialog",  # F8
    "wizard.tui.screens.start",
    "wizard.tui.steps.case",  # the steps not shown
    "wizard.tui.steps.directions",
    "wizard.tui.steps.decisions",
    "wizard.tui.steps.signatures",
    "wizard.tui.steps.review",
)

# A fresh process opens the draft at "Synpunkter" and reports, at its first frame,
# the modules loaded and the stylesheets read.
FIRST_FRAME = """
import asyncio, json, sys
from pathlib import Path
from wizard.tui.app import WizardApp

async def main():
    path = Path(sys.argv[1])
    app = WizardApp(path, "views", drafts_dir=path.parent, autosave_delay=600)
    seen = {}
    display = app._display

    def first(screen, renderable):
        if renderable is not None and not seen:
            seen["modules"] = sorted(sys.modules)
            seen["stylesheets"] = [where for where, _ in app.stylesheet.source]
        display(screen, renderable)

    app._display = first
    async with app.run_test(size=(100, 30)) as pilot:
        while not seen:
            await pilot.pause(0.02)
    print(json.dumps(seen))

asyncio.run(main())
"""


def test_a_drafts_first_frame_loads_only_what_it_shows(example_copy: Path) -> None:
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME, str(example_copy)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "WIZARD_SPELLING": "0"})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    modules = set(seen["modules"])
    assert {"wizard.tui.screens.editor", "wizard.tui.steps.texts"} <= modules  # the frame's
    early = sorted(name for name in modules
                   if name in NOT_BEFORE_THE_FIRST_FRAME or name.split(".")[0] == "tomlkit")
    assert early == []
    assert [Path(where).name for where in seen["stylesheets"] if where.endswith(".tcss")] == [
        "wizard.tcss"]


async def test_the_list_steps_stylesheet_comes_with_the_first_list_step(
        example_copy: Path) -> None:
    app = new_app(example_copy, example_copy.parent, step="views")

    def lists_loaded() -> bool:
        return any(where.endswith("lists.tcss") for where, _ in app.stylesheet.source)

    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert not lists_loaded()
        editor.go_to_step("directions")
        await until(pilot, lambda: editor.has_view("directions")
                    and editor.current_step == "directions")
        assert lists_loaded()
        record_list = editor.view("directions").query_one("RecordList")
        assert record_list.styles.min_height is not None
        assert record_list.styles.min_height.value == 8  # lists.tcss's rule for RecordList
