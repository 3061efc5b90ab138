"""A draft loaded with its comment-keeping document parsed later (the TUI's start).

`DraftFile.load(path, defer_document=True)` reads the model at once and parses
the tomlkit document on first use. Records edited, moved, added or deleted
before that must still be saved into the tables they were read from, comments
and all: the bytes must be those of a load that parsed at once.
"""

from __future__ import annotations

import pytest

from wizard.errors import DraftReadError
from wizard.model import Decision, Direction
from wizard.storage import DraftFile, read_draft, tomldoc

FIXTURE = "handredigerad.toml"


def edit_records(draft_file: DraftFile) -> None:
    """Move, edit, add and delete records, as the wizard's lists do."""
    draft = draft_file.draft
    directions = draft.directions
    directions.reverse()  # Påverkan, Samverkan, Profilering
    directions[2].description = "Stärka stadens attraktionskraft i världen."
    directions.insert(1, Direction(name="Omvärldsbevakning", description="Ny."))
    draft.decisions.append(Decision(text="Överlämna tjänsteutlåtandet."))
    del directions[2]  # Samverkan


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_records_edited_before_the_parse_are_saved_as_by_an_eager_load(draft_copy, newline):
    eager_path = draft_copy(FIXTURE, newline=newline, target="eager.toml")
    deferred_path = draft_copy(FIXTURE, newline=newline, target="deferred.toml")
    eager = DraftFile.load(eager_path)
    deferred = DraftFile.load(deferred_path, defer_document=True)
    assert eager.document_parsed and not deferred.document_parsed
    edit_records(eager)
    edit_records(deferred)

    assert deferred.save() and eager.save()

    assert deferred.document_parsed
    saved = deferred_path.read_bytes()
    assert saved == eager_path.read_bytes()
    text = saved.decode()
    # Each record kept its own comments and unknown keys, in its new place.
    profilering = text.index('name = "Profilering"')
    assert text.rindex("# Första inriktningen", 0, profilering) > text.index('"Omvärldsbevakning"')
    assert "priority = 1  # okänd nyckel i en post" in text
    assert 'tag = "eu"' in text[: text.index('"Omvärldsbevakning"')]  # Påverkan, now first
    assert "kommentar inne i posten" not in text  # Samverkan was deleted
    assert "# en helt okänd tabell" in text
    assert DraftFile.load(deferred_path).draft == deferred.draft


def test_parse_maps_records_by_the_order_loaded_not_the_order_now(draft_copy):
    path = draft_copy(FIXTURE)
    draft_file = DraftFile.load(path, defer_document=True)
    first = draft_file.draft.directions[0]
    draft_file.draft.directions.reverse()
    draft_file.ensure_document()  # parsed after the lists changed
    first.description = "Ändrad."
    draft_file.save()
    text = path.read_text(encoding="utf-8")
    block = text[text.rindex("[[directions]]", 0, text.index('name = "Profilering"')):]
    block = block[: block.index("\n\n")]
    assert "# Första inriktningen" in block
    assert 'description = "Ändrad."' in block
    assert "priority = 1" in block


def test_deferred_load_writes_nothing_when_nothing_changed(draft_copy):
    path = draft_copy(FIXTURE)
    before = path.read_bytes()
    draft_file = DraftFile.load(path, defer_document=True)
    assert draft_file.text == before.decode()
    assert draft_file.save() is False
    assert path.read_bytes() == before


def test_tomlkit_failure_is_raised_at_the_parse_with_the_load_message(draft_copy, monkeypatch):
    path = draft_copy(FIXTURE)

    def refuse(text: str) -> None:
        raise ValueError("tomlkit says no")

    monkeypatch.setattr(tomldoc, "parse", refuse)
    draft_file = DraftFile.load(path, defer_document=True)  # the model reads fine
    assert draft_file.draft.referral.title
    with pytest.raises(DraftReadError, match="kan läsas men inte redigeras") as deferred:
        draft_file.ensure_document()
    with pytest.raises(DraftReadError) as eager:
        DraftFile.load(path)  # the load that parses at once says the same
    assert str(deferred.value) == str(eager.value)
    before = path.read_bytes()
    draft_file.draft.referral.title = "Ändrad"
    with pytest.raises(DraftReadError, match="kan läsas men inte redigeras"):
        draft_file.save()
    assert path.read_bytes() == before
    assert read_draft(path).referral.title != "Ändrad"
