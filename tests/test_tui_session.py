"""The draft's life in the wizard: merges, a deleted file, a read-only window, a full disk.

Pilot tests of the editor with its `DraftSession`; the full disk is an injected
``OSError(ENOSPC)``, and a real small tmpfs where the test may mount one.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input

import wizard.storage.draftfile as draftfile
import wizard.tui.session as session_module
from tests.helpers.pilot import editor, read_toml, saved, until
from wizard.tui.app import WizardApp
from wizard.tui.screens.dialogs import ChoiceDialog, SaveAsDialog
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.widgets.fields import FormField, field_id

SIZE = (100, 30)
REAL_WRITE = draftfile.atomic_write


def new_app(path: Path, step: str = "case", delay: float = 600) -> WizardApp:
    return WizardApp(path, step, drafts_dir=path.parent, autosave_delay=delay)


def messages(app: WizardApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


@pytest.fixture
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The person's state folder, in the test's temp folder."""
    folder = tmp_path / "state" / "återställda"
    monkeypatch.setattr(session_module, "state_folder", lambda: folder)
    return folder


# ------------------------------------------------------------------ changed on disk


async def test_hand_edit_of_other_keys_is_merged_and_said(tmp_path: Path) -> None:
    path = tmp_path / "ihop.toml"
    path.write_text('format = 1\n\n[meeting]\ncommittee = "Kulturnämnden"\n', encoding="utf-8")
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Rubrik")
        path.write_text('format = 1\n\n[meeting]\n# ändrat för hand\n'
                        'committee = "Idrottsnämnden"\n', encoding="utf-8")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert isinstance(app.screen, EditorScreen)  # nothing to ask
        await until(pilot, lambda: "slagits ihop" in messages(app))  # the save's outcome
        committee = editor(app).query_one(f"#{field_id('meeting.committee')}", FormField)
        assert committee.input.value == "Idrottsnämnden"
        title = editor(app).query_one(f"#{field_id('referral.title')}", FormField)
        assert app.focused is title.input  # the focus stays where the person typed
        assert not editor(app).dirty
    text = path.read_text(encoding="utf-8")
    assert "# ändrat för hand" in text
    assert read_toml(path)["referral"]["title"] == "Rubrik"
    assert read_toml(path)["meeting"]["committee"] == "Idrottsnämnden"


async def test_a_draft_deleted_while_open_is_reported_as_deleted(tmp_path: Path) -> None:
    path = tmp_path / "borta.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Kvar")
        path.unlink()
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert "tagits bort" in editor(app).status_text
        assert isinstance(app.screen, ChoiceDialog)
        assert "tagits bort" in app.screen.message
        await pilot.click("#overwrite")  # "Spara på nytt"
        await saved(pilot)
        assert editor(app).status_text.startswith("Sparat")
    assert read_toml(path)["referral"]["title"] == "Kvar"


# ------------------------------------------------------------------ read-only


async def test_read_only_window_says_so_and_offers_save_as(example_path: Path,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "las.toml"
    shutil.copy(example_path, path)
    lock = {"user": "anna", "host": socket.gethostname(), "pid": os.getppid(),
            "time": "2016-09-20 14:02"}
    path.with_name(path.name + ".lock").write_text(json.dumps(lock), encoding="utf-8")
    before = path.read_bytes()
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        assert screen.title == "wizard – skrivskyddat"  # said once, not again by the file name
        assert screen.sub_title == path.name
        shown = {binding.description for _, binding, enabled, _ in
                 app.active_bindings.values() if binding.show and enabled}
        assert "Skrivskyddat: Spara som…" in shown
        assert "Spara" not in shown and "Spara som" not in shown
        await pilot.press("x")
        await pilot.pause()
        assert "Skrivskyddat" in messages(app) and "F4" in messages(app)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsDialog)
    assert path.read_bytes() == before


# ------------------------------------------------------------------ a full disk


