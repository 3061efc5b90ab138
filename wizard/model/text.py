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
