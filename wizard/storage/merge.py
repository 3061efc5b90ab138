"""Three-way merge of a draft changed on disk while it was open.

When someone edits the file by hand while the wizard holds unsaved edits, the
two sets of changes usually touch different keys. The merge takes the bytes
last saved (or loaded) as the base, the file as it is now ("theirs") and the
draft in memory ("ours"): a key only one side changed takes that side's value,
and only a key both changed to different values is a conflict. The result is
written through a `DraftFile` loaded from the file as it is now, so the hand
edit's comments and layout stay (tomlkit, as every save).

A key is a table's field (``referral.title``) or, for the lists of records
(``decisions``), the whole list: records have no stable identity in the file,
so two edits of one list are a conflict rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from wizard.model import Draft
from wizard.storage.draftfile import DraftFile
from wizard.storage.reading import draft_from_text

MISSING = object()


@dataclass
class Conflict:
    """A key both sides changed, to different values."""

    path: str
    ours: Any
    theirs: Any


@dataclass
class MergeResult:
    """The merge of ``ours`` into the file on disk.

    ``fresh`` is the file as it is now, loaded for saving; ``taken`` the values
    of the hand edit to put into the draft in memory (by key); ``conflicts``
    the keys both sides changed. Without conflicts, ``merged`` is ours with
    the hand edit's keys taken, ready to save through ``fresh``.
    """

    fresh: DraftFile
    ours: Draft
    merged: Draft
    taken: dict[str, Any] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)


def merge_keys(draft: Draft) -> list[str]:
    """Every key the merge compares: table fields, record lists, and the step."""
    keys: list[str] = []
    for table_cls in Draft.TABLES:
        name = table_cls.TABLE  # type: ignore[attr-defined]
        keys.extend(f"{name}.{item.name}" for item in fields(table_cls))
    keys.extend(record_cls.KEY for record_cls in Draft.RECORDS)  # type: ignore[attr-defined]
    keys.append("wizard.step")
    return keys


def get_key(draft: Draft, key: str) -> Any:
    """The value of a merge key (a record list as a plain list of records)."""
    if "." not in key:
        return list(getattr(draft, key))
    return draft.get(key)


def set_key(draft: Draft, key: str, value: Any) -> None:
    """Set a merge key's value (a record list is copied, records keep their uid)."""
    if "." not in key:
        setattr(draft, key, list(value))
    else:
        draft.set(key, value)


def three_way(base: Draft, ours: Draft, theirs: Draft) -> tuple[dict[str, Any], list[Conflict]]:
    """The keys to take from ``theirs`` and the keys both sides changed differently."""
    taken: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for key in merge_keys(base):
        old, mine, other = get_key(base, key), get_key(ours, key), get_key(theirs, key)
        if other in (old, mine):
            continue  # the hand edit left it, or made the same change
        if mine == old:
            taken[key] = other
        else:
            conflicts.append(Conflict(key, mine, other))
    return taken, conflicts


def merge_with_disk(path: Path, base_text: str, ours: Draft) -> MergeResult:
    """Merge ``ours`` (edited since ``base_text`` was saved) with the file at ``path`` now.

    Raises the storage errors of `DraftFile.load` when the file cannot be read.
    """
    fresh = DraftFile.load(path)
    base = draft_from_text(base_text, path)
    taken, conflicts = three_way(base, ours, fresh.draft)
    merged = ours.copy()
    for key, value in taken.items():
        set_key(merged, key, value)
    adopt_records(fresh, merged)
    return MergeResult(fresh, ours, merged, taken, conflicts)


def adopt_records(fresh: DraftFile, draft: Draft) -> None:
    """Let ``fresh`` save ``draft``'s records into its own record tables.

    Records unchanged by the person or taken from the file are the file's own,
    position by position: their tables (and comments) are reused rather than
    written anew.
    """
    for record_cls in Draft.RECORDS:
        key = record_cls.KEY  # type: ignore[attr-defined]
        for record, loaded in zip(getattr(draft, key), getattr(fresh.draft, key), strict=False):
            fresh.reuse_table(record.uid, loaded.uid)
