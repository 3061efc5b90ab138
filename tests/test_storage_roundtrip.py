"""Saving merges into the hand-edited file: nothing a person wrote is lost or moved."""

from __future__ import annotations

import datetime as dt
import os
import sys

import pytest

from wizard.model import Attachment, Decision, Direction
from wizard.storage import DraftFile, read_draft

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIXTURE = "handredigerad.toml"
NEWLINES = pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])


def lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    """Pairs of (old, new) lines that differ, for files with the same number of lines."""
    old, new = lines(before), lines(after)
    assert len(old) == len(new), (before.decode(), after.decode())
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def parse(data: bytes) -> dict:
    return tomllib.loads(data.decode("utf-8-sig"))


@NEWLINES
def test_unchanged_draft_is_not_written_and_renders_identical_bytes(draft_copy, newline):
    path = draft_copy(FIXTURE, newline=newline)
    before = path.read_bytes()
    assert (b"\r\n" in before) == (newline == "\r\n")
    stat = path.stat()
    draft_file = DraftFile.load(path)
    data, changed = draft_file.render()
    assert data == before
    assert changed is False
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10**9))
    assert draft_file.save() is False
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns - 10**9  # not even rewritten
    assert not path.with_name(path.name + ".bak").exists()


@NEWLINES
def test_changing_one_field_changes_only_its_line(draft_copy, newline):
    path = draft_copy(FIXTURE, newline=newline)
    before = path.read_bytes()
    draft_file = DraftFile.load(path)
    draft_file.draft.meeting.item = "p. 15"
    assert draft_file.save() is True
    after = path.read_bytes()
    nl = newline.encode()
    assert changed_lines(before, after) == [(b'item = "p. 14"' + nl, b'item = "p. 15"' + nl)]
    assert path.with_name(path.name + ".bak").read_bytes() == before


@NEWLINES
def test_inline_comment_stays_when_its_value_changes(draft_copy, newline):
    path = draft_copy(FIXTURE, newline=newline)
    before = path.read_bytes()
    draft_file = DraftFile.load(path)
    draft_file.draft.referral.title = "Ny rubrik"
    draft_file.save()
    nl = newline.encode()
    assert changed_lines(before, path.read_bytes()) == [(
        'title = "Internationell strategi för Stockholms stad"  # rubriken från remissen'.encode()
        + nl,
        'title = "Ny rubrik"  # rubriken från remissen'.encode() + nl,
    )]


@NEWLINES
def test_changing_a_long_text_replaces_only_its_lines(draft_copy, newline):
    path = draft_copy(FIXTURE, newline=newline)
    before = path.read_bytes()
    draft_file = DraftFile.load(path)
    draft_file.draft.texts.summary = "Ett nytt stycke.\nOch ett till.\n"
    draft_file.save()
    after = path.read_bytes()
    nl = newline.encode()
    old_value = (b'summary = """' + nl + "Första stycket.".encode() + nl
                 + b'Andra stycket med "citat" och en \\\\ backslash.' + nl + b'"""' + nl)
    new_value = (b'summary = """' + nl + b"Ett nytt stycke." + nl + b"Och ett till." + nl
                 + b'"""' + nl)
    assert old_value in before
    assert after == before.replace(old_value, new_value)
    assert read_draft(path).texts.summary == "Ett nytt stycke.\nOch ett till.\n"


def test_one_line_text_keeps_its_one_line_style(draft_copy):
    path = draft_copy(FIXTURE)
    before = path.read_bytes()
    draft_file = DraftFile.load(path)
    draft_file.draft.directions[0].description = "Ny beskrivning."
    draft_file.save()
    assert changed_lines(before, path.read_bytes()) == [
        ('description = "Stärka stadens attraktionskraft."\n'.encode(),
         b'description = "Ny beskrivning."\n'),
    ]


@NEWLINES
def test_unknown_keys_and_comments_survive_a_save(draft_copy, newline):
    path = draft_copy(FIXTURE, newline=newline)
    before = path.read_bytes()
    draft_file = DraftFile.load(path)
    draft_file.draft.officer.email = "elin@example.se"
    draft_file.draft.texts.background = "Bakgrund."
    draft_file.save()
    after = path.read_bytes()
    data = parse(after)
    assert data["owner"] == "elin"
    assert data["referral"]["extra_note"] == "okänd nyckel i en tabell"
    assert data["directions"][0]["priority"] == 1
    assert data["directions"][2]["tag"] == "eu"
    assert data["custom"] == {"value": [1, 2, 3]}
    for line in lines(before):
        if line.lstrip().startswith(b"#"):
            assert line in lines(after)
    # Only added lines: every old line is still there, in order.
    old_lines = lines(before)
    kept = iter(lines(after))
    assert all(any(line == other for other in kept) for line in old_lines)
    # A new key goes beside its neighbours in the format, not after the comments.
    text = after.decode()
    assert text.index('phone = "08-508 31 455"') < text.index("email = ") < text.index("[texts]")
    assert text.index("summary = ") < text.index("background = ") < text.index("views = ")
    if newline == "\r\n":
        assert b"\n" not in after.replace(b"\r\n", b"")


