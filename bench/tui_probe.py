"""One TUI measurement in a fresh process: start to first paint, or key → frame latency.

Run by `bench/run.py`; prints one JSON line. ``target`` is ``wizard`` (the real
app opening a draft) or ``bare`` (a plain Textual app with the same kinds of
widgets holding the same text): the reference the wizard is measured against.
In ``type`` mode ``bare`` is a text area alone, of the wizard's text area's
size, and ``layout`` the plain app with the same kinds of widgets (header,
sidebar list, inputs, footer) around a text area of that size.

``start`` mode times, from the moment the process was spawned, the first frame
handed to the terminal driver that shows the draft's text (``seconds``), and the
moment the app is first idle (``settled``: Textual's pilot waits until the
process, all its threads, uses next to no CPU), which also counts what the app
does after the first frame; ``cpu`` and ``settled_cpu`` are the process's CPU
seconds (all threads) at those moments, less moved by a busy machine.

``type`` mode sends ``keys`` keystrokes, one at a time, to the text area holding
the 200 KB text, and times each from the moment the key is posted (as the
terminal driver posts it) to the moment the frame that shows it is handed to
the terminal driver: every frame is timestamped, and the latency is that of
the first frame drawn with the key's character in the text area. Between keys
the probe waits a short pause that is not counted (a person types at most
~15 keys a second).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

SPAWNED = float(os.environ.get("BENCH_SPAWNED", time.time()))


def bare_app(text: str, css: str = ""):  # type: ignore[no-untyped-def]
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.widgets import Footer, Header, Input, Label, ListItem, ListView, TextArea

    class Bare(App[None]):
        CSS = css

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


def bare_text_area_app(text: str, width: int, height: int):  # type: ignore[no-untyped-def]
    """A bare TextArea of the wizard's text area's size, holding the same text."""
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class BareTextArea(App[None]):
        CSS = f"TextArea {{ width: {width}; height: {height}; }}"

        def compose(self) -> ComposeResult:
            yield TextArea(text, soft_wrap=True, id="text")

        def on_mount(self) -> None:
            self.query_one("#text", TextArea).focus()

    return BareTextArea()


def wizard_app(path: Path):  # type: ignore[no-untyped-def]
    from wizard.tui.app import make_app

    return make_app(path=path, step="views")


def watch_first_paint(app, painted: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    """Timestamp the first frame that shows a text area holding text (the draft's)."""
    from textual.widgets import TextArea

    display = app._display

    def timestamped(screen, renderable):  # type: ignore[no-untyped-def]
        display(screen, renderable)
        if renderable is None or "first" in painted:
            return
        for area in screen.query(TextArea):
            if area.document.line_count > 1 and area.region.area:
                painted["first"] = time.time() - SPAWNED
                painted["cpu"] = time.process_time()
                return

    app._display = timestamped


def biggest_text_area(app):  # type: ignore[no-untyped-def]
    from textual.widgets import TextArea

    areas = list(app.screen.query(TextArea))
    return max(areas, key=lambda area: len(area.text))


async def main(target: str, mode: str, path: Path, keys: int) -> dict[str, float]:
    if target in ("bare", "layout"):
        from wizard.storage.reading import read_draft

        text = read_draft(path).texts.views
        # In type mode, the size of the wizard's text area (its probe reports it).
        width, height = (int(n) for n in os.environ.get("BENCH_AREA", "67x21").split("x"))
        if mode == "type" and target == "bare":
            app = bare_text_area_app(text, width, height)
        elif mode == "type":  # the same kinds of widgets around a text area of that size
            app = bare_app(text, f"ListView {{ width: {100 - width}; }} "
                                 f"TextArea {{ width: {width}; height: {height}; }}")
        else:
            app = bare_app(text)
    else:
        app = wizard_app(path)
    painted: dict[str, float] = {}
    if mode == "start":
        watch_first_paint(app, painted)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        settled = time.time() - SPAWNED
        if mode == "start":
            return {"seconds": painted["first"], "cpu": painted["cpu"], "settled": settled,
                    "settled_cpu": time.process_time()}
        area = biggest_text_area(app)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()
        await asyncio.sleep(0.5)  # the first paint's follow-up work is done
        latencies = await key_to_frame(app, area, keys)
        assert area.text.endswith("a" * keys), "the keystrokes did not reach the text area"
        latencies.sort()
        return {
            "area_size": f"{area.outer_size.width}x{area.outer_size.height}",
            "seconds": statistics.median(latencies),
            "p50": statistics.median(latencies),
            "p99": latencies[max(0, round(0.99 * len(latencies)) - 1)],
            "keys": len(latencies),
        }


async def key_to_frame(app, area, keys: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Each key's time from being posted to the first frame that shows it."""
    from textual import events

    display = app._display
    waiting: dict[str, object] = {}

    def timestamped(screen, renderable):  # type: ignore[no-untyped-def]
        display(screen, renderable)
        if renderable is None or not waiting:
            return
        # The frame shows the key once the cursor has moved past it.
        if area.cursor_location == waiting["cursor"]:
            waiting["painted"] = time.perf_counter()
            done = waiting["done"]
            assert isinstance(done, asyncio.Event)
            done.set()

    app._display = timestamped
    latencies = []
    for _ in range(keys):
        row, column = area.cursor_location
        done = asyncio.Event()
        waiting.clear()
        waiting.update(cursor=(row, column + 1), done=done)
        started = time.perf_counter()
        app.post_message(events.Key("a", "a"))
        await asyncio.wait_for(done.wait(), 10)
        painted = waiting["painted"]
        assert isinstance(painted, float)
        latencies.append(painted - started)
        waiting.clear()
        await asyncio.sleep(0.05)  # a typing pause, not counted
    return latencies


if __name__ == "__main__":
    target, mode, draft, count = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    result = asyncio.run(main(target, mode, draft, count))
    print(json.dumps(result))
