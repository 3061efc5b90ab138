"""`make bench`: every speed figure against its reference, in one run.

Each figure is measured several times beside its reference on the same
machine, and the table gives medians and ratios (the machines are shared and
noisy: single timings mean little). Results are also written as JSON to
``bench/results/latest.json``. Peak memory is each process's own maximum
resident set, read with ``wait4``.

    .venv/bin/python bench/run.py [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from bench import corpus  # noqa: E402

PYTHON = sys.executable
WIZARD = str(Path(PYTHON).with_name("wizard"))


@dataclass
class Sample:
    seconds: float
    peak_mb: float = 0.0


@dataclass
class Figure:
    name: str
    reference: str
    goal: str
    ours: list[Sample] = field(default_factory=list)
    theirs: list[Sample] = field(default_factory=list)
    note: str = ""
    check: Callable[[float, float | None], bool] | None = field(default=None, repr=False)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.ours) if self.ours else float("nan")

    @property
    def reference_median(self) -> float | None:
        return statistics.median(s.seconds for s in self.theirs) if self.theirs else None

    @property
    def ratio(self) -> float | None:
        ref = self.reference_median
        return self.median / ref if ref else None

    @property
    def peak_mb(self) -> float:
        return max((s.peak_mb for s in self.ours), default=0.0)

    @property
    def met(self) -> bool | None:
        if self.check is None or not self.ours:
            return None
        return self.check(self.median, self.reference_median)


def run_process(argv: list[str], *, env: dict[str, str] | None = None) -> tuple[Sample, str]:
    """Run a command to its end; its wall time and its own peak memory (wait4)."""
    full_env = {**os.environ, **(env or {}), "BENCH_SPAWNED": repr(time.time())}
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    out = process.stdout.read().decode() if process.stdout else ""
    err = process.stderr.read().decode() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0,):
        raise RuntimeError(f"{' '.join(argv[:3])}… exited {process.returncode}: {err[-800:]}")
    return Sample(seconds, usage.ru_maxrss / 1024), out


def probe(target: str, mode: str, draft: Path, keys: int = 0) -> Sample:
    """A TUI measurement in its own process (`tui_probe.py`)."""
    sample, out = run_process(
        [PYTHON, str(BENCH / "tui_probe.py"), target, mode, str(draft), str(keys)]
    )
    return Sample(json.loads(out.strip().splitlines()[-1])["seconds"], sample.peak_mb)


def in_process_saves(draft_path: Path, runs: int) -> list[Sample]:
    """One autosave of the large draft after a one-character edit, timed in-process."""
    import resource

    from wizard.storage.draftfile import DraftFile

    work = draft_path.with_name("autosave.toml")
    shutil.copy(draft_path, work)
    draft_file = DraftFile.load(work)
    samples = []
    for number in range(runs):
        draft = draft_file.draft
        draft.texts.views += "x" if number % 2 else "y"
        started = time.perf_counter()
        draft_file.save(draft.copy())
        samples.append(
            Sample(
                time.perf_counter() - started,
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            )
        )
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="runs of each measurement (median taken)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs and drafts, for a smoke test"
    )
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    batch = 10 if args.quick else 100
    many = 100 if args.quick else 1000
    keys = 200 if args.quick else 2000
    pandoc = shutil.which("pandoc")

    work = Path(tempfile.mkdtemp(prefix="wizard-bench-"))
    large = corpus.large_draft(work / "stor.toml")
    small = corpus.EXAMPLE
    markdown = work / "exempel.md"
    markdown.write_text(corpus.as_markdown(small), encoding="utf-8")
    batch_drafts = corpus.many_drafts(work / "batch", batch)
    batch_markdown = []
    for path in batch_drafts:
        md = path.with_suffix(".md")
        md.write_text(corpus.as_markdown(path), encoding="utf-8")
        batch_markdown.append(md)
    check_drafts = corpus.many_drafts(work / "check", many)

    figures: list[Figure] = []

    def figure(*a: object, **k: object) -> Figure:
        fig = Figure(*a, **k)  # type: ignore[arg-type]
        figures.append(fig)
        print(f"… {fig.name}", file=sys.stderr, flush=True)
        return fig

    fig = figure(
        "TUI start to first paint, 200 KB draft",
        "bare Textual app, same widgets",
        "≤ 1.25×",
        check=lambda m, r: r is not None and m <= 1.25 * r,
    )
    for _ in range(runs):
        fig.ours.append(probe("wizard", "start", large))
        fig.theirs.append(probe("bare", "start", large))

    fig = figure(
        f"{keys:,} keystrokes into a 200 KB text",
        "bare TextArea app",
        "≤ 1.1×",
        check=lambda m, r: r is not None and m <= 1.1 * r,
    )
    for _ in range(runs):
        fig.ours.append(probe("wizard", "type", large, keys))
        fig.theirs.append(probe("bare", "type", large, keys))

    fig = figure(
        "one autosave of the 200 KB draft",
        "—",
        "≤ 20 ms",
        check=lambda m, r: m <= 0.020,
        note="in a worker thread in the TUI",
    )
    fig.ours = in_process_saves(large, max(10, runs * 4))

    out = work / "out"
    out.mkdir()
    fig = figure(
        "wizard render, one draft, whole process",
        "pandoc, same text as Markdown",
        "≤ 1.5×",
        check=lambda m, r: r is not None and m <= 1.5 * r,
    )
    for _ in range(runs):
        fig.ours.append(run_process([WIZARD, "render", str(small), "-o", str(out / "one.docx")])[0])
        if pandoc:
            fig.theirs.append(
                run_process([pandoc, str(markdown), "-o", str(out / "one-pandoc.docx")])[0]
            )
    if not pandoc:
        fig.note = "pandoc saknas: referensen hoppades över"

    fig = figure(
        f"wizard render of {batch} drafts in one call",
        f"{batch} pandoc calls",
        "≥ 5× faster",
        check=lambda m, r: r is not None and r >= 5 * m,
    )
    for _ in range(max(1, runs // 2)):
        fig.ours.append(
            run_process(
                [WIZARD, "render", *map(str, batch_drafts), "--out-dir", str(out / "batch")]
            )[0]
        )
        if pandoc:
            started = time.perf_counter()
            peak = 0.0
            for md in batch_markdown:
                sample, _ = run_process([pandoc, str(md), "-o", str(out / "batch-pandoc.docx")])
                peak = max(peak, sample.peak_mb)
            fig.theirs.append(Sample(time.perf_counter() - started, peak))
    if not pandoc:
        fig.note = "pandoc saknas: referensen hoppades över"

    fig = figure(f"wizard check of {many:,} drafts", "—", "≤ 2 s", check=lambda m, r: m <= 2.0)
    for _ in range(runs):
        fig.ours.append(run_process([WIZARD, "check", *map(str, check_drafts)])[0])

    report(figures, runs)
    shutil.rmtree(work, ignore_errors=True)
    return 0 if all(f.met is not False for f in figures) else 1


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, {system}, Python {platform.python_version()}"


def report(figures: list[Figure], runs: int) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"wizard bench, median of {runs} runs: {machine()}", title_justify="left")
    for column in ("figure", "wizard", "reference", "ref.", "ratio", "goal", "peak MB", "met"):
        table.add_column(
            column, justify="left" if column in ("figure", "reference", "goal") else "right"
        )
    rows = []
    for fig in figures:
        ref = fig.reference_median
        met = {True: "[green]yes[/]", False: "[red]no[/]", None: "—"}[fig.met]
        table.add_row(
            fig.name,
            f"{fig.median * 1000:.0f} ms",
            fig.reference,
            f"{ref * 1000:.0f} ms" if ref else "—",
            f"{fig.ratio:.2f}×" if fig.ratio else "—",
            fig.goal,
            f"{fig.peak_mb:.0f}",
            met,
        )
        rows.append(
            {
                "figure": fig.name,
                "median_s": fig.median,
                "reference": fig.reference,
                "reference_median_s": ref,
                "ratio": fig.ratio,
                "goal": fig.goal,
                "met": fig.met,
                "peak_mb": fig.peak_mb,
                "note": fig.note,
                "samples_s": [s.seconds for s in fig.ours],
                "reference_samples_s": [s.seconds for s in fig.theirs],
            }
        )
    Console().print(table)
    for fig in figures:
        if fig.note:
            print(f"{fig.name}: {fig.note}")
    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    payload = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "runs": runs,
        "figures": rows,
    }
    (results / "latest.json").write_text(
        json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8"
    )


if __name__ == "__main__":
    raise SystemExit(main())
