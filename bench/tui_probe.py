"""One TUI measurement in a fresh process: start to first paint, or typing.

Run by `bench/run.py`; prints one JSON line. ``target`` is ``wizard`` (the real
app opening a draft) or ``bare`` (a plain Textual app with the same kinds of
widgets holding the same text): the reference the wizard is measured against.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

SPAWNED = float(os.environ.get("BENCH_SPAWNED", time.time()))


def bare_app(text: str):  # type: ignore[no-untyped-def]
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.widgets import Footer, Header, Input, Label, ListItem, ListView, TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            with Horizontal():
                yield ListView(*[ListItem(Label(f"Steg {n}")) for n in range(1, 9)])
                with Vertical():
                    with VerticalScroll():
                        for name in ("Rubrik", "Remittent", "Dnr", "Datum"):
                            yield Label(name)
                            yield Input(value=name)
                    yield TextArea(text, soft_wrap=True, id="text")
                    yield Label("0 ord")
            yield Footer()

        def on_mount(self) -> None:
            self.query_one("#text", TextArea).focus()

    return Bare()


def wizard_app(path: Path):  # type: ignore[no-untyped-def]
    from wizard.tui.app import make_app

    return make_app(path=path, step="views")


def biggest_text_area(app):  # type: ignore[no-untyped-def]
    from textual.widgets import TextArea

    areas = list(app.screen.query(TextArea))
    return max(areas, key=lambda area: len(area.text))


async def main(target: str, mode: str, path: Path, keys: int) -> dict[str, float]:
    if target == "bare":
        from wizard.storage.draftfile import read_draft

        app = bare_app(read_draft(path).texts.views)
    else:
        app = wizard_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        painted = time.time() - SPAWNED
        if mode == "start":
            return {"seconds": painted}
        area = biggest_text_area(app)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press(*(["a"] * keys))
        await pilot.pause()
        typed = time.perf_counter() - started
        assert area.text.endswith("a" * keys), "the keystrokes did not reach the text area"
        return {"seconds": typed}


if __name__ == "__main__":
    target, mode, draft, count = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    result = asyncio.run(main(target, mode, draft, count))
    print(json.dumps(result))
