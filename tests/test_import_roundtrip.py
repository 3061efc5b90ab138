"""Round trip: a generated draft, rendered and imported, is the same draft field by field.

And the document made from the imported draft has the same text and structure
as the first one (`outline`: header, every paragraph's text, list kind and
number, bold and italic, every table cell).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.import_support import drafts, outline
from tests.test_render_support import EXAMPLE, STATEMENT_2016
from wizard.importing import import_statement
from wizard.model import Draft
from wizard.render import render_statement
from wizard.storage.reading import read_draft

TODAY = dt.date(2016, 9, 1)
MAX_EXAMPLES = int(os.environ.get("WIZARD_HYPOTHESIS_EXAMPLES", "30"))
EXAMPLES = settings(max_examples=MAX_EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_same_draft(got: Draft, want: Draft) -> None:
    """Field by field, so that a failure names the field."""
    for item in fields(Draft):
        assert getattr(got, item.name) == getattr(want, item.name), item.name


def round_trip(draft: Draft, template: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first = Path(folder) / "first.docx"
        second = Path(folder) / "second.docx"
        render_statement(draft, first, template=template, allow_incomplete=True, today=TODAY)
        imported = import_statement(first)
        assert_same_draft(imported.draft, draft)
        assert not imported.report.warnings, imported.report.text_lines()
        render_statement(imported.draft, second, template=template, allow_incomplete=True,
                         today=TODAY)
        assert outline(second) == outline(first)


@pytest.mark.slow
@EXAMPLES
@given(draft=drafts())
def test_import_of_a_rendered_draft_is_the_draft(draft: Draft) -> None:
    round_trip(draft)


def _as_imported(draft: Draft) -> Draft:
    """The draft as an import writes it: [texts] end with a line end, multi-line records too."""
    for name in ("summary", "background", "background_after", "views"):
        value = getattr(draft.texts, name).strip("\n")
        setattr(draft.texts, name, value + "\n" if value else "")
    for direction in draft.directions:
        for name in ("description", "comment"):
            value = getattr(direction, name).strip("\n")
            setattr(direction, name, value + "\n" if "\n" in value else value)
    draft.step = ""
    draft.statement.date = draft.statement.date or TODAY  # the date a render prints
    return draft


@pytest.mark.parametrize("source", [EXAMPLE, STATEMENT_2016], ids=["exempel", "2016"])
def test_the_projects_own_statements_come_back(source: Path) -> None:
    """The example draft and the 2016 statement: rendered and imported, the same draft."""
    round_trip(_as_imported(read_draft(source)))