def full_disk(monkeypatch: pytest.MonkeyPatch, *, except_under: Path | None = None) -> None:
    """Every write fails with ENOSPC (but under ``except_under``, when given)."""

    def write(target: Path, data: bytes, **kwargs: object) -> None:
        if except_under is not None and Path(target).is_relative_to(except_under):
            REAL_WRITE(target, data, **kwargs)  # type: ignore[arg-type]
            return
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(draftfile, "atomic_write", write)


async def test_full_disk_recovery_goes_to_the_state_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state_dir: Path
) -> None:
    """The draft's folder is full: the autosave fails, the text goes to the state folder."""
    path = tmp_path / "drafts" / "full.toml"
    path.parent.mkdir()
    path.write_text("format = 1\n", encoding="utf-8")
    full_disk(monkeypatch, except_under=state_dir.parent)
    app = new_app(path, delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Viktigt")
        await until(pilot, lambda: editor(app).status_text.startswith("Kunde inte spara"))
        await saved(pilot)
        recovered = list(state_dir.glob("full-*.recovered.toml"))
        assert len(recovered) == 1
        assert read_toml(recovered[0])["referral"]["title"] == "Viktigt"
        assert str(recovered[0]) in messages(app)
        assert isinstance(app.screen, EditorScreen)  # typing goes on


@pytest.mark.slow
async def test_nothing_writable_keeps_the_app_open_and_says_where_the_text_can_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state_dir: Path
) -> None:
    """Saving and both recovery files fail: the app stays open, offers another folder
    and the clipboard, and quitting loses nothing without a message the person saw."""
    path = tmp_path / "full.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    full_disk(monkeypatch)
    app = new_app(path, delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Rubrik")
        await until(pilot, lambda: editor(app).status_text.startswith("Kunde inte spara"))
        await saved(pilot)
        told = messages(app)
        assert str(Path.home()) in told and "urklipp" in told
        assert not state_dir.exists() or not any(state_dir.iterdir())

        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert isinstance(app.screen, ChoiceDialog)
        assert str(Path.home()) in app.screen.message
        await pilot.click("#quit")  # "Avsluta ändå": no recovery file can be written
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog)
                    and "någonstans" in app.screen.title_text)
        assert app.is_running
        await pilot.click("#copy")  # the dialog's answer is handled on a later turn
        await until(pilot, lambda: 'title = "Rubrik"' in app.clipboard)

        await pilot.press("ctrl+q")  # this time into another folder
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.click("#save_as")
        await until(pilot, lambda: isinstance(app.screen, SaveAsDialog))
        elsewhere = tmp_path / "annan"
        elsewhere.mkdir()
        full_disk(monkeypatch, except_under=elsewhere)
        app.screen.query_one(Input).value = str(elsewhere / "räddad.toml")
        await pilot.press("enter")
        await until(pilot, lambda: not app.is_running)
    assert read_toml(elsewhere / "räddad.toml")["referral"]["title"] == "Rubrik"
    assert path.read_text(encoding="utf-8") == "format = 1\n"


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Path:
    """A 256 KB tmpfs, mounted where the tests may (root, mount allowed); else skip."""
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True, text=True, timeout=10)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=10)


