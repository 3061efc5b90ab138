"""`make bench`: every speed figure against its reference, in one run.

Each figure is measured several times beside its reference on the same
machine, and the table gives medians and ratios (the machines are shared and
noisy: single timings mean little). Results are also written as JSON to
``bench/results/latest.json``. Peak memory is each process's own maximum
resident set (through GNU time when installed; see `run_process`). Commands
run as installed, with bytecode caching on, after one untimed warm-up run.

    .venv/bin/python bench/run.py [--runs N] [--quick] [--only render,check]

``--only start`` measures the TUI's start alone (``tui`` is the start and the keys).
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
    cpu_seconds: float | None = None  # user + system, of the process and its children


@dataclass
class Figure:
    name: str
    reference: str
    goal: str
    ours: list[Sample] = field(default_factory=list)
    theirs: list[Sample] = field(default_factory=list)
    note: str = ""
    check: Callable[[float, float | None], bool] | None = field(default=None, repr=False)
    faster: bool = False  # the ratio shown as "N× faster" (as a goal of "≥ N× faster" does)

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


def _gnu_time() -> str | None:
    """GNU time, which reports a child's own peak memory (see `run_process`)."""
    path = shutil.which("time")
    if path is None:
        return None
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return path if "GNU" in done.stdout + done.stderr else None


GNU_TIME = _gnu_time()


def run_process(argv: list[str], *, env: dict[str, str] | None = None) -> tuple[Sample, str]:
    """Run a command to its end; its wall time, CPU time and its own peak memory.

    The peak is read through GNU time when it is installed: the maximum
    resident set that ``wait4`` reports for a process started straight from
    here also counts the memory of this (large) Python process from before
    the ``exec``, so every command would seem to need at least as much as the
    harness. Without GNU time it is that upper bound. Output goes to temp
    files: a pipe that fills up would stall a talkative command.
    """
    full_env = {**os.environ, **(env or {}), "BENCH_SPAWNED": repr(time.time())}
    # Measure programs as installed: with their compiled bytecode cached (pip
    # compiles it on install), not compiling every module at every start.
    full_env.pop("PYTHONDONTWRITEBYTECODE", None)
    with (
        tempfile.TemporaryFile() as out_file,
        tempfile.TemporaryFile() as err_file,
        tempfile.NamedTemporaryFile("r") as peak_file,
    ):
        command = argv
        if GNU_TIME:
            command = [GNU_TIME, "-f", "%M", "-o", peak_file.name, *argv]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out_file, stderr=err_file, env=full_env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        out_file.seek(0)
        err_file.seek(0)
        out = out_file.read().decode()
        err = err_file.read().decode()
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise RuntimeError(f"{' '.join(argv[:3])}… exited {code}: {err[-800:]}")
        peak_mb = usage.ru_maxrss / 1024
        if GNU_TIME:
            peak_mb = int(peak_file.read().split()[-1]) / 1024
    process.returncode = code
    return Sample(seconds, peak_mb, usage.ru_utime + usage.ru_stime), out