def record_blocks(data: bytes) -> dict[str, bytes]:
    """Each [[directions]] block of a file by the record's name, header and comments included."""
    text = data.decode().replace("\r\n", "\n")
    blocks = {}
    for chunk in text.split("[[directions]]\n")[1:]:
        body = chunk.split("\n\n")[0].split("\n[")[0].rstrip("\n")
        name = body.split('name = "')[1].split('"')[0]
        blocks[name] = body.encode()
    return blocks


@NEWLINES
def test_reordering_records_moves_their_comments_and_unknown_keys(draft_copy, newline):
    path = draft_copy(FIXTURE, newline=newline)
    before = path.read_bytes()
    draft_file = DraftFile.load(path)
    draft_file.draft.directions.reverse()
    draft_file.save()
    after = path.read_bytes()
    names = [d["name"] for d in parse(after)["directions"]]
    assert names == ["Påverkan", "Samverkan", "Profilering"]
    assert record_blocks(after) == record_blocks(before)
    assert after.count(b"\n") == before.count(b"\n")
    assert sorted(lines(after)) == sorted(lines(before))


@NEWLINES
def test_repeated_reorders_do_not_add_blank_lines(draft_copy, newline):
    path = draft_copy(FIXTURE, newline=newline)
    before = path.read_bytes()
    draft_file = DraftFile.load(path)
    for _ in range(4):
        draft_file.draft.directions.append(draft_file.draft.directions.pop(0))
        draft_file.save()
        assert path.read_bytes().count(b"\n") == before.count(b"\n")
        draft_file = DraftFile.load(path)  # and across loads
    for _ in range(2):  # three rotations in all bring the original order back
        draft_file.draft.directions.append(draft_file.draft.directions.pop(0))
    draft_file.save()
    assert path.read_bytes() == before


def test_comment_above_a_record_header_moves_with_the_record(draft_copy, tmp_path):
    path = tmp_path / "kommentar.toml"
    path.write_text(
        "format = 1\n\n"
        "[[decisions]]\ntext = \"Ett\"\n\n"
        "# Om det andra beslutet\n[[decisions]]\ntext = \"Två\"\nextra = 2\n\n"
        "[[decisions]]\ntext = \"Tre\"\n",
        encoding="utf-8",
    )
    draft_file = DraftFile.load(path)
    decisions = draft_file.draft.decisions
    decisions.insert(0, decisions.pop(1))
    draft_file.save()
    assert path.read_text(encoding="utf-8") == (
        "format = 1\n\n"
        "# Om det andra beslutet\n[[decisions]]\ntext = \"Två\"\nextra = 2\n\n"
        "[[decisions]]\ntext = \"Ett\"\n\n"
        "[[decisions]]\ntext = \"Tre\"\n"
    )


@NEWLINES
def test_adding_and_deleting_records_keeps_the_others_intact(draft_copy, newline):
    path = draft_copy(FIXTURE, newline=newline)
    before = path.read_bytes()
    draft_file = DraftFile.load(path)
    directions = draft_file.draft.directions
    del directions[1]  # Samverkan
    directions.insert(1, Direction(name="Omvärldsbevakning", description="Ny."))
    draft_file.draft.attachments.append(Attachment(title="Strategin"))
    draft_file.save()
    after = path.read_bytes()
    data = parse(after)
    names = [d["name"] for d in data["directions"]]
    assert names == ["Profilering", "Omvärldsbevakning", "Påverkan"]
    assert data["directions"][1] == {"name": "Omvärldsbevakning", "description": "Ny."}
    assert data["attachments"] == [{"title": "Strategin"}]
    old_blocks, new_blocks = record_blocks(before), record_blocks(after)
    assert new_blocks["Profilering"] == old_blocks["Profilering"]
    assert new_blocks["Påverkan"] == old_blocks["Påverkan"]
    assert b"kommentar inne i posten" not in after
    def blank_runs(data: bytes) -> int:
        return data.replace(b"\r\n", b"\n").count(b"\n\n\n")

    assert blank_runs(after) == blank_runs(before) == 1  # the fixture's own double blank
    # The new table sits in format order: after the signatures, before [custom]/[wizard].
    text = after.decode()
    assert text.index("[[signatures]]") < text.index("[[attachments]]") < text.index("[wizard]")
    reloaded = DraftFile.load(path)
    assert reloaded.draft == draft_file.draft


