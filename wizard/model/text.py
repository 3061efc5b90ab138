"""Text normalisation shared by every way text enters a draft."""

from __future__ import annotations

import re

_LINE_ENDS = re.compile(r"\r\n?")


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF: the one line end a draft holds.

    Text comes from files saved on Windows, from pastes and from typing; inside
    the model every line ends with ``\\n`` so that a save and load gives the
    same text back whatever the source.
    """
    if "\r" not in text:
        return text
    return _LINE_ENDS.sub("\n", text)


# C0 and C1 controls and DEL, except the line end and tab a text may hold; plus the
# bidirectional overrides that can make a file name read backwards on screen.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\x1b": "␛", "\x00": "␀", "\x7f": "␡", "\t": "␉", "\n": "␤"}


def _visible_control(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    if char < " ":
        return chr(0x2400 + ord(char))  # the Control Pictures block: ␇, ␍ …
    return f"\\u{ord(char):04x}"


def visible(text: str, *, limit: int | None = None, one_line: bool = False) -> str:
    """Return ``text`` safe to show on a terminal: controls drawn, long text shortened.

    Every text from a draft, a template or a file name passes through here
    before it reaches the terminal, so that an escape sequence in a title can
    neither retitle the window nor clear the screen. ``one_line`` also draws
    line ends and tabs (for table cells and one-line messages); ``limit``
    shortens to that many characters, ending with "…".
    """
    pattern = _CONTROLS_ONE_LINE if one_line else _CONTROLS
    if pattern.search(text):
        text = pattern.sub(_visible_control, text)
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + "…"
    return text


# What a .docx cannot hold, or holds only as invisible junk: C0 controls other than tab
# and line feed (XML 1.0 has no place for them), DEL and the C1 controls (U+0080–U+009F,
# allowed by XML but printed by Word as nothing or a box), U+FFFE, U+FFFF and lone
# surrogates. A carriage return is a line end, normalised before this is asked.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` that are left out of the document, in order."""
    return _UNPRINTABLE.findall(text)


def without_unprintable(text: str) -> str:
    """``text`` without the characters `unprintable` finds."""
    return _UNPRINTABLE.sub("", text)


def unprintable_note(characters: list[str] | tuple[str, ...]) -> str:
    """The warning for a field holding them, in Swedish: how many, and which (U+0007 …)."""
    codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(characters))
    return (
        f"{len(characters)} tecken som inte kan finnas i ett Word-dokument tas bort "
        f"ur dokumentet ({codes})."
    )
