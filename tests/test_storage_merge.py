"""Three-way merge of a hand edit made while the wizard had unsaved edits."""

from __future__ import annotations

import sys
from pathlib import Path

from wizard.model import Decision
from wizard.storage import DraftFile
from wizard.storage.merge import merge_with_disk

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BASE = """format = 1

# Remissen
[referral]
title = "Strategi"

[meeting]
committee = "Kulturnämnden"  # den nämnd som beslutar
"""


def opened(tmp_path: Path) -> tuple[Path, DraftFile, str]:
    path = tmp_path / "utkast.toml"
    path.write_text(BASE, encoding="utf-8")
    draft_file = DraftFile.load(path)
    return path, draft_file, draft_file.document.as_string()


def test_different_keys_are_merged_keeping_the_hand_edits_comments(tmp_path: Path) -> None:
    path, draft_file, base = opened(tmp_path)
    ours = draft_file.draft.copy()
    ours.referral.title = "Strategi för Stockholm"
    hand = BASE.replace('"Kulturnämnden"', '"Idrottsnämnden"') + "# tillagt för hand\n"
    path.write_text(hand, encoding="utf-8")

    result = merge_with_disk(path, base, ours)
    assert result.conflicts == []
    assert result.taken == {"meeting.committee": "Idrottsnämnden"}
    assert result.fresh.save(result.merged)

    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["referral"]["title"] == "Strategi för Stockholm"
    assert data["meeting"]["committee"] == "Idrottsnämnden"
    assert "# tillagt för hand" in text and "# den nämnd som beslutar" in text


def test_the_same_key_changed_both_ways_is_a_conflict_with_both_values(tmp_path: Path) -> None:
    path, draft_file, base = opened(tmp_path)
    ours = draft_file.draft.copy()
    ours.referral.title = "Mitt"
    path.write_text(BASE.replace('"Strategi"', '"Deras"'), encoding="utf-8")

    result = merge_with_disk(path, base, ours)
    assert [(c.path, c.ours, c.theirs) for c in result.conflicts] == [
        ("referral.title", "Mitt", "Deras")
    ]


def test_the_same_change_on_both_sides_is_no_conflict(tmp_path: Path) -> None:
    path, draft_file, base = opened(tmp_path)
    ours = draft_file.draft.copy()
    ours.referral.title = "Samma"
    path.write_text(BASE.replace('"Strategi"', '"Samma"'), encoding="utf-8")

    result = merge_with_disk(path, base, ours)
    assert result.conflicts == [] and result.taken == {}


def test_a_list_of_records_is_one_key(tmp_path: Path) -> None:
    """A decision added by hand is taken whole; the person's title edit stays."""
    path, draft_file, base = opened(tmp_path)
    ours = draft_file.draft.copy()
    ours.referral.title = "Ny rubrik"
    path.write_text(BASE + '\n[[decisions]]\ntext = "Nämnden godkänner."\n', encoding="utf-8")

    result = merge_with_disk(path, base, ours)
    assert result.conflicts == []
    assert list(result.taken) == ["decisions"]
    assert result.merged.decisions == [Decision(text="Nämnden godkänner.")]
    result.fresh.save(result.merged)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["decisions"] == [{"text": "Nämnden godkänner."}]
    assert data["referral"]["title"] == "Ny rubrik"
