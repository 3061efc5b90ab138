"""Pilot tests of the wizard's surface: fields, any terminal size, text-area keys, the
review's preview and the start screen's file actions. Swedish letters go in as pastes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Static, TextArea
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

from tests.helpers.pilot import editor, paste, saved, until
from wizard.errors import DraftChangedOnDiskError
from wizard.tui.app import WizardApp
from wizard.tui.screens.dialogs import ChoiceDialog, NameDialog, StepPicker
from wizard.tui.screens.help import HelpScreen
from wizard.tui.screens.start import RECOVERY_MARK, StartScreen
from wizard.tui.session import Outcome
from wizard.tui.steps.case import CaseView
from wizard.tui.steps.review import PreviewPane
from wizard.tui.widgets.fields import REQUIRED_LEGEND, FormField, TextField, field_id
from wizard.tui.widgets.footer import FIRST_ACTIONS, WizardFooter
from wizard.tui.widgets.record_list import RecordList

TODAY = dt.date(2016, 9, 6)
SIZES = [(80, 24), (100, 30), (120, 40), (160, 50)]


def app_for(path: Path | None, step: str | None = None, *,
            drafts: Path | None = None) -> WizardApp:
    return WizardApp(path, step, drafts_dir=drafts or (path.parent if path else None),
                     autosave_delay=60, today=TODAY)


def form_field(app: WizardApp, path: str) -> FormField:
    return editor(app).query_one(f"#{field_id(path)}", FormField)


def message_of(field: FormField) -> str:
    return str(field.query_one(".field-message", Static).render())


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "tom.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- 3: fields


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_email_checked_and_repaired_with_ctrl_t(empty: Path) -> None:
    """A comma for a dot: an error at the field, the repair offered and taken with Ctrl+T."""
    app = app_for(empty, "case")
    async with app.run_test(size=(100, 30)) as pilot:
        editor(app).query_one(CaseView).focus_field("officer.email")
        await pilot.pause()
        await paste(pilot, "åsa.öberg@stockholm,se")
        await pilot.press("tab")
        field = form_field(app, "officer.email")
        await until(pilot, lambda: field.has_class("-has-message"))
        assert field.has_class("-error")
        assert "ingen e-postadress" in message_of(field)
        assert field.suggestion == "åsa.öberg@stockholm.se"
        button = field.query_one(".field-suggestion", Button)
        assert button.display and "Ctrl+T" in str(button.label)
        await pilot.press("shift+tab", "ctrl+t")
        await until(pilot, lambda: editor(app).draft.officer.email == "åsa.öberg@stockholm.se")
        await until(pilot, lambda: not field.has_class("-has-message"))


@pytest.mark.slow
async def test_required_fields_marked_and_an_emptied_one_says_so(example_copy: Path) -> None:
    """"*" after each required label, a legend; emptying one and leaving it gives the message
    at the field, which goes as soon as something is written again."""
    app = app_for(example_copy, "case")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = editor(app).query_one(CaseView)
        labels = {str(label.render()) for label in view.query(".field-label").results(Label)}
        assert "Ärendets rubrik *" in labels and "Remisstiden går ut" in labels
        assert REQUIRED_LEGEND in {str(label.render()) for label in view.query(Label)}
        view.focus_field("referral.referred_by")
        await pilot.pause()
        await pilot.press("ctrl+u")  # Input: delete to the start
        field = form_field(app, "referral.referred_by")
        assert not field.has_class("-has-message")  # not while in the field
        await pilot.press("tab")
        await until(pilot, lambda: field.has_class("-has-message"))
        assert message_of(field) == "Remittent saknas."
        view.focus_field("referral.referred_by")
        await pilot.pause()
        await paste(pilot, "kommunstyrelsen i Göteborg")
        await until(pilot, lambda: not field.has_class("-has-message"))


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_item_hint_and_bare_number_becomes_p(empty: Path) -> None:
    """Punkt shows how it is written; a bare 12 reads "p. 12" once the field is left."""
    app = app_for(empty, "case")
    async with app.run_test(size=(100, 30)) as pilot:
        field = form_field(app, "meeting.item")
        assert "p. 12" in field.input.placeholder
        editor(app).query_one(CaseView).focus_field("meeting.item")
        await pilot.pause()
        await pilot.press("1", "2", "tab")
        await until(pilot, lambda: editor(app).draft.meeting.item == "p. 12")
        assert field.input.value == "p. 12"
        assert not field.has_class("-has-message")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_message_wraps_across_the_field_width(tmp_path: Path,
                                                    size: tuple[int, int]) -> None:
    """The phone suggestion's message takes the input's whole width, the button under it
    (it was squeezed into a column one or two words wide)."""
    path = tmp_path / "tel.toml"
    path.write_text('format = 1\n[officer]\nphone = "0850831455"\n', encoding="utf-8")
    app = app_for(path, "case")
    async with app.run_test(size=size) as pilot:
        field = form_field(app, "officer.phone")
        await until(pilot, lambda: field.has_class("-has-message"))
        message = field.query_one(".field-message", Static)
        button = field.query_one(".field-suggestion", Button)
        await until(pilot, lambda: message.region.width > 0)
        assert message.region.x == field.input.region.x
        assert message.region.width == field.input.region.width
        assert button.region.y >= message.region.bottom
        assert message.region.height <= 3  # a few lines, not a word per line


# ---------------------------------------------------------------- 4: any terminal size


def footer_keys(app: WizardApp) -> list[FooterKey]:
    return list(app.screen.query_one(WizardFooter).query(FooterKey))


def assert_footer_fits(app: WizardApp, width: int) -> None:
    keys = footer_keys(app)
    assert keys
    for key in keys:
        assert key.region.right <= width, (key.key, key.region)
        assert not key.has_class("-command-palette")
    rows: dict[int, list[Region]] = {}
    for key in keys:
        rows.setdefault(key.region.y, []).append(key.region)
    for regions in rows.values():
        for left, right in pairwise(regions):
            assert left.right <= right.x, (left, right)  # nothing drawn over a key


@pytest.mark.slow  # four sizes, each twice
@pytest.mark.parametrize("step", ["case", "signatures", "review"])
async def test_footer_most_important_keys_first_and_fitting(example_copy: Path,
                                                            step: str) -> None:
    """At every size: help, save, quit and the step keys first; every key inside the
    width, none over another, also after the focus (and so the keys) changed."""
    app = app_for(example_copy, step)
    async with app.run_test(size=SIZES[0]) as pilot:
        footer = app.screen.query_one(WizardFooter)
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await until(pilot, lambda w=width: footer._laid_out_for == w
                        and bool(footer_keys(app)))
            await pilot.pause()
            assert footer.shown[:len(FIRST_ACTIONS)] == list(FIRST_ACTIONS)
            assert_footer_fits(app, width)
            focused = app.focused
            await pilot.press("tab")  # another focus: the footer is rebuilt (after a refresh)
            await until(pilot, lambda f=focused: app.focused is not f and not footer._rebuild_due)
            await pilot.pause()
            assert footer.shown[:len(FIRST_ACTIONS)] == list(FIRST_ACTIONS)
            assert_footer_fits(app, width)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_labels_aligned_with_their_fields(example_copy: Path,
                                                size: tuple[int, int]) -> None:
    """Narrow: each label on its own line above its input; wide: beside it, on one line."""
    app = app_for(example_copy, "case")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for field in editor(app).query(FormField):
            label = field.query_one(".field-label", Label)
            if size[0] < 100:
                assert label.region.bottom == field.input.region.y
                assert label.region.x == field.input.region.x
            else:
                assert label.region.y == field.input.region.y
                assert label.region.height == 1


async def test_list_buttons_and_step_keys_fit_at_80x24(example_copy: Path) -> None:
    """Underskrifter och bilagor at 80×24: every list button whole, ^n/^f/^g in the footer."""
    app = app_for(example_copy, "signatures")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for record_list in editor(app).query(RecordList):
            side = record_list.query_one(".record-list-side").region
            for button in record_list.query(Button):
                assert button.region.width >= len(str(button.label))
                assert side.contains_region(button.region), (button.label, button.region)
        shown = app.screen.query_one(WizardFooter).shown
        assert {"next_step", "previous_step", "pick_step"} <= set(shown)


@pytest.mark.slow
async def test_step_picker_is_centred(example_copy: Path) -> None:
    app = app_for(example_copy, "case")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+g")
        await until(pilot, lambda: isinstance(app.screen, StepPicker))
        await pilot.pause()
        dialog = app.screen.query_one(".dialog").region
        assert abs(dialog.center[0] - 50) <= 1 and abs(dialog.center[1] - 15) <= 1


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_toasts_stay_off_the_field_and_go_when_resolved(example_copy: Path) -> None:
    """The "not saved" toast sits over the sidebar, and reloading the draft takes it away."""
    app = app_for(example_copy, "case")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = editor(app)
        screen._save_failed(Outcome("changed", 0, error=DraftChangedOnDiskError(example_copy)))
        await until(pilot, lambda: bool(list(app.screen.query(Toast))))
        await pilot.pause()
        toast = app.screen.query_one(Toast).region
        focused = app.focused
        assert focused is not None and not toast.overlaps(focused.region)
        for field in screen.query(FormField):
            assert not toast.overlaps(field.input.region)
        screen.reload()
        await until(pilot, lambda: not list(app.screen.query(Toast)))


async def test_title_shows_its_start_when_left(tmp_path: Path) -> None:
    title = "Remiss av förslag till " + "mycket lång rubrik " * 6 + "slut"
    path = tmp_path / "lång.toml"
    path.write_text(f'format = 1\n[referral]\ntitle = "{title}"\n', encoding="utf-8")
    app = app_for(path, "case")
    async with app.run_test(size=(100, 30)) as pilot:
        field = form_field(app, "referral.title")
        await pilot.pause()
        await pilot.press("end", "tab")
        await pilot.pause()
        assert field.input.cursor_position == 0
        assert field.input.scroll_offset.x == 0


# ---------------------------------------------------------------- 5: keys


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_ctrl_home_end_and_f7_in_a_text_area(tmp_path: Path) -> None:
    path = tmp_path / "text.toml"
    path.write_text('format = 1\n[texts]\nsummary = "Första.\\nAndra.\\nTredje."\n',
                    encoding="utf-8")
    app = app_for(path, "summary")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        area = editor(app).query_one(TextField).text_area
        area.focus()
        await pilot.press("ctrl+end")
        await paste(pilot, " Åtgärd.")
        assert area.text.endswith("Tredje. Åtgärd.")
        await pilot.press("ctrl+home")
        await paste(pilot, "Öppning. ")
        assert area.text.startswith("Öppning. Första.")
        await pilot.press("f7")
        assert area.selected_text == area.text
        assert "select_all" in app.screen.query_one(WizardFooter).shown
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        rows = {(keys, text) for _group, keys, text in app.screen.rows}
        assert ("F7", "Markera allt (hela fältet eller texten)") in rows
        assert any(keys.startswith("Ctrl+Home") for keys, _text in rows)


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_pdf_choice_remembered_on_reopening(example_copy: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("wizard.tui.steps.review.libreoffice_available", lambda: True)
    app = app_for(example_copy, "review")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        box = editor(app).query_one("#review-pdf", Checkbox)
        assert not box.value
        await pilot.press("p")
        await until(pilot, lambda: editor(app).draft.pdf)
        await pilot.press("ctrl+s")
        await saved(pilot)  # the save runs on the session's thread, not as a Textual worker
    assert "pdf = true" in example_copy.read_text(encoding="utf-8")
    again = app_for(example_copy, "review")
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert editor(again).query_one("#review-pdf", Checkbox).value


# ---------------------------------------------------------------- 6: the review's preview


@pytest.mark.slow
async def test_preview_focus_pages_and_leads_to_the_line(example_copy: Path) -> None:
    """Tab reaches the preview (a visible frame), PageDown scrolls it, and Enter on a
    paragraph of the views opens that text with the cursor on the line that wrote it."""
    app = app_for(example_copy, "summary")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        area = editor(app).query_one(TextField).text_area
        area.focus()
        await pilot.press("ctrl+end", "enter")
        await paste(pilot, "Övrigt: förvaltningen återkommer i ärendet.")
        await pilot.press("ctrl+g", "8")
        await until(pilot, lambda: editor(app).current_step == "review")
        pane = editor(app).query_one(PreviewPane)
        await until(pilot, lambda: bool(pane.blocks()))
        pane.focus()
        await pilot.pause()
        assert pane.has_focus and pane.styles.border_top[0] == "tall"
        await pilot.press("pagedown")
        await until(pilot, lambda: pane.scroll_y > 0)
        target = next(n for n, chunk in enumerate(pane.chunks) if "Övrigt" in chunk.markdown)
        pane._mark(target)
        await pilot.pause()
        assert pane.blocks()[target].has_class("-current")
        await pilot.press("enter")
        await until(pilot, lambda: editor(app).current_step == "summary")
        await until(pilot, lambda: isinstance(app.focused, TextArea)
                    and app.focused.cursor_location[0] > 0)
        focused = app.focused
        assert isinstance(focused, TextArea)
        row = focused.cursor_location[0]
        assert focused.document.get_line(row).startswith("Övrigt")


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_click_on_a_preview_paragraph_opens_its_field(example_copy: Path) -> None:
    app = app_for(example_copy, "review")
    async with app.run_test(size=(100, 30)) as pilot:
        pane = editor(app).query_one(PreviewPane)
        await until(pilot, lambda: bool(pane.blocks()))
        index = next(n for n, chunk in enumerate(pane.chunks)
                     if chunk.field == "referral.title")
        block = pane.blocks()[index]
        pane.scroll_to_widget(block, animate=False)  # as a person scrolls to what they click
        await until(pilot, lambda: pane.region.contains_region(block.region))
        await pilot.click(block)
        await until(pilot, lambda: editor(app).current_step == "case")
        await until(pilot, lambda: app.focused is form_field(app, "referral.title").input)


# ---------------------------------------------------------------- 8: the start screen


@pytest.fixture
def drafts(tmp_path: Path, example_path: Path) -> Path:
    folder = tmp_path / "utkast"
    folder.mkdir()
    shutil.copyfile(example_path, folder / "exempel.toml")
    shutil.copyfile(example_path, folder / "exempel.recovered.toml")
    os.utime(folder / "exempel.toml", (2_000_000, 2_000_000))
    os.utime(folder / "exempel.recovered.toml", (1_000_000, 1_000_000))
    return folder


def rows(app: WizardApp) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def test_start_screen_columns_fit(drafts: Path) -> None:
    """At every size: file name, title, committee, date and "Klart" inside the width;
    the recovery copy marked."""
    app = app_for(None, drafts=drafts)
    async with app.run_test(size=SIZES[0]) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await until(pilot, lambda w=width: app.screen._width == w)  # type: ignore[attr-defined]
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            assert [str(column.label) for column in table.columns.values()] == [
                "Fil", "Rubrik", "Nämnd", "Sammanträde", "Klart"]
            total = sum(column.get_render_width(table) for column in table.columns.values())
            assert total <= table.scrollable_content_region.width
            listed = rows(app)
            assert listed[1][0] == "exempel.toml" and listed[1][4] == "13/13"
            assert listed[1][2] == "Kulturnämnden"
            assert listed[2][0].startswith("exempel.recovered")
            assert listed[2][1].startswith(RECOVERY_MARK)
            assert_footer_fits(app, width)


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_start_screen_rename_duplicate_delete(drafts: Path) -> None:
    app = app_for(None, drafts=drafts)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down")  # exempel.toml
        await pilot.press("k")
        await until(pilot, lambda: (drafts / "exempel-kopia.toml").exists())
        assert app.screen.selected_path() == drafts / "exempel-kopia.toml"  # type: ignore[attr-defined]
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, NameDialog))
        name = app.screen.query_one(Input)
        name.value = ""
        await paste(pilot, "exempel")  # taken: said in the dialog, nothing renamed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NameDialog)
        assert "finns redan" in str(app.screen.query_one("#name-dialog-error", Static).render())
        name.value = ""
        await paste(pilot, "kulturnämndens-svar-åäö")
        await pilot.press("enter")
        renamed = drafts / "kulturnämndens-svar-åäö.toml"
        await until(pilot, lambda: renamed.exists())
        assert not (drafts / "exempel-kopia.toml").exists()
        assert isinstance(app.screen, StartScreen)
        assert app.screen.selected_path() == renamed
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("escape")  # "Avbryt": nothing moves
        await pilot.pause()
        assert renamed.exists()
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.click("#delete")
        await until(pilot, lambda: not renamed.exists())
        assert (drafts / ".papperskorg" / renamed.name).exists()
        assert all(row[0] != renamed.name for row in rows(app))
        await pilot.press("up", "up", "up", "delete")  # on "Nytt utkast": nothing to delete
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
