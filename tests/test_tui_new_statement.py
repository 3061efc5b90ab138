"""The new-statement dialog, the profile screen and "förifyllt", with keys alone (Pilot)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.helpers.pilot import paste, until
from wizard.paths import default_preset
from wizard.storage import read_draft
from wizard.storage.profile import Profile, save_profile
from wizard.tui.app import WizardApp, make_app
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.screens.new_statement import NewStatementScreen, ProposalScreen
from wizard.tui.screens.profile import ProfileScreen
from wizard.tui.screens.start import StartScreen
from wizard.tui.widgets.fields import FormField, field_id
from wizard.tui.widgets.sidebar import SYMBOLS, StepSidebar

SIZE = (110, 34)
TITLE = "Åtgärdsprogram för Mälarens vatten"


def new_app(folder: Path) -> WizardApp:
    app = make_app(None, drafts_dir=folder)
    app.autosave_delay = 60.0
    app.today = dt.date(2016, 9, 1)
    return app


def shown(app: WizardApp, screen_type: type) -> bool:
    """``app.screen`` is a ``screen_type`` and has been composed."""
    return isinstance(app.screen, screen_type) and bool(app.screen.query("Footer"))


def states(app: WizardApp) -> dict[str, str]:
    sidebar = app.screen.query_one(StepSidebar)
    return {item.step_id: item.state for item in sidebar.items()}


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_dialog_from_the_start_screen_asks_the_profile_once_then_opens_step_1(
        tmp_path: Path) -> None:
    """First use: the profile, then the referral's facts; the draft opens at step 1."""
    folder = tmp_path / "drafts"
    app = new_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app, StartScreen))
        await pilot.press("enter")  # "＋ Nytt utkast"
        await until(pilot, lambda: shown(app, ProfileScreen))
        await paste(pilot, "Mikael Nyberg")
        await pilot.press("tab", *"08-508 28 780", "tab")
        await paste(pilot, "mikael.nyberg@example.se")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shown(app, NewStatementScreen))
        assert "Profil: Mikael Nyberg" in str(app.screen.query_one(".new-note").render())
        await paste(pilot, TITLE)
        await pilot.press("tab", *"kommunstyrelsen", "tab", *"KS 2016/482", "tab")
        await paste(pilot, "17 oktober 2016")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shown(app, EditorScreen))
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.current_step == "case"
        assert screen.draft_path == folder / "åtgärdsprogram-för-mälarens-vatten.toml"
        await until(pilot, lambda: screen.has_view("case"))
        title_field = screen.query_one(f"#{field_id('referral.title')}", FormField)
        assert title_field.query_one(Input).value == TITLE  # the facts in place at step 1
        assert screen.focused is title_field.query_one(Input)
        await pilot.press("ctrl+q")
    draft = read_draft(folder / "åtgärdsprogram-för-mälarens-vatten.toml")
    assert (draft.referral.title, draft.referral.referred_by, draft.referral.dnr,
            str(draft.referral.deadline)) == (TITLE, "kommunstyrelsen", "KS 2016/482",
                                              "2016-10-17")
    assert (draft.officer.name, draft.officer.phone, draft.officer.email) == (
        "Mikael Nyberg", "08-508 28 780", "mikael.nyberg@example.se")
    assert draft.directions == [] and draft.decisions == []