def test_deleting_every_record_removes_the_array(draft_copy):
    path = draft_copy(FIXTURE)
    draft_file = DraftFile.load(path)
    draft_file.draft.directions.clear()
    draft_file.save()
    data = parse(path.read_bytes())
    assert "directions" not in data
    assert data["decisions"] == [{"text": "Godkänna förvaltningens tjänsteutlåtande."}]


def test_file_without_trailing_newline(tmp_path):
    path = tmp_path / "utan-radslut.toml"
    original = b'format = 1\n\n[referral]\ntitle = "Remiss"\n\n[[directions]]\nname = "A"'
    path.write_bytes(original)
    draft_file = DraftFile.load(path)
    assert draft_file.save() is False
    assert draft_file.render()[0] == original
    draft_file.draft.referral.title = "Ändrad"
    draft_file.save()
    assert path.read_bytes() == original.replace(b"Remiss", "Ändrad".encode())
    draft_file.draft.directions.append(Direction(name="B"))
    draft_file.draft.step = "views"
    draft_file.save()
    data = parse(path.read_bytes())
    assert [d["name"] for d in data["directions"]] == ["A", "B"]
    assert data["wizard"] == {"step": "views"}
    assert b'name = "A"\n\n[[directions]]\nname = "B"\n' in path.read_bytes()


@NEWLINES
def test_byte_order_mark_is_kept(draft_copy, newline):
    bom = b"\xef\xbb\xbf"
    path = draft_copy(FIXTURE, newline=newline, prefix=bom)
    before = path.read_bytes()
    draft_file = DraftFile.load(path)
    assert draft_file.render()[0] == before
    draft_file.draft.meeting.item = "p. 15"
    draft_file.save()
    after = path.read_bytes()
    assert after.startswith(bom) and not after.startswith(bom * 2)
    assert len(changed_lines(before, after)) == 1
    assert read_draft(path).meeting.item == "p. 15"


def test_example_draft_round_trips(example_copy):
    before = example_copy.read_bytes()
    draft_file = DraftFile.load(example_copy)
    assert draft_file.render() == (before, False)
    saved = draft_file.draft.copy()
    saved.texts.views += "Ett tillägg.\n"
    draft_file.save(saved)
    reloaded = read_draft(example_copy)
    assert reloaded == saved
    assert reloaded.texts.views.endswith("Ett tillägg.\n")


def test_new_file_is_written_in_format_order(tmp_path):
    path = tmp_path / "ny.toml"
    draft_file = DraftFile.create(path)
    draft = draft_file.draft
    draft.step = "case"
    draft.attachments.append(Attachment(title="Bilaga"))
    draft.referral.title = "Rubrik"
    draft.texts.summary = "Text\n"
    assert draft_file.save() is True
    text = path.read_text(encoding="utf-8")
    assert text == (
        'format = 1\n\n[referral]\ntitle = "Rubrik"\n\n[texts]\nsummary = """\nText\n"""\n\n'
        '[[attachments]]\ntitle = "Bilaga"\n\n[wizard]\nstep = "case"\n'
    )
    assert read_draft(path) == draft
    assert draft_file.save() is False


def test_typed_date_text_is_written_as_a_toml_date(example_copy):
    draft_file = DraftFile.load(example_copy)
    draft_file.draft.meeting.date = "2016-09-27"  # as typed in a form
    draft_file.draft.statement.date = "6 september"  # not a date: kept as text for validation
    draft_file.save()
    text = example_copy.read_text(encoding="utf-8")
    assert "\ndate = 2016-09-27\n" in text
    assert '\ndate = "6 september"\n' in text
    loaded = read_draft(example_copy)
    assert loaded.meeting.date == dt.date(2016, 9, 27)
    assert loaded.statement.date == "6 september"


ODD_LAYOUTS = {
    "inline-table": ('format = 1\nreferral = { title = "x", dnr = "1" }\n\n'
                     '[meeting]\nitem = "1"\n'),
    "dotted-keys": 'format = 1\nreferral.title = "x"\nreferral.dnr = "1"\n[meeting]\nitem = "1"\n',
    "inline-records": 'format = 1\ndecisions = [{ text = "a" }, { text = "b" }]\n',
    "sub-table": 'format = 1\n[referral]\ntitle = "x"\n[referral.extra]\na = 1\n',
    "record-sub-table": 'format = 1\n[[directions]]\nname = "A"\n[directions.meta]\nx = 1\n',
    "split-table": 'format = 1\n[referral]\ntitle = "x"\n[meeting]\nitem = "p. 1"\n'
                   '[referral.more]\na = 1\n',
    "split-records": 'format = 1\n[[decisions]]\ntext = "a"\n[meeting]\nitem = "p. 1"\n'
                     '[[decisions]]\ntext = "b"\n',
    "wizard-first": '[wizard]\nstep = "views"\n\n[referral]\ntitle = "x"\n',
    "records-first": '[[decisions]]\ntext = "a"\n',
    "empty": "",
    "only-a-comment": "# bara en kommentar",
}


