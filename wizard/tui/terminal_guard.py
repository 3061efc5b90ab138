"""The last guard between a draft's text and the terminal: no control character gets out.

Every text the wizard itself puts on the screen from a draft, a template or a
file name is drawn with `wizard.model.text.visible` first (a title shows
``␛]0;…␇``). The editing widgets (inputs, text areas, lists) must show and
edit the text as it is, so they cannot draw it; a control character in their
text would reach the terminal as a command (retitle the window, clear the
screen). This guard takes such characters out of each line as Textual turns
it into terminal output: the text in the draft is unchanged, and nothing it
holds can drive the terminal. Control characters take no cells on screen, so
removing them keeps every line its width.
"""

from __future__ import annotations

import re
from typing import Any

from rich.segment import Segment
from textual.strip import Strip

# C0 and C1 controls and DEL (Textual's own escapes are made from styles, not text),
# and the bidirectional overrides that make text read backwards.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_installed = False


def _clean(strip: Strip) -> Strip | None:
    """A copy of ``strip`` without control characters, or None when it has none."""
    segments = list(strip)
    if UNSAFE.search("".join([segment.text for segment in segments])) is None:
        return None  # the usual case: one search over the line
    return Strip(
        [Segment(UNSAFE.sub("", text), style, control) for text, style, control in segments],
        strip.cell_length,
    )


def install() -> None:
    """Make every line Textual writes free of control characters (once per process)."""
    global _installed
    if _installed:
        return
    render = Strip.render

    def render_safely(self: Strip, console: Any) -> str:
        if getattr(self, "_render_cache", None) is None:
            cleaned = _clean(self)
            if cleaned is not None:
                self._render_cache = render(cleaned, console)
        return render(self, console)

    Strip.render = render_safely  # type: ignore[method-assign]
    _installed = True