async def test_wizard_new_opens_the_dialog_with_the_options_given(tmp_path: Path) -> None:
    """`wizard new --title …` in a terminal: the dialog, filled in; Esc goes to the list."""
    save_profile(Profile(name="Elin Lindqvist"))
    folder = tmp_path / "drafts"
    app = new_app(folder)
    app.new_statement = {"title": "Trafikplan", "referred_by": "", "dnr": "", "deadline": "",
                         "referral": "", "preset": ""}
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app, NewStatementScreen))
        assert app.screen.query_one("#new-title", Input).value == "Trafikplan"
        await pilot.press("tab", "tab", "tab")
        await pilot.press(*"2016-02-30", "ctrl+s")  # no such day
        await pilot.pause()
        assert isinstance(app.screen, NewStatementScreen)
        assert "Remisstiden går ut" in str(app.screen.query_one("#new-error").render())
        await pilot.press("escape")
        await until(pilot, lambda: shown(app, StartScreen))
    assert not folder.exists() or list(folder.iterdir()) == []


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_preset_copies_no_comments_and_steps_show_prefilled_until_edited(
        tmp_path: Path) -> None:
    """A preset chosen in the dialog: its content, not its comments; ◇ until the officer edits."""
    save_profile(Profile(name="Elin Lindqvist"))
    folder = tmp_path / "drafts"
    app = new_app(folder)
    app.new_statement = {"title": "", "referred_by": "", "dnr": "", "deadline": "",
                         "referral": "", "preset": str(default_preset())}
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app, NewStatementScreen))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shown(app, EditorScreen))
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        path = screen.draft_path
        assert path.name == "internationell-strategi-för-stockholms-stad.toml"
        assert states(app)["case"] == "prefilled"  # only the preset and the profile filled it
        assert states(app)["directions"] == "prefilled"
        sidebar = screen.query_one(StepSidebar)
        symbol = sidebar.items()[3].query_one(".step-symbol").render()
        assert str(symbol) == SYMBOLS["prefilled"]
        assert "förifyllt" in str(screen.query_one("#legend").render())
        await pilot.press("end", *" 2")  # the officer's own edit of step 1's first field
        await until(pilot, lambda: states(app)["case"] != "prefilled")
        assert states(app)["case"] in ("started", "complete")
        assert states(app)["directions"] == "prefilled"
        await pilot.press("ctrl+g", "4")  # looked at
        await until(pilot, lambda: screen.current_step == "directions")
        await pilot.press("ctrl+g", "5")
        await until(pilot, lambda: states(app)["directions"] != "prefilled")
        assert states(app)["directions"] == "complete"
        await pilot.press("ctrl+q")
    text = path.read_text(encoding="utf-8")
    assert "Remissmall" not in text and "#" not in text
    draft = read_draft(path)
    assert draft.referral.title == "Internationell strategi för Stockholms stad 2"
    assert draft.prefilled_steps == {"decisions"}


@pytest.mark.slow  # over 5 s on a loaded machine
async def test_f4_proposes_a_name_from_the_current_title(tmp_path: Path) -> None:
    """Retitled after it was made: F4 offers the new title's name, not "-kopia"."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    path = folder / "utkast.toml"
    path.write_text('format = 1\n[referral]\ntitle = "Cykelplan för Årsta"\n', encoding="utf-8")
    app = make_app(path)
    app.autosave_delay = 60.0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.query_one("#save-as-name", Input).value == str(
            folder / "cykelplan-för-årsta.toml")
        await pilot.press("enter")
        # Written on the session's thread; the editor takes the new path from its outcome.
        await until(pilot, lambda: app.editor is not None
                    and app.editor.draft_path == folder / "cykelplan-för-årsta.toml")
        assert (folder / "cykelplan-för-årsta.toml").exists()
        await pilot.press("ctrl+g", "8")  # the document is named after the draft file
        await until(pilot, lambda: app.screen.has_view("review"))
        review = app.screen.view("review")
        assert review.output_path() == (folder / "cykelplan-för-årsta.docx").resolve()
        await pilot.press("ctrl+q")


@pytest.mark.slow
async def test_proposals_from_a_referral_taken_and_skipped_by_key(tmp_path: Path) -> None:
    """The referral's findings, each with its line; J takes, N skips; only those taken go in."""
    save_profile(Profile(name="Elin Lindqvist"))
    referral = tmp_path / "remiss.docx"
    import docx

    document = docx.Document()
    for line in ("Kommunstyrelsen", "Dnr KS 2016/482", "Remiss av Cykelplan för Årsta",
                 "Remisstiden går ut 2016-10-17", "Planen har två inriktningar:",
                 "1. Säkerhet", "Cykelvägar ska vara säkra. Mer text.",
                 "2. Framkomlighet", "Det ska gå fort att cykla. Mer."):
        document.add_paragraph(line)
    document.save(str(referral))
    folder = tmp_path / "drafts"
    app = new_app(folder)
    app.new_statement = {"title": "", "referred_by": "", "dnr": "", "deadline": "",
                         "referral": str(referral), "preset": ""}
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app, ProposalScreen))
        proposals = app.screen.proposals
        assert [p.field for p in proposals] == [
            "referral.title", "referral.referred_by", "referral.dnr", "referral.deadline",
            "directions", "directions"]
        options = app.screen.query_one("#proposals")
        first = str(options.get_option_at_index(0).prompt)
        assert "Ärendets rubrik: Cykelplan för Årsta" in first
        assert "rad 3: Remiss av Cykelplan" in first
        await pilot.press("j", "j", "n", "j", "j", "n", "ctrl+s")  # skip dnr, 2nd inriktning
        await until(pilot, lambda: shown(app, NewStatementScreen))
        found = str(app.screen.query_one("#new-found").render())
        assert "1 inriktning" in found and "remissens diarienummer" in found  # empty, said so
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shown(app, EditorScreen))
        path = app.screen.draft_path
        assert states(app)["case"] == "prefilled"  # from the referral and profile only
        await pilot.press("ctrl+q")
    draft = read_draft(path)
    assert path.name == "cykelplan-för-årsta.toml"
    assert (draft.referral.title, draft.referral.referred_by, draft.referral.dnr,
            str(draft.referral.deadline)) == ("Cykelplan för Årsta", "kommunstyrelsen", "",
                                              "2016-10-17")
    assert [(d.name, d.description) for d in draft.directions] == [
        ("Säkerhet", "Cykelvägar ska vara säkra.")]