@pytest.mark.parametrize("name", list(ODD_LAYOUTS))
def test_unusual_but_valid_layouts_merge_in_place(tmp_path, name):
    path = tmp_path / f"{name}.toml"
    path.write_text(ODD_LAYOUTS[name], encoding="utf-8")
    draft_file = DraftFile.load(path)
    draft = draft_file.draft
    draft.referral.title = "Ny"
    draft.referral.referred_by = "kommunstyrelsen"
    draft.meeting.committee = "Kulturnämnden"
    draft.texts.summary = "Ett\nTvå\n"
    draft.decisions.reverse()
    draft.decisions.append(Decision(text="Ny"))
    draft.directions.append(Direction(name="C", comment="Kommentar"))
    draft.step = "case"
    draft_file.save()
    assert read_draft(path) == draft
    del draft.decisions[0]
    draft_file.save()
    assert read_draft(path) == draft
    assert draft_file.rebuilt is False
    for line in ODD_LAYOUTS[name].splitlines():
        if line.startswith("#") or line.startswith(("a = 1", "x = 1")):
            assert line in path.read_text(encoding="utf-8")


def test_a_merge_that_does_not_read_back_falls_back_to_a_fresh_layout(draft_copy, monkeypatch):
    from wizard.storage import draftfile

    path = draft_copy(FIXTURE)
    draft_file = DraftFile.load(path)
    draft_file.draft.attachments.append(Attachment(title="Ny"))  # adds a table: read back
    real = draftfile._reads_back
    calls = []

    def first_fails(text, draft):
        calls.append(text)
        return len(calls) > 1 and real(text, draft)

    monkeypatch.setattr(draftfile, "_reads_back", first_fails)
    assert draft_file.save() is True
    assert draft_file.rebuilt is True
    assert len(calls) == 2
    assert read_draft(path) == draft_file.draft  # every word kept, comments given up


def test_a_draft_that_never_reads_back_is_not_written(draft_copy, monkeypatch):
    from wizard.errors import DraftSaveError
    from wizard.storage import draftfile

    path = draft_copy(FIXTURE)
    before = path.read_bytes()
    draft_file = DraftFile.load(path)
    draft_file.draft.directions.reverse()  # moves records: read back
    monkeypatch.setattr(draftfile, "_reads_back", lambda text, draft: False)
    with pytest.raises(DraftSaveError, match="läses tillbaka"):
        draft_file.save()
    assert path.read_bytes() == before


def test_file_tomlkit_cannot_parse_is_refused_for_editing(example_copy, monkeypatch):
    from wizard.errors import DraftReadError
    from wizard.storage import tomldoc

    def refuse(text):
        raise ValueError("tomlkit says no")

    monkeypatch.setattr(tomldoc, "parse", refuse)
    with pytest.raises(DraftReadError, match="kan läsas men inte redigeras"):
        DraftFile.load(example_copy)
    assert read_draft(example_copy).referral.title  # checking and rendering still work


def test_file_with_mixed_line_ends_is_left_as_it_is(draft_copy):
    path = draft_copy(FIXTURE, newline="\r\n")
    mixed = path.read_bytes().replace(b"[officer]\r\n", b"[officer]\n")
    path.write_bytes(mixed)
    draft_file = DraftFile.load(path)
    assert draft_file.render() == (mixed, False)
    assert draft_file.save() is False
    draft_file.draft.meeting.item = "p. 15"
    draft_file.save()
    changed = changed_lines(mixed, path.read_bytes())
    assert changed == [(b'item = "p. 14"\r\n', b'item = "p. 15"\r\n')]


def test_values_replaced_in_place_are_not_read_back(draft_copy, monkeypatch):
    """Autosave of a long text stays fast: only added or moved parts are read back."""
    from wizard.storage import draftfile

    calls = []
    monkeypatch.setattr(draftfile, "_reads_back",
                        lambda text, draft: calls.append(1) or True)
    draft_file = DraftFile.load(draft_copy(FIXTURE))
    draft_file.draft.texts.summary = "Ny text\n"
    draft_file.draft.directions[0].description = "Ny"
    draft_file.save()
    assert calls == []
    draft_file.draft.officer.email = "ny@example.se"  # a new key
    draft_file.save()
    assert calls == [1]
