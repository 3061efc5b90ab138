"""Any text in any text field survives a save and a load (after ``\\n`` normalisation)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.errors import DraftSaveError
from wizard.model import Attachment, Decision, Direction, Draft, Signature
from wizard.model.draft import parse_date, record_fields
from wizard.model.text import normalise_newlines
from wizard.storage import DraftFile
from wizard.storage.reading import draft_from_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIXTURE = Path(__file__).parent / "fixtures" / "drafts" / "handredigerad.toml"

FRAGMENTS = [
    '"', '""', '"""', '""""', "'", "'''", "\\", "\\\\", '\\"', "\\n", "\\u0041", " ", "  \n",
    "\t", "\n", "\r\n", "\r", "\r\r\n", "\u2028", "\u2029", "\u00a0", "\u200b", "\ufeff",
    "😀", "👩‍👩‍👧", "å", "Ä", "ö", "{{ x }}", "{% if a %}", "# inte en kommentar", "[[decisions]]",
    "key = 1", "\x00", "\x1b[31m", "\x7f", "\x85", "\x9f", "2016-02-30", " 2016-09-20 ",
]

texts = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
        st.text(st.characters(max_codepoint=0x9F), max_size=12),  # every control character
    ),
    max_size=10,
).map("".join)


def full_draft() -> Draft:
    """A draft with one record of each kind, so that every text field exists."""
    return Draft(
        directions=[Direction(name="A")],
        decisions=[Decision(text="B")],
        signatures=[Signature(name="C")],
        attachments=[Attachment(title="D")],
    )


DATE_FIELDS = ["referral.deadline", "statement.date", "meeting.date"]
FIELDS = [path for path, _ in full_draft().text_fields()] + DATE_FIELDS


def put(draft: Draft, path: str, value: str) -> None:
    """Set a field without the model's own normalisation, as a widget might."""
    if path == "wizard.step":
        draft.step = value  # as a widget would: no normalisation
        return
    head, _, name = path.rpartition(".")
    if head.endswith("]"):
        key, _, index = head[:-1].partition("[")
        setattr(getattr(draft, key)[int(index) - 1], name, value)
    else:
        setattr(getattr(draft, head), name, value)


def expected(path: str, value: str) -> object:
    """What a load gives back: ``\\n`` line ends; an ISO date string becomes a date."""
    value = normalise_newlines(value)
    if path in DATE_FIELDS:
        if not value.strip():
            return None
        return parse_date(value) or value
    return value


def test_every_text_field_is_covered():
    assert len(FIELDS) == len(set(FIELDS)) == 25
    assert {"texts.views", "directions[1].comment", "meeting.date", "wizard.step"} <= set(FIELDS)


def check_round_trip(draft_file: DraftFile, draft: Draft, path: str, value: str) -> None:
    put(draft, path, value)
    data, _ = draft_file.render(draft)
    text = data.decode("utf-8-sig")
    tomllib.loads(text)  # the strict parser accepts the file
    loaded = draft_from_text(text)
    assert loaded.get(path) == expected(path, value)
    # Every other field is as it was.
    for other, other_value in draft.text_fields():
        if other != path:
            assert loaded.get(other) == expected(other, other_value), other
    assert draft_file.rebuilt is False  # merged in place, not by the fallback


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(FIELDS), value=texts)
def test_any_text_in_a_new_file_reads_back_equal(path, value):
    draft = full_draft()
    check_round_trip(DraftFile.create("ny.toml"), draft, path, value)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(FIELDS), value=texts, second=texts)
def test_any_text_merged_into_a_hand_edited_file_reads_back_equal(newline, path, value, second):
    text = FIXTURE.read_text(encoding="utf-8").replace("\n", newline)
    draft = draft_from_text(text)
    draft_file = DraftFile(Path("handredigerad.toml"), tomlkit.parse(text), draft,
                           None, newline=newline)
    draft.attachments.append(Attachment())  # the fixture has none; every text field must exist
    check_round_trip(draft_file, draft, path, value)
    check_round_trip(draft_file, draft, path, second)  # and a second edit of the same field


