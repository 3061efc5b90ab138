"""The draft model: reading a parsed document, field paths, copies and text normalisation."""

from __future__ import annotations

import datetime as dt

import pytest

from wizard.errors import DraftTypeError
from wizard.model import Decision, Direction, Draft
from wizard.model.draft import format_date, parse_date
from wizard.model.text import normalise_newlines


def test_from_mapping_reads_every_part():
    draft = Draft.from_mapping({
        "format": 1,
        "referral": {"title": "Remiss\r\nrad två", "deadline": dt.date(2016, 10, 17)},
        "meeting": {"date": "2016-09-20", "immediate": True, "okänd": 1},
        "directions": [{"name": "Profilering", "comment": "Bra.\r"}],
        "decisions": [{"text": "Godkänna."}],
        "wizard": {"step": "views"},
        "custom": {"x": 1},
    })
    assert draft.referral.title == "Remiss\nrad två"
    assert draft.referral.deadline == dt.date(2016, 10, 17)
    assert draft.meeting.date == dt.date(2016, 9, 20)
    assert draft.meeting.immediate is True
    assert draft.directions == [Direction(name="Profilering", comment="Bra.\n")]
    assert draft.decisions == [Decision(text="Godkänna.")]
    assert draft.step == "views"
    assert draft.format == 1


@pytest.mark.parametrize("data, field, words", [
    ({"referral": {"title": 1}}, "referral.title", "inte ett heltal"),
    ({"meeting": {"immediate": "ja"}}, "meeting.immediate", "true eller false, inte text"),
    ({"meeting": {"date": 20160920}}, "meeting.date", "ska vara ett datum"),
    ({"meeting": {"date": dt.datetime(2016, 9, 20, 10)}}, "meeting.date", "utan klockslag"),
    ({"officer": "Elin"}, "officer", "ska vara en tabell [officer], inte text"),
    ({"decisions": {"text": "x"}}, "decisions", "inte en enda tabell [decisions]"),
    ({"decisions": "x"}, "decisions", "inte text"),
    ({"decisions": [{"text": "a"}, "b"]}, "decisions[2]", "ska vara en tabell [[decisions]]"),
    ({"signatures": [{"name": ["a"]}]}, "signatures[1].name", "inte en lista"),
])
def test_wrong_kinds_name_the_field(data, field, words):
    with pytest.raises(DraftTypeError) as caught:
        Draft.from_mapping(data)
    assert caught.value.field == field
    assert words in caught.value.message


def test_get_and_set_by_path_normalise_line_ends():
    draft = Draft(decisions=[Decision(), Decision()])
    draft.set("texts.views", "a\r\nb\rc\n")
    draft.set("decisions[2].text", "Två\r\n")
    assert draft.get("texts.views") == "a\nb\nc\n"
    assert draft.decisions[1].text == "Två\n"
    assert draft.get("decisions[2].text") == "Två\n"
    draft.set("wizard.step", "case")
    assert draft.step == "case"
    assert draft.get("wizard.step") == draft.get("step") == "case"


def test_copy_is_independent_and_records_keep_their_uid():
    draft = Draft(directions=[Direction(name="A"), Direction(name="B")])
    copy = draft.copy()
    assert copy == draft
    assert [d.uid for d in copy.directions] == [d.uid for d in draft.directions]
    copy.directions[0].name = "Ändrad"
    copy.referral.title = "Ny"
    copy.directions.append(Direction(name="C"))
    assert draft.directions[0].name == "A"
    assert draft.referral.title == ""
    assert len(draft.directions) == 2


def test_new_records_get_unique_uids_that_do_not_affect_equality():
    first, second = Direction(name="A"), Direction(name="A")
    assert first.uid != second.uid
    assert first == second


def test_text_fields_list_every_text_with_its_path():
    draft = Draft(decisions=[Decision(text="x")])
    draft.meeting.date = "2016-02-30"
    fields = dict(draft.text_fields())
    assert fields["decisions[1].text"] == "x"
    assert fields["meeting.date"] == "2016-02-30"
    assert "referral.deadline" not in fields  # no date, no text
    assert fields["wizard.step"] == ""


@pytest.mark.parametrize("value, expected", [
    ("2016-09-20", dt.date(2016, 9, 20)),
    (" 2016-09-20 ", dt.date(2016, 9, 20)),
    ("2016-02-30", None),
    ("20160920", None),
    ("", None),
    (None, None),
    (dt.date(2016, 9, 20), dt.date(2016, 9, 20)),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_format_date():
    assert format_date(dt.date(2016, 9, 20)) == "2016-09-20"
    assert format_date("20 sept") == "20 sept"
    assert format_date(None) == ""


def test_normalise_newlines():
    assert normalise_newlines("a\r\nb\rc\nd\r\r\n") == "a\nb\nc\nd\n\n"
    assert normalise_newlines("ingen") == "ingen"


def test_the_lists_others_use_are_derived_from_the_field_descriptions() -> None:
    """Storage, the renderer and the template check read these, never a copy of their own."""
    from dataclasses import fields

    from wizard.model.draft import (
        DATE_PATHS,
        FIELD_KINDS,
        MULTILINE_NAMES,
        RECORD_KEYS,
        TOP_LEVEL_KEYS,
    )
    from wizard.render.check import RECORD_LISTS
    from wizard.render.content import Content

    assert TOP_LEVEL_KEYS == (
        "format", "referral", "statement", "meeting", "officer", "texts",
        "directions", "decisions", "signatures", "attachments", "wizard",
    )
    assert RECORD_KEYS == ("directions", "decisions", "signatures", "attachments")
    assert DATE_PATHS == ("referral.deadline", "statement.date", "meeting.date")
    assert {
        "summary", "background", "background_after", "views", "description", "comment"
    } == MULTILINE_NAMES
    assert FIELD_KINDS["meeting"]["immediate"] == "flag"
    assert tuple(FIELD_KINDS["meeting"]) == ("committee", "date", "item", "immediate")
    assert RECORD_LISTS is RECORD_KEYS
    assert [f.name for f in fields(Content)][: len(FIELD_KINDS)] == list(FIELD_KINDS)
