"""Reading and writing drafts: the one path between a draft and its file.

`read_draft` is the fast, read-only path for `check`, `list` and `render`;
`DraftFile` keeps the parsed document so that saving merges the changes into
what the person wrote by hand. `atomic_write` and `DraftLock` make sure that no
save can lose a word and that two wizards do not edit one file.

The names below are imported when first used (PEP 562), not with the package:
every submodule import (`wizard.storage.bounded`…) runs this file, and a
command that only reads a draft should not load tomlkit, sockets and the lock.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.storage.atomic import atomic_write
    from wizard.storage.draftfile import DraftFile
    from wizard.storage.lock import DraftLock, LockInfo
    from wizard.storage.names import draft_filename, unique_path
    from wizard.storage.reading import read_draft

_HOMES = {
    "DraftFile": "draftfile",
    "DraftLock": "lock",
    "LockInfo": "lock",
    "atomic_write": "atomic",
    "draft_filename": "names",
    "read_draft": "reading",
    "unique_path": "names",
}

__all__ = [
    "DraftFile",
    "DraftLock",
    "LockInfo",
    "atomic_write",
    "draft_filename",
    "read_draft",
    "unique_path",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
