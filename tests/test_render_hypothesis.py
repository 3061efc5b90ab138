"""Arbitrary Unicode in every text field gives a .docx that opens, with the text as typed.

Each value is wrapped in ⟦ ⟧ so that it can be found in the document and so
that white space at its ends is part of what must come through. The expected
text is the input minus the characters a .docx cannot hold; for the
markdown-lite fields also minus the white space around each paragraph and the
blank lines (and inputs that would be list items or emphasis are left out:
those are tested in test_render_docx). U+2028 prints as a line break, and
U+2029 as a line break in a one-line field and a new paragraph in a text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.common.utils import mdTrim

from tests.test_render_safety import all_text
from tests.test_render_support import EXAMPLE, open_docx
from wizard.render import render_statement
from wizard.render.clean import clean_text, removable
from wizard.storage.reading import read_draft

TODAY = dt.date(2016, 9, 1)
# Modest by default so the file runs in seconds; raise it to search harder.
MAX_EXAMPLES = int(os.environ.get("WIZARD_HYPOTHESIS_EXAMPLES", "12"))
OPEN, CLOSE = "⟦", "⟧"
LINE_FIELDS = [
    "referral.title", "referral.referred_by", "referral.dnr", "statement.organisation",
    "statement.dnr", "meeting.committee", "meeting.item", "officer.name", "officer.phone",
    "officer.email", "directions[1].name", "decisions[1].text", "signatures[1].name",
    "signatures[1].title", "attachments[1].title",
]
MARKUP_FIELDS = [
    "texts.summary", "texts.background", "texts.background_after", "texts.views",
    "directions[1].description", "directions[1].comment",
]
LIST_START = re.compile(r"^[ \t]*([-+*]|\d{1,9}[.)])([ \t]|$)")

# Everything, lone surrogates and control characters included, with the
# characters that matter here drawn more often, and the sequences docxtpl
# replaces in rendered XML ({_{ -> {{ …) or that look like Jinja tags.
characters = st.one_of(
    st.characters(exclude_categories=(), exclude_characters=OPEN + CLOSE),
    st.sampled_from(list("\a\f\t\n\x00\x0b\x7f\x85\ufffe\uffff\u2028\u2029&<>\"'{}%#_\\ ")),
)
TAG_LIKE = st.sampled_from(["{_{", "}_}", "{_%", "%_}", "{{", "}}", "{%", "%}", "{#", "#}",
                            "{{p x }}", "{%p if x %}", "&#123;", "\t"])
TEXT = st.lists(st.one_of(characters, TAG_LIKE), max_size=30).map("".join)
EXAMPLES = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _render_field(field: str, value: str):
    draft = read_draft(EXAMPLE)
    draft.set(field, OPEN + value + CLOSE)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.docx"
        result = render_statement(draft, target, today=TODAY, allow_incomplete=True)
        document = open_docx(target)  # every XML part strict, python-docx opens it
        text = all_text(document)
    start = text.index(OPEN)
    return result, text[start : text.index(CLOSE, start) + 1]


def _reported(result, field: str) -> bool:
    return any(removed.field == field for removed in result.removed)


@pytest.mark.parametrize("field", LINE_FIELDS)
@EXAMPLES
@given(value=TEXT)
def test_line_fields_come_through_as_typed(field: str, value: str) -> None:
    result, shown = _render_field(field, value)
    expected = clean_text(OPEN + value + CLOSE).replace("\u2028", "\n").replace("\u2029", "\n")
    assert shown == expected
    assert _reported(result, field) == bool(removable(value))


@pytest.mark.parametrize("field", MARKUP_FIELDS)
@EXAMPLES
@given(value=st.lists(st.one_of(characters, TAG_LIKE, st.just("\n")), max_size=40).map(
    "".join).filter(
    lambda v: "*" not in v and not any(
        LIST_START.match(line) for line in clean_text(v).replace("\u2029", "\n").split("\n"))
))
def test_text_fields_come_through_paragraph_by_paragraph(field: str, value: str) -> None:
    result, shown = _render_field(field, value)
    lines = clean_text(OPEN + value + CLOSE).replace("\u2029", "\n").split("\n")
    paragraphs = [p for p in (mdTrim(line.strip(" \t")) for line in lines) if p]
    assert shown == "\n".join(p.replace("\u2028", "\n") for p in paragraphs)
    assert _reported(result, field) == bool(removable(value))
