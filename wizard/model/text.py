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
