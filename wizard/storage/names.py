"""File names for new drafts: made from the title, safe on every OS, å/ä/ö kept."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# Characters Windows refuses in a file name, and every control character.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_SEPARATORS = re.compile(r"[\s\-–—_.,;!'’`´]+")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)}
MAX_STEM = 80


def draft_filename(title: str, suffix: str = ".toml") -> str:
    """A file name from a title, safe on every OS, with å/ä/ö kept.

    ``Internationell strategi för Stockholms stad`` becomes
    ``internationell-strategi-för-stockholms-stad.toml``.
    """
    stem = unicodedata.normalize("NFC", title).casefold()
    stem = _UNSAFE.sub(" ", stem)
    stem = _SEPARATORS.sub("-", stem).strip("-")
    stem = "".join(ch for ch in stem if ch.isalnum() or ch == "-")
    stem = stem[:MAX_STEM].rstrip("-") or "utkast"
    if stem in _RESERVED:
        stem = f"{stem}-utkast"
    return stem + suffix


def unique_path(folder: Path, filename: str) -> Path:
    """``folder/filename``, or ``name-2.toml``, ``name-3.toml``… when it is taken."""
    candidate = folder / filename
    stem, suffix = candidate.stem, candidate.suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate
