"""Reading and writing drafts: the one path between a draft and its file.

`read_draft` is the fast, read-only path for `check`, `list` and `render`;
`DraftFile` keeps the parsed document so that saving merges the changes into
what the person wrote by hand. `atomic_write` and `DraftLock` make sure that no
save can lose a word and that two wizards do not edit one file.
"""

from wizard.storage.atomic import atomic_write
from wizard.storage.draftfile import DraftFile, read_draft
from wizard.storage.lock import DraftLock, LockInfo
from wizard.storage.names import draft_filename, unique_path

__all__ = [
    "DraftFile",
    "DraftLock",
    "LockInfo",
    "atomic_write",
    "draft_filename",
    "read_draft",
    "unique_path",
]
