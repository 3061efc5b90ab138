"""Validation: every error and warning of draft-format.md, in Swedish, naming its field."""

from __future__ import annotations

import datetime as dt

import pytest

from wizard.model import (
    STEPS,
    Attachment,
    Decision,
    Direction,
    Draft,
    Issue,
    Signature,
    completeness,
    step_for_field,
    validate,
)
from wizard.model.phone import has_only_allowed_characters, is_usual_form, normalise
from wizard.model.validation import REQUIRED_FIELDS, label_for
from wizard.storage import read_draft

TODAY = dt.date(2016, 9, 1)


@pytest.fixture
def draft(example_path) -> Draft:
    """The complete example: valid, so each test breaks exactly one thing."""
    return read_draft(example_path)


def issues_of(draft: Draft, severity: str | None = None) -> list[Issue]:
    found = validate(draft, today=TODAY)
    return [i for i in found if severity is None or i.severity == severity]


def only(draft: Draft, severity: str) -> Issue:
    found = issues_of(draft)
    assert len(found) == 1, found
    assert found[0].severity == severity
    return found[0]


def test_example_is_complete_and_valid(draft):
    assert issues_of(draft) == []
    assert validate(draft) == []  # whatever today is: the meeting item is a "p."
    assert completeness(draft) == (13, 13)


def test_empty_draft_lists_every_required_field():
    empty = Draft(format=None)
    errors = issues_of(empty, "error")
    assert [i.field for i in issues_of(empty, "warning")] == ["statement.date"]
    fields = [issue.field for issue in errors]
    assert fields == ["format", *REQUIRED_FIELDS, "directions", "decisions", "signatures"]
    for issue in errors[1:len(REQUIRED_FIELDS) + 1]:
        assert issue.message == f"{label_for(issue.field)} saknas."
    assert completeness(empty) == (0, 13)


@pytest.mark.parametrize("path", REQUIRED_FIELDS)
def test_blank_required_field_is_an_error(draft, path):
    draft.set(path, " \n\t" if path != "meeting.date" else None)
    issue = only(draft, "error")
    assert issue.field == path
    assert issue.message == f"{label_for(path)} saknas."
    assert completeness(draft) == (12, 13)


@pytest.mark.parametrize("key, message", [
    ("directions", "Minst en inriktning behövs."),
    ("decisions", "Minst ett förslag till beslut behövs."),
    ("signatures", "Minst en underskrift behövs."),
])
def test_required_lists(draft, key, message):
    getattr(draft, key).clear()
    issue = only(draft, "error")
    assert (issue.field, issue.message) == (key, message)


def test_records_with_blank_names(draft):
    draft.directions.append(Direction(description="Utan namn"))
    draft.decisions.append(Decision(text="  "))
    draft.signatures.append(Signature(title="Chef"))
    fields = [(i.field, i.message) for i in issues_of(draft, "error")]
    assert fields == [
        ("directions[5].name", "Inriktning 5 saknar namn."),
        ("decisions[3].text", "Förslag till beslut 3 är tomt."),
        ("signatures[3].name", "Underskrift 3 saknar namn."),
    ]


@pytest.mark.parametrize("path", ["referral.deadline", "statement.date", "meeting.date"])
@pytest.mark.parametrize("text", ["2016-02-30", "20 september", "2016-9-20", "20160920"])
def test_date_that_is_not_a_real_date(draft, path, text):
    draft.set(path, text)
    errors = issues_of(draft, "error")
    assert [i.field for i in errors] == [path]
    assert errors[0].message == (
        f"{label_for(path)}: ”{text}” är inte ett riktigt datum; "
        "skriv det som ÅÅÅÅ-MM-DD, t.ex. 2016-09-20."
    )


def test_date_written_as_iso_text_is_accepted(tmp_path):
    path = tmp_path / "datum.toml"
    path.write_text('format = 1\n[meeting]\ndate = "2016-09-20"\n', encoding="utf-8")
    assert read_draft(path).meeting.date == dt.date(2016, 9, 20)


@pytest.mark.parametrize("phone", ["08-508 28 780 ank. 12", "08/508 28 780", "tel 0850828780"])
def test_phone_with_other_characters_is_an_error(draft, phone):
    draft.officer.phone = phone
    issue = only(draft, "error")
    assert issue.field == "officer.phone"
    assert issue.message == (f"Telefon: ”{phone}” får bara innehålla siffror, mellanslag, "
                             "-, + och parenteser.")


@pytest.mark.parametrize("phone, usual", [
    ("0850828780", "08-508 28 780"),
    ("+46 8 508 28 780", "08-508 28 780"),
    ("0046 8 508 28 780", "08-508 28 780"),
    ("(08) 508 28 780", "08-508 28 780"),
    ("08 - 50828780", "08-508 28 780"),
    ("0701234567", "070-123 45 67"),
    ("+46701234567", "070-123 45 67"),
])
def test_phone_in_unusual_form_offers_the_usual_one(draft, phone, usual):
    draft.officer.phone = phone
    issue = only(draft, "warning")
    assert issue.field == "officer.phone"
    assert issue.message == (f"Telefon: ”{phone}” är inte skrivet på det vanliga sättet. "
                             f"Skriv ”{usual}”.")
    assert normalise(phone) == usual
    assert is_usual_form(usual)


def test_phone_that_cannot_be_normalised_gets_an_example(draft):
    draft.officer.phone = "12 34"
    issue = only(draft, "warning")
    assert issue.message.endswith("Skriv det t.ex. som 08-508 28 780.")


