"""One description of the draft's fields: step 1 and the new-statement dialog name the
referral's fields alike, with the same required marks and hints (the model's)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Label

from tests.helpers.pilot import until
from wizard.model.referral import LABELS as FINDING_LABELS
from wizard.model.validation import label_for
from wizard.storage.profile import Settings
from wizard.tui.app import WizardApp
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.screens.new_statement import FACTS, NewStatementScreen
from wizard.tui.widgets.fields import FormField, field_id

REFERRAL_FIELDS = tuple(f"referral.{key}" for key in FACTS)


def text_of(label: Label) -> str:
    return str(label.render())


async def test_new_statement_dialog_names_the_fields_as_step_1(example_copy: Path) -> None:
    """Ärendets rubrik *, Remittent *, Remissens diarienummer *, Remisstiden går ut: the
    same words, marks and grey hints in the dialog as in step 1, and in the findings."""
    app = WizardApp(example_copy, "case", drafts_dir=example_copy.parent, autosave_delay=600,
                    today=dt.date(2016, 9, 6))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EditorScreen)
                    and bool(app.screen.query(FormField)))
        step_1 = {}
        for path in REFERRAL_FIELDS:
            form_field = app.screen.query_one(f"#{field_id(path)}", FormField)
            step_1[path] = (text_of(form_field.query_one(".field-label", Label)),
                            form_field.input.placeholder)
        dialog = NewStatementScreen(example_copy.parent, Settings())
        app.push_screen(dialog)
        await until(pilot, lambda: app.screen is dialog and bool(dialog.query(".new-label")))
        in_dialog = {}
        for key, path in zip(FACTS, REFERRAL_FIELDS, strict=True):
            field_input = dialog.query_one(f"#new-{key}", Input)
            label = field_input.parent.query_one(".new-label", Label)  # type: ignore[union-attr]
            in_dialog[path] = (text_of(label), field_input.placeholder)
            assert text_of(label).rstrip(" *") == label_for(path) == FINDING_LABELS[path]
            assert label.region.width >= len(text_of(label))  # the whole label in sight
    assert in_dialog == step_1
    assert step_1["referral.dnr"] == ("Remissens diarienummer *", "t.ex. 171-482/2016")
    assert step_1["referral.deadline"] == ("Remisstiden går ut", "ÅÅÅÅ-MM-DD")
