"""A file changed on disk since it was loaded is never overwritten (SHA-256, not mtime)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import wizard.storage.draftfile as draftfile
from wizard.errors import DraftChangedOnDiskError, DraftDeletedError, DraftSaveError
from wizard.storage import DraftFile, read_draft
from wizard.storage.bounded import FileReadError


@pytest.fixture
def loaded(example_copy: Path) -> DraftFile:
    draft_file = DraftFile.load(example_copy)
    draft_file.draft.meeting.item = "p. 15"
    return draft_file


def edit_same_size_keep_mtime(path: Path) -> bytes:
    """Change one character, keep the size, and put the mtime back, as a sly editor might."""
    stat = path.stat()
    data = path.read_bytes()
    edited = data.replace(b"Elin Lindqvist", b"Elin Lindkvist", 1)
    assert edited != data and len(edited) == len(data)
    path.write_bytes(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_mtime_ns == stat.st_mtime_ns and path.stat().st_size == stat.st_size
    return edited


def test_same_size_edit_with_mtime_put_back_is_detected(loaded):
    path = loaded.path
    edited = edit_same_size_keep_mtime(path)
    assert loaded.changed_on_disk() is True
    with pytest.raises(DraftChangedOnDiskError) as caught:
        loaded.save()
    assert str(path) in caught.value.message
    assert "ändrats" in caught.value.message
    assert path.read_bytes() == edited
    assert not path.with_name(path.name + ".bak").exists()


def test_force_overwrites_after_refusal(loaded):
    path = loaded.path
    edit_same_size_keep_mtime(path)
    with pytest.raises(DraftChangedOnDiskError):
        loaded.save()
    assert loaded.save(force=True) is True  # a refused save is not forgotten
    assert read_draft(path).meeting.item == "p. 15"
    assert read_draft(path).officer.name == "Elin Lindqvist"
    assert loaded.changed_on_disk() is False
    assert loaded.save() is False


def test_save_under_another_name_leaves_the_changed_file(loaded, tmp_path):
    path = loaded.path
    edited = edit_same_size_keep_mtime(path)
    with pytest.raises(DraftChangedOnDiskError):
        loaded.save()
    other = tmp_path / "kopia.toml"
    assert loaded.save(path=other) is True
    assert path.read_bytes() == edited
    assert read_draft(other).meeting.item == "p. 15"
    assert loaded.path == other
    assert loaded.changed_on_disk() is False
    loaded.draft.meeting.item = "p. 16"
    assert loaded.save() is True
    assert read_draft(other).meeting.item == "p. 16"
    assert path.read_bytes() == edited


def test_deleted_file_is_reported_as_deleted(loaded):
    """A draft deleted while open is not "changed by someone else": it is gone."""
    path = loaded.path
    path.unlink()
    assert loaded.changed_on_disk() is True
    assert loaded.deleted_on_disk() is True
    with pytest.raises(DraftDeletedError) as caught:
        loaded.save()
    assert not isinstance(caught.value, DraftChangedOnDiskError)
    assert str(path) in caught.value.message
    assert "tagits bort" in caught.value.message and "någon annan" not in caught.value.message
    assert not path.exists()
    assert loaded.save(force=True) is True
    assert read_draft(path).meeting.item == "p. 15"


def test_unchanged_file_with_touched_mtime_saves(loaded):
    path = loaded.path
    os.utime(path, (1, 1))
    assert loaded.changed_on_disk() is False
    assert loaded.save() is True


def test_own_saves_are_not_taken_for_changes(loaded):
    assert loaded.save() is True
    loaded.draft.meeting.item = "p. 16"
    assert loaded.save() is True
    assert read_draft(loaded.path).meeting.item == "p. 16"


def test_unreadable_file_before_save_is_a_save_error(loaded, monkeypatch):
    path = loaded.path
    before = path.read_bytes()

    def refuse(path, **_options):
        raise FileReadError(path, "kan inte läsas: saknar behörighet")

    monkeypatch.setattr(draftfile, "read_bounded", refuse)
    with pytest.raises(DraftSaveError) as caught:
        loaded.save()
    monkeypatch.undo()
    assert "behörighet" in caught.value.message
    assert path.read_bytes() == before


def test_a_fifo_in_place_of_the_draft_is_not_read(loaded):
    """A FIFO put where the draft was is refused at once, not read (which would hang)."""
    path = loaded.path
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(DraftSaveError) as caught:
        loaded.save()
    assert "FIFO" in caught.value.message
    assert not isinstance(caught.value, DraftDeletedError)
