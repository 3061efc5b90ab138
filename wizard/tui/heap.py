"""Keep Python's full garbage collections short while a draft is open.

A full collection walks every object the process holds. With a draft open
those are some 75,000 (Textual, the widgets, the draft's comment-keeping
document), and while typing one collection now and then stopped the event
loop for 50–80 ms: those were the slowest keystrokes (`make bench`, key → frame
p99: 79 ms, against 32–39 ms with this). So once a draft is shown and loaded in
full, what exists is frozen (`gc.freeze`): left out of later collections, which
walk only what was made since. When the draft is closed it is unfrozen, so that
what the editor held can be collected again; nothing is kept for good.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Leave everything that exists now out of later collections (a draft is loaded)."""
    gc.freeze()


def release() -> None:
    """Let collections walk everything again (the draft is closed)."""
    gc.unfreeze()