@pytest.mark.parametrize("phone", ["08-508 28 780", "070-123 45 67", "031-786 20 12"])
def test_usual_phone_forms(phone):
    assert has_only_allowed_characters(phone) and is_usual_form(phone)
    assert normalise(phone) == phone


def test_meeting_after_deadline_without_immediate(draft):
    draft.meeting.date = dt.date(2016, 10, 18)
    draft.statement.date = dt.date(2016, 10, 1)
    issue = only(draft, "warning")
    assert issue.field == "meeting.immediate"
    assert issue.message == ("Sammanträdet (2016-10-18) är efter att remisstiden gått ut "
                             "(2016-10-17); överväg omedelbar justering.")
    draft.meeting.immediate = True
    assert issues_of(draft) == []


def test_meeting_on_the_deadline_is_fine(draft):
    draft.meeting.date = dt.date(2016, 10, 17)
    assert issues_of(draft) == []


def test_statement_dated_after_the_meeting(draft):
    draft.statement.date = dt.date(2016, 9, 21)
    issue = only(draft, "warning")
    assert issue.field == "statement.date"
    assert issue.message == ("Tjänsteutlåtandet är daterat (2016-09-21) "
                             "efter sammanträdet (2016-09-20).")


def test_paragraph_item_before_the_meeting(draft):
    draft.meeting.item = "§ 14"
    issue = only(draft, "warning")
    assert issue.field == "meeting.item"
    assert issue.message == ("Punkt: ”§ 14” är en paragraf, som ges först i protokollet; "
                             "före sammanträdet skrivs den ”p. 14”.")
    assert validate(draft, today=dt.date(2016, 9, 21)) == []  # after the meeting: fine


@pytest.mark.parametrize("dnr", ["171-482/2016", "031-786-2012", "2013-5887", "1.5.1-135-2012",
                                 "SKA 2019/352", "KS 2016/482"])
@pytest.mark.parametrize("path", ["referral.dnr", "statement.dnr"])
def test_usual_registry_numbers_are_valid(draft, dnr, path):
    draft.statement.date = dt.date(2019, 9, 1)
    draft.meeting.date = dt.date(2019, 9, 20)
    draft.referral.deadline = dt.date(2019, 10, 17)
    draft.set(path, dnr)
    assert validate(draft, today=dt.date(2019, 9, 1)) == []


@pytest.mark.parametrize("dnr", ["dnr saknas", "171-482", "KS 2016/482!", "#2016"])
def test_unusual_registry_number_is_a_warning(draft, dnr):
    draft.referral.dnr = dnr
    issue = only(draft, "warning")
    assert issue.field == "referral.dnr"
    assert issue.message == (f"Remissens diarienummer: ”{dnr}” liknar inget vanligt diarienummer "
                             "(t.ex. 171-482/2016 eller KS 2016/482).")


def test_registry_year_later_than_the_statement(draft):
    draft.statement.dnr = "KUF 2017/1187"
    issue = only(draft, "warning")
    assert issue.field == "statement.dnr"
    assert issue.message == ("Eget diarienummer: året 2017 i ”KUF 2017/1187” är senare än "
                             "tjänsteutlåtandets år (2016).")


def test_registry_year_compared_with_today_when_the_statement_is_undated(draft):
    draft.statement.date = None
    draft.statement.dnr = "KUF 2017/1187"
    assert [i.field for i in issues_of(draft)] == ["statement.date", "statement.dnr"]  # 2016
    assert [i.field for i in validate(draft, today=dt.date(2017, 1, 2))] == ["statement.date"]


def test_missing_statement_date_is_said(draft):
    """The header would silently show the day of rendering: check and the review say so."""
    draft.statement.date = None
    warning = next(i for i in issues_of(draft) if i.field == "statement.date")
    assert warning.severity == "warning"
    assert warning.message == (
        "Tjänsteutlåtandets datum saknas; dokumentet får dagens datum när det skapas."
    )


def test_decision_naming_a_missing_attachment(draft):
    draft.decisions.append(Decision(text="Nämnden överlämnar Bilaga 2 till kommunstyrelsen."))
    issue = only(draft, "warning")
    assert issue.field == "decisions[3].text"
    assert issue.message == ("Förslag till beslut 3 hänvisar till bilaga 2, "
                             "men utkastet har 1 bilaga.")
    draft.attachments.append(Attachment(title="Remissvar från stadsdelarna"))
    assert issues_of(draft) == []


def test_decision_naming_an_attachment_when_there_is_none(draft):
    draft.attachments.clear()
    draft.decisions[0].text += " Se bilaga 1."
    issue = only(draft, "warning")
    assert issue.message.endswith("men utkastet har 0 bilagor.")


def test_errors_come_before_warnings(draft):
    draft.referral.title = ""
    draft.officer.phone = "0850828780"
    draft.meeting.date = "2016-02-30"
    severities = [i.severity for i in issues_of(draft)]
    assert severities == ["error", "error", "warning"]


def test_labels_and_steps_of_issues():
    issue = Issue("warning", "decisions[2].text", "x")
    assert issue.label == "Förslag till beslut 2"
    assert issue.step == "decisions"
    assert label_for("officer.phone") == "Telefon"
    assert step_for_field("texts.background_after") == "background"
    assert step_for_field("attachments[1].title") == "signatures"
    assert {step_for_field(path) for path in REQUIRED_FIELDS} <= {s.id for s in STEPS}
