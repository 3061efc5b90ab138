"""Keep Python's full garbage collections out of the start and the typing.

A full collection walks every object the process holds. Two moments leave
many objects that live long and need never be walked again:

- importing the TUI (modules, classes, tables: ~40,000 objects). A full
  collection fell in the start before the first frame and walked them all
  (~35 ms with a 200 KB draft), so they are frozen as the app is imported;
- a draft shown and loaded in full (the widgets, the draft's comment-keeping
  document: some 35,000 more). While typing, a full collection now and then
  stopped the event loop for 50–80 ms: the slowest keystrokes (`make bench`,
  key → frame p99: 73–86 ms, against 27–39 ms with this).

Frozen (`gc.freeze`), they are left out of later collections, which walk only
what was made since. When the draft is closed, everything is unfrozen so that
what the editor held can be collected again: nothing is kept for good. (Textual
itself pauses the collector while scrolling.)
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Leave everything that exists now out of later collections."""
    gc.freeze()


def release() -> None:
    """Let collections walk everything again (the draft is closed)."""
    gc.unfreeze()