def probe(target: str, mode: str, draft: Path, keys: int = 0,
          env: dict[str, str] | None = None) -> tuple[Sample, dict[str, float | str]]:
    """A TUI measurement in its own process (`tui_probe.py`); its sample and full result."""
    sample, out = run_process(
        [PYTHON, str(BENCH / "tui_probe.py"), target, mode, str(draft), str(keys)], env=env
    )
    result = json.loads(out.strip().splitlines()[-1])
    return Sample(result["seconds"], sample.peak_mb), result


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
    parser.add_argument(
        "--only",
        default=",".join(GROUPS),
        help=f"comma-separated groups to measure, of: {', '.join(GROUPS)} (default: all)",
    )
    args = parser.parse_args()
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if not only or only - set(GROUPS):
        parser.error(f"--only takes groups of: {', '.join(GROUPS)}")
    runs = 2 if args.quick else args.runs
    batch = 10 if args.quick else 100
    many = 100 if args.quick else 1000
    keys = 100 if args.quick else 600

    work = Path(tempfile.mkdtemp(prefix="wizard-bench-"))
    figures: list[Figure] = []
    try:
        measure(work, only, runs, batch, many, keys, figures)
        report(figures, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(f.met is not False for f in figures) else 1


GROUPS = ("tui", "start", "save", "render", "check")


def measure(
    work: Path,
    only: set[str],
    runs: int,
    batch: int,
    many: int,
    keys: int,
    figures: list[Figure],
) -> None:
    """Make the drafts the chosen groups need, and measure each figure with its reference."""
    pandoc = shutil.which("pandoc")
    large = corpus.large_draft(work / "stor.toml") if only & {"tui", "start", "save"} else work
    small = corpus.EXAMPLE
    markdown = work / "exempel.md"
    markdown.write_text(corpus.as_markdown(small), encoding="utf-8")
    batch_drafts = corpus.many_drafts(work / "batch", batch) if "render" in only else []
    batch_markdown = []
    for path in batch_drafts:
        md = path.with_suffix(".md")
        md.write_text(corpus.as_markdown(path), encoding="utf-8")
        batch_markdown.append(md)
    check_drafts = corpus.many_drafts(work / "check", many) if "check" in only else []

    def figure(*a: object, **k: object) -> Figure:
        fig = Figure(*a, **k)  # type: ignore[arg-type]
        figures.append(fig)
        print(f"… {fig.name}", file=sys.stderr, flush=True)
        return fig

    if only & {"tui", "start"}:
        fig = figure(
            "TUI start to first paint, 200 KB draft",
            "bare Textual app, same widgets",
            "≤ 1.1×",
            check=lambda m, r: r is not None and m <= 1.1 * r,
        )
        settled = figure(
            "TUI start until idle, 200 KB draft",
            "bare Textual app, same widgets",
            "—",
            note="the first frame's follow-up work done: Textual's pilot sees the process idle",
        )
        for _ in range(runs):
            for target, side, settled_side in (("wizard", fig.ours, settled.ours),
                                               ("bare", fig.theirs, settled.theirs)):
                sample, result = probe(target, "start", large)
                side.append(Sample(sample.seconds, sample.peak_mb, float(result["cpu"])))
                settled_side.append(Sample(float(result["settled"]), sample.peak_mb,
                                           float(result["settled_cpu"])))

    if "tui" in only:
        # Key → frame latency: the wizard and a bare TextArea of the same size holding
        # the same text, alternated; each run's p50 and p99 of `keys` keys.
        p50 = figure(
            f"key → frame, 200 KB text, p50 of {keys} keys",
            "bare TextArea app",
            "≤ 1.1×",
            check=lambda m, r: r is not None and m <= 1.1 * r,
        )
        p99 = figure(
            f"key → frame, 200 KB text, p99 of {keys} keys",
            "bare TextArea app",
            "≤ 1.1×",
            check=lambda m, r: r is not None and m <= 1.1 * r,
        )
        # What the screen around the text area costs in Textual itself: the same keys
        # in a bare app with a header, a sidebar list, inputs and a footer.
        layout = figure(
            f"key → frame, 200 KB text, p50 of {keys} keys, against the same kinds of widgets",
            "bare Textual app: header, sidebar, inputs, footer",
            "—",
            note="Textual redraws every widget whose clip holds the changed text area's "
                 "region; this row shows how much of the first row that is",
        )
        for _ in range(runs):
            ours, result = probe("wizard", "type", large, keys)
            area = {"BENCH_AREA": str(result["area_size"])}
            theirs, reference = probe("bare", "type", large, keys, env=area)
            _, same_kinds = probe("layout", "type", large, keys, env=area)
            for fig, name in ((p50, "p50"), (p99, "p99")):
                fig.ours.append(Sample(float(result[name]), ours.peak_mb))
                fig.theirs.append(Sample(float(reference[name]), theirs.peak_mb))
            layout.ours.append(Sample(float(result["p50"]), ours.peak_mb))
            layout.theirs.append(Sample(float(same_kinds["p50"])))

    if "save" in only:
        fig = figure(
            "one autosave of the 200 KB draft",
            "—",
            "≤ 20 ms",
            check=lambda m, r: m <= 0.020,
            note="in a worker thread in the TUI",
        )
        fig.ours = in_process_saves(large, max(10, runs * 4))

    if "render" in only:
        measure_render(work, runs, batch_drafts, batch_markdown, markdown, pandoc, figure)

    if "check" in only:
        run_process([WIZARD, "check", str(check_drafts[0])])  # untimed warm-up
        fig = figure(f"wizard check of {many:,} drafts", "—", "≤ 2 s", check=lambda m, r: m <= 2.0)
        for _ in range(runs):
            fig.ours.append(run_process([WIZARD, "check", *map(str, check_drafts)])[0])


# What a render needs before it does anything: the import floor of the render stack.
IMPORT_FLOOR = "import docxtpl, jinja2.sandbox, markdown_it, tomli"
# The same with the command-line framework every wizard command runs in.
CLI_FLOOR = IMPORT_FLOOR + ", typer"
SEED_STATEMENT = ROOT / "tests" / "fixtures" / "remissvar-2016.toml"
# The same command without the os._exit at its end (the interpreter torn down as usual).
NO_QUICK_EXIT = (
    "import sys; import wizard.cli.errors as errors; errors.quick_exit = lambda code: None; "
    "from wizard.cli import main; sys.argv = ['wizard', *sys.argv[1:]]; main()"
)


def measure_render(
    work: Path,
    runs: int,
    batch_drafts: list[Path],
    batch_markdown: list[Path],
    markdown: Path,
    pandoc: str | None,
    figure: Callable[..., Figure],
) -> None:
    """The render rows: one draft against the import floor, a batch against pandoc, in-process."""
    small = corpus.EXAMPLE
    out = work / "out"
    out.mkdir()
    # One untimed run of each first: bytecode written, files in the page cache.
    run_process([WIZARD, "render", str(small), "-o", str(out / "warm.docx")])
    run_process([PYTHON, "-c", IMPORT_FLOOR])
    run_process([PYTHON, "-c", CLI_FLOOR])
    if pandoc:
        run_process([pandoc, str(markdown), "-o", str(out / "warm-pandoc.docx")])

    one = figure(
        "wizard render, one draft, whole process",
        f"import floor: python -c '{IMPORT_FLOOR}'",
        "≤ 1.3×",
        check=lambda m, r: r is not None and m <= 1.3 * r,
    )
    with_typer = figure(
        "the same, against the import floor with typer",
        f"python -c '{CLI_FLOOR}'",
        "—",
        note="what the command adds to the libraries it cannot start without",
    )
    slow_exit = figure(
        "the same, without os._exit at the end",
        "with os._exit (the row above)",
        "keep it if > 10 %",
    )

    for _ in range(runs):
        one.theirs.append(run_process([PYTHON, "-c", IMPORT_FLOOR])[0])
        sample = run_process([WIZARD, "render", str(small), "-o", str(out / "one.docx")])[0]
        one.ours.append(sample)
        with_typer.ours.append(sample)
        with_typer.theirs.append(run_process([PYTHON, "-c", CLI_FLOOR])[0])
        slow_exit.theirs.append(sample)
        slow_exit.ours.append(run_process(
            [PYTHON, "-c", NO_QUICK_EXIT, "render", str(small), "-o", str(out / "two.docx")]
        )[0])
    saved = slow_exit.median - one.median
    slow_exit.note = (f"os._exit saves {saved * 1000:.0f} ms, {saved / slow_exit.median:.0%} "
                      "of the row")

    fig = figure(
        f"wizard render of {len(batch_drafts)} drafts in one call",
        f"{len(batch_drafts)} pandoc calls",
        "≥ 8× faster",
        check=lambda m, r: r is not None and r >= 8 * m,
    )
    unmarked = figure(
        f"the same, {len(batch_drafts)} drafts, with no word lists",
        f"{len(batch_drafts)} pandoc calls (the row above)",
        "—",
        faster=True,
    )
    no_lists = _without_word_lists(work)
    batch_command = [WIZARD, "render", *map(str, batch_drafts), "--out-dir", str(out / "batch")]
    # Every run, not half of them: the batch's time moves by a fifth from one minute
    # to the next on a shared machine, and four samples left the ratio to chance.
    for _ in range(runs):
        fig.ours.append(run_process(batch_command)[0])
        unmarked.ours.append(run_process(batch_command, env=no_lists)[0])
        if pandoc:
            # Like the wizard's, each document is a file of its own.
            (out / "batch-pandoc").mkdir(exist_ok=True)
            started = time.perf_counter()
            peak = cpu = 0.0
            for md in batch_markdown:
                target = out / "batch-pandoc" / md.with_suffix(".docx").name
                sample, _ = run_process([pandoc, str(md), "-o", str(target)])
                peak = max(peak, sample.peak_mb)
                cpu += sample.cpu_seconds or 0.0
            fig.theirs.append(Sample(time.perf_counter() - started, peak, cpu))
    unmarked.theirs = fig.theirs
    marks = fig.median - unmarked.median
    unmarked.note = (
        "the words of the spell checker's lists put in runs Word does not proof (w:noProof) "
        f"cost {marks * 1000:.0f} ms, {marks / fig.median:.0%} of the batch"
    )
    if not pandoc:
        fig.note = "pandoc saknas: referensen hoppades över"

    first = figure(
        "Skapa dokument, seed statement, in process: first of a session",
        "—",
        "≤ 50 ms",
        check=lambda m, r: m <= 0.050,
        note="render_statement timed in process (not through the TUI's key handling); "
             "the first call reads and compiles the template",
    )
    later = figure(
        "Skapa dokument, seed statement, in process: template kept",
        "—",
        "≤ 50 ms",
        check=lambda m, r: m <= 0.050,
        note="render_statement timed in process, the template already loaded",
    )
    for _ in range(runs):
        sample, text = run_process(
            [PYTHON, str(BENCH / "render_probe.py"), str(SEED_STATEMENT), str(out), "5"]
        )
        result = json.loads(text.strip().splitlines()[-1])
        first.ours.append(Sample(result["first"], result["peak_mb"]))
        later.ours.extend(Sample(seconds, result["peak_mb"]) for seconds in result["later"])


def _without_word_lists(work: Path) -> dict[str, str]:
    """The environment of a render that finds no word list, so marks no word noProof:
    the shipped templates with the municipal list emptied, and a config folder of its own
    (no personal list, no profile naming an organisation's)."""
    from wizard.storage.language import MUNICIPAL_WORD_LIST

    templates = work / "templates-without-lists"
    if not templates.exists():
        shutil.copytree(ROOT / "templates", templates)
        (templates / MUNICIPAL_WORD_LIST).write_text("", encoding="utf-8")
    config = work / "config-without-lists"
    config.mkdir(exist_ok=True)
    return {"WIZARD_TEMPLATES": str(templates), "WIZARD_CONFIG_DIR": str(config),
            "WIZARD_ORG_DIR": ""}


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


def _ratio_text(fig: Figure) -> str:
    """Ours over the reference; for a "faster" goal, how many times faster."""
    if not fig.ratio:
        return "—"
    if fig.faster or "faster" in fig.goal:
        return f"{1 / fig.ratio:.1f}× faster"
    return f"{fig.ratio:.2f}×"


def _ms(seconds: float) -> str:
    """Milliseconds, with a decimal below 100 ms (key latencies are a few ms)."""
    return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


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
            _ms(fig.median),
            fig.reference,
            _ms(ref) if ref else "—",
            _ratio_text(fig),
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
                "cpu_samples_s": [s.cpu_seconds for s in fig.ours],
                "reference_cpu_samples_s": [s.cpu_seconds for s in fig.theirs],
            }
        )
    Console(width=140).print(table)
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
