"""The review step in the real editor: issues jump to their field; the preview follows the draft."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, Static, TextArea

from tests.helpers.pilot import until
from wizard.model.review import review_issues
from wizard.render.pdf import find_soffice
from wizard.tui.app import WizardApp
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.steps.review import IssueList, ReviewView
from wizard.tui.widgets.fields import FormField
from wizard.tui.widgets.record_list import RecordList
from wizard.tui.widgets.sentence_area import SentenceArea

TODAY = dt.date(2016, 9, 6)


def editor(app: WizardApp) -> EditorScreen:
    screen = app.screen
    assert isinstance(screen, EditorScreen)
    return screen


def app_for(path: Path, step: str = "review") -> WizardApp:
    return WizardApp(path, step, drafts_dir=path.parent, autosave_delay=60, today=TODAY)


def without_comments(path: Path, *names: str) -> Path:
    """The draft at ``path`` with the comments of the named inriktningar taken out."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, current = [], ""
    for line in lines:
        if line.startswith("name = "):
            current = line.split('"')[1]
        if line.startswith("comment = ") and current in names:
            continue
        kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")
    return path


async def test_choosing_a_warning_jumps_to_the_inriktning_comment(example_copy: Path) -> None:
    app = app_for(without_comments(example_copy, "Omvärldsbevakning", "Påverkan"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        review = app.screen.query_one(ReviewView)
        fields = [issue.field for issue in review.issues]
        assert fields == ["directions[2].comment", "directions[4].comment"]
        issues = app.screen.query_one(IssueList)
        issues.focus()
        await pilot.press("down", "enter")  # the second: Påverkan's comment
        assert editor(app).current_step == "directions"
        # The step's view is built on first show, then the field is focused.
        await until(pilot, lambda: isinstance(app.focused, TextArea))
        focused = app.focused
        assert isinstance(focused, TextArea) and focused.id == "directions-comment"
        record_list = app.screen.query_one("#records-directions", RecordList)
        assert record_list.index == 3


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_choosing_an_error_jumps_to_a_field_of_the_first_step(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    shutil.copyfile(Path(__file__).parent.parent / "drafts" / "exempel.toml", path)
    text = path.read_text(encoding="utf-8").replace('phone = "08-508 31 455"\n', "")
    path.write_text(text, encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        review = app.screen.query_one(ReviewView)
        assert review.issues[0].is_error and review.issues[0].field == "officer.phone"
        app.screen.query_one(IssueList).focus()
        await pilot.press("home", "enter")
        assert editor(app).current_step == "case"
        await until(pilot, lambda: isinstance(app.focused, Input))  # once the view is built
        assert app.focused.query_ancestor(FormField).path == "officer.phone"


async def test_choosing_a_decision_warning_with_the_mouse(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    shutil.copyfile(Path(__file__).parent.parent / "drafts" / "exempel.toml", path)
    text = path.read_text(encoding="utf-8").replace(
        'text = "Kulturnämnden överlämnar tjänsteutlåtandet till kommunstyrelsen."',
        'text = "att överlämna tjänsteutlåtandet till kommunstyrelsen"',
    )
    path.write_text(text, encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        review = app.screen.query_one(ReviewView)
        index = [i.field for i in review.issues].index("decisions[2].text")
        issue_list = app.screen.query_one(IssueList)
        issue_list.highlighted = index  # scrolls it into view
        await pilot.pause()
        line = issue_list._index_to_line[index] - round(issue_list.scroll_y)
        await pilot.click(IssueList, offset=(4, 1 + line))  # 1: the list's top border
        assert editor(app).current_step == "decisions"
        await until(pilot, lambda: isinstance(app.focused, SentenceArea))  # once it is built
        assert isinstance(app.focused, SentenceArea) and app.focused.id == "decisions-text"
        assert app.focused.text.startswith("att överlämna")


async def test_preview_is_refreshed_when_the_step_is_shown(example_copy: Path) -> None:
    app = app_for(example_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        review = app.screen.query_one(ReviewView)
        markdown = review.query_one(Markdown)
        editor(app).go_to_step("decisions")
        await pilot.pause()
        editor(app).draft.decisions[1].text = "Kulturnämnden överlämnar allt till Ankeborg."
        await pilot.pause()
        assert "Ankeborg" not in markdown.source  # not re-rendered on every change
        editor(app).go_to_step("review")
        await pilot.pause()
        assert "Ankeborg" in markdown.source


def test_genre_warning_on_a_field_with_an_error_is_not_repeated() -> None:
    from wizard.model import Draft

    draft = Draft()
    draft.texts.views = "\n".join(f"Stycke {n}." for n in range(20))
    summary = [issue for issue in review_issues(draft, TODAY) if issue.field == "texts.summary"]
    assert [issue.severity for issue in summary] == ["error"]


def docx_text(path: Path) -> str:
    """Every text of a .docx, headers included, for asserting what was made."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return " ".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        )


async def wait_for_document(app: WizardApp, pilot: Pilot) -> None:
    """Until the document is made, or the review step says why not (a worker thread)."""
    screen = app.editor  # (under the dialog that may still be closing)
    assert screen is not None
    status = screen.query_one("#review-status", Static)
    await until(pilot, lambda: status.has_class("-failed")
                or str(status.render()).startswith("Dokumentet är skrivet"))
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_make_document_writes_docx_beside_the_draft(example_copy: Path) -> None:
    from docx import Document

    app = app_for(example_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await wait_for_document(app, pilot)
        target = example_copy.with_suffix(".docx")
        status = str(app.screen.query_one("#review-status").render())
        assert str(target.resolve()) in status
    document = Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Internationell strategi för Stockholms stad" in text
    assert "Kulturnämnden överlämnar tjänsteutlåtandet till kommunstyrelsen." in text
    assert "UTKAST" not in docx_text(target)


async def test_make_document_never_replaces_a_file_that_is_not_a_document(
    example_copy: Path,
) -> None:
    """"Skapa dokument" follows `wizard render`'s rule: notes saved as NAME.docx stay."""
    target = example_copy.with_suffix(".docx")
    target.write_text("mina anteckningar", encoding="utf-8")
    app = app_for(example_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await wait_for_document(app, pilot)
        status = str(app.screen.query_one("#review-status").render())
        assert "inte" in status and target.name in status
    assert target.read_text(encoding="utf-8") == "mina anteckningar"


async def test_draft_with_errors_is_made_as_utkast_after_confirmation(tmp_path: Path) -> None:
    from wizard.tui.widgets.confirm_render import ConfirmDraftRender

    path = tmp_path / "d.toml"
    shutil.copyfile(Path(__file__).parent.parent / "drafts" / "exempel.toml", path)
    text = path.read_text(encoding="utf-8").replace('phone = "08-508 31 455"\n', "")
    path.write_text(text, encoding="utf-8")
    target = path.with_suffix(".docx")
    app = app_for(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDraftRender))
        await pilot.press("escape")  # cancel: nothing is made
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not target.exists()
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDraftRender))
        await pilot.press("j")
        await wait_for_document(app, pilot)
    assert target.exists()
    assert "UTKAST" in docx_text(target)


@pytest.mark.slow
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
async def test_make_document_with_pdf(example_copy: Path) -> None:
    app = app_for(example_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p", "s")
        await wait_for_document(app, pilot)
    assert example_copy.with_suffix(".docx").exists()
    assert example_copy.with_suffix(".pdf").stat().st_size > 1000


async def test_pdf_failure_still_reports_the_docx(
    example_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("WIZARD_SOFFICE", str(broken))
    app = app_for(example_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p", "s")
        await wait_for_document(app, pilot)
        status = str(app.screen.query_one("#review-status").render())
    assert example_copy.with_suffix(".docx").exists()
    assert not example_copy.with_suffix(".pdf").exists()
    assert "Ingen PDF" in status