async def test_a_bad_referral_is_refused_in_the_dialog_and_nothing_is_written(
        tmp_path: Path) -> None:
    save_profile(Profile())
    bad = tmp_path / "remiss.docm"
    bad.write_bytes(b"PK\x03\x04 not really")
    folder = tmp_path / "drafts"
    app = new_app(folder)
    app.new_statement = {"title": "X", "referred_by": "", "dnr": "", "deadline": "",
                         "referral": str(bad), "preset": ""}
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app, NewStatementScreen)
                       and "makron" in str(app.screen.query_one("#new-error").render()))
        await pilot.press("ctrl+s")  # still refused: the document cannot be read
        await pilot.pause()
        assert isinstance(app.screen, NewStatementScreen)
    assert not folder.exists()


async def test_referral_path_completes_as_it_is_typed(tmp_path: Path,
                                                      monkeypatch) -> None:
    """In the document field, → takes the completion of a folder's .pdf or .docx."""
    save_profile(Profile())
    (tmp_path / "remisser").mkdir()
    (tmp_path / "remisser" / "kommunstyrelsen-remiss.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "remisser" / "kladd.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    app = new_app(tmp_path / "drafts")
    app.new_statement = {"title": "", "referred_by": "", "dnr": "", "deadline": "",
                         "referral": "", "preset": ""}
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app, NewStatementScreen))
        field = app.screen.query_one("#new-referral", Input)
        field.focus()
        await pilot.press(*"remisser/k")
        await until(pilot, lambda: field._suggestion != "")
        await pilot.press("right")
        assert field.value == "remisser/kommunstyrelsen-remiss.pdf"


async def test_wizard_profil_screen_saves_the_profile(own_config: Path) -> None:
    """`wizard profil` in a terminal: the profile screen alone; Ctrl+S saves and ends it."""
    from wizard.storage.profile import load_profile
    from wizard.tui.screens.profile import ProfileApp

    save_profile(Profile(name="Gammalt namn", phone="08-1"))
    app = ProfileApp()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app, ProfileScreen))
        assert app.screen.query_one("#profile-name", Input).value == "Gammalt namn"
        await pilot.press("ctrl+u")
        await paste(pilot, "Åsa Öberg")
        await pilot.press("tab", "tab")
        await paste(pilot, "asa.oberg@example.se")
        await pilot.press("tab")
        await pilot.press(*"/finns/inte", "ctrl+s")  # a missing organisation folder: said
        await pilot.pause()
        assert "organisationsmappen finns inte" in str(
            app.screen.query_one("#profile-error").render())
        await pilot.press("ctrl+u", "ctrl+s")
        await until(pilot, lambda: not app.is_running)
    profile = load_profile()
    assert profile is not None
    assert (profile.name, profile.phone, profile.email) == ("Åsa Öberg", "08-1",
                                                             "asa.oberg@example.se")


async def test_start_screen_says_a_broken_organisation_file_and_goes_on(
        tmp_path: Path, monkeypatch) -> None:
    """A broken organisation.toml: named with its line; the built-in defaults are used."""
    org = tmp_path / "org"
    org.mkdir()
    (org / "organisation.toml").write_text('name = "Kultur\n', encoding="utf-8")
    monkeypatch.setenv("WIZARD_ORG_DIR", str(org))
    save_profile(Profile(name="Elin Lindqvist"))
    app = new_app(tmp_path / "drafts")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app, StartScreen))
        await until(pilot, lambda: bool(app._notifications))
        messages = [notification.message for notification in app._notifications]
        assert any(f"{org / 'organisation.toml'}, rad 1" in text for text in messages)
        settings = str(app.screen.query_one("#start-settings").render())
        assert "Organisation: ingen" in settings and "Profil: Elin Lindqvist" in settings
        await pilot.press("ctrl+n")
        await until(pilot, lambda: shown(app, NewStatementScreen))
        assert "rad 1" in " ".join(str(note.render()) for note in app.screen.query(".new-note"))