def test_save_and_load_through_the_disk(tmp_path):
    path = tmp_path / "text.toml"
    draft_file = DraftFile.create(path, full_draft())
    value = 'Citat """ och \'\'\' och \\ och \r\n och \r och \x00\x1f\x7f\u2028 😀\u00a0 slut  '
    for field_path in FIELDS:
        put(draft_file.draft, field_path, value)
    draft_file.save()
    loaded = DraftFile.load(path).draft
    for field_path in FIELDS:
        assert loaded.get(field_path) == expected(field_path, value), field_path


@pytest.mark.parametrize("path", FIELDS)
def test_lone_surrogate_refused_naming_the_field_and_file_untouched(tmp_path, path):
    target = tmp_path / "utkast.toml"
    target.write_bytes(FIXTURE.read_bytes())
    before = target.read_bytes()
    draft_file = DraftFile.load(target)
    draft = draft_file.draft
    draft.attachments.append(Attachment(title="X"))  # the fixture has none
    put(draft, path, "före \ud800 efter")
    with pytest.raises(DraftSaveError) as caught:
        draft_file.save()
    assert path in caught.value.message
    assert "U+D800" in caught.value.message
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["utkast.toml"]
    # The document was not touched: fixing the text saves normally.
    put(draft, path, "rättat")
    assert draft_file.save() is True
    assert DraftFile.load(target).draft.get(path) == expected(path, "rättat")


RECORD_OPS = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "move", "edit", "reload"]),
        st.sampled_from(["directions", "decisions", "signatures", "attachments"]),
        st.integers(0, 5),
        st.integers(0, 5),
    ),
    max_size=12,
)
MAKERS = {"directions": Direction, "decisions": Decision, "signatures": Signature,
          "attachments": Attachment}
# Comments inside a record of the fixture go when the record is deleted.
RECORD_COMMENTS = {"# Första inriktningen": "Profilering", "# kommentar inne i posten": "Samverkan"}


def load_text(text: str, tmp_path: Path) -> DraftFile:
    path = tmp_path / "utkast.toml"
    path.write_bytes(text.encode("utf-8"))
    return DraftFile.load(path)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ops=RECORD_OPS)
def test_any_sequence_of_record_edits_keeps_every_record_and_comment(tmp_path, newline, ops):
    text = FIXTURE.read_text(encoding="utf-8").replace("\n", newline)
    comments = [line for line in text.splitlines() if line.startswith("#")]
    draft_file = load_text(text, tmp_path)
    for number, (op, key, first, second) in enumerate(ops):
        records = getattr(draft_file.draft, key)
        last_field = record_fields(MAKERS[key])[-1]
        if op == "insert":
            records.insert(min(first, len(records)), MAKERS[key](**{last_field: f"Ny {number}"}))
        elif op == "delete" and records:
            del records[first % len(records)]
        elif op == "move" and records:
            records.insert(second % len(records), records.pop(first % len(records)))
        elif op == "edit" and records:
            setattr(records[first % len(records)], last_field, f"Ändrad {number}\n")
        data, _ = draft_file.render()
        text = data.decode("utf-8")
        assert draft_from_text(text) == draft_file.draft
        assert draft_file.rebuilt is False
        if op == "reload":
            draft_file = load_text(text, tmp_path)
    lines = text.replace("\r\n", "\n").splitlines()
    names = {direction.name for direction in draft_file.draft.directions}
    for comment in comments:
        owner = RECORD_COMMENTS.get(comment)
        assert (comment in lines) == (owner is None or owner in names), comment
    # Blank lines never pile up: the only double blank line is the fixture's own.
    assert text.replace("\r\n", "\n").count("\n\n\n") == 1
    if newline == "\r\n":
        assert "\n" not in text.replace("\r\n", "")