async def test_full_tmpfs_recovery_goes_to_the_state_folder(
    small_tmpfs: Path, state_dir: Path
) -> None:
    """A real full disk: the draft's folder fills up; nothing typed is lost."""
    path = small_tmpfs / "full.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    filler = small_tmpfs / "filler"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last block
        while True:
            os.write(handle, b"\0" * 4096)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(handle)
    app = new_app(path, delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Sparas inte")
        await until(pilot, lambda: editor(app).status_text.startswith("Kunde inte spara"))
        await saved(pilot)
        recovered = list(state_dir.glob("full-*.recovered.toml"))
        assert len(recovered) == 1
        assert read_toml(recovered[0])["referral"]["title"] == "Sparas inte"
        filler.unlink()  # room again: Ctrl+S saves the draft itself
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert editor(app).status_text.startswith("Sparat")
    assert read_toml(path)["referral"]["title"] == "Sparas inte"


# ------------------------------------------------------------------ step and cursor


async def test_typing_after_opening_at_a_step_goes_after_the_text(tmp_path: Path) -> None:
    """`wizard open --step summary`, then typing: the text is added at the end."""
    path = tmp_path / "sist.toml"
    path.write_text('format = 1\n[texts]\nsummary = """\nFörsta raden.\nAndra raden."""\n',
                    encoding="utf-8")
    app = new_app(path, "summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space", "x")
        assert editor(app).draft.texts.summary == "Första raden.\nAndra raden. x"


async def test_step_and_cursor_are_stored_with_the_save_and_restored(tmp_path: Path) -> None:
    """The first save after a change stores the step shown and each text's cursor;
    reopening the draft puts both back."""
    path = tmp_path / "tillbaka.toml"
    path.write_text('format = 1\n[texts]\nsummary = "Början och slutet."\n', encoding="utf-8")
    app = new_app(path, "summary")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("home", *["right"] * 6, "X")
        await pilot.press("ctrl+q")
    data = read_toml(path)
    assert data["texts"]["summary"] == "BörjanX och slutet."
    assert data["wizard"]["step"] == "summary"
    assert data["wizard"]["cursors"]["texts.summary"] == [0, 7]

    app = WizardApp(path, drafts_dir=tmp_path, autosave_delay=600)  # no --step
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert editor(app).current_step == "summary"
        await pilot.press("Y")
        assert editor(app).draft.texts.summary == "BörjanXY och slutet."


async def test_a_loaded_draft_is_left_out_of_full_collections_until_it_is_closed(
    tmp_path: Path,
) -> None:
    """Once the draft is loaded in full, what exists is frozen (`wizard.tui.heap`), so that
    a full garbage collection does not stop the typing; closing the draft unfreezes it."""
    path = tmp_path / "frusen.toml"
    path.write_text('format = 1\n[texts]\nsummary = "Text."\n', encoding="utf-8")
    before = gc.get_freeze_count()  # the TUI's import, frozen unless a closed draft let it go
    app = new_app(path, "summary")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: gc.get_freeze_count() > before + 1000)
        assert editor(app).session.draft_file.document_parsed
        frozen = gc.get_freeze_count()
        await pilot.press("x")
        await saved(pilot)
        assert gc.get_freeze_count() <= frozen  # what typing and saving make is not frozen
        await pilot.press("ctrl+q")
    assert gc.get_freeze_count() == 0
    assert read_toml(path)["texts"]["summary"] == "Text.x"


# ------------------------------------------------------------------ structure


def test_the_session_imports_no_textual_and_no_screen_imports_the_app() -> None:
    """The owner of a draft's life is plain Python; the app imports its screens, never
    the other way round (the start screen asks with a message)."""
    code = ("import sys, wizard.tui.session\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    screens = Path(__file__).resolve().parent.parent / "wizard" / "tui" / "screens"
    for module in screens.glob("*.py"):
        assert "wizard.tui.app" not in module.read_text(encoding="utf-8"), module.name


@pytest.mark.slow
async def test_an_autosave_conflict_waits_for_ctrl_s_to_ask(tmp_path: Path) -> None:
    """A conflict found by an autosave is said, not asked (a dialog would take the keys
    being typed); Ctrl+S shows both values and lets the person choose."""
    path = tmp_path / "krock.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    app = new_app(path, delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        path.write_text('format = 1\n[referral]\ntitle = "Deras"\n', encoding="utf-8")
        await pilot.press(*"Min")
        await until(pilot, lambda: "samma fält" in messages(app))
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EditorScreen))
        await pilot.click("#mine")  # the dialog's answer is handled on a later turn
        await until(pilot, lambda: not editor(app).dirty)  # taken and saved
        await saved(pilot)
    assert read_toml(path)["referral"]["title"] == "Min"
