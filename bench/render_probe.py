"""In-process timing of "Skapa dokument": `render_statement` of one draft, .docx only.

Run as its own process by `bench/run.py`; prints one JSON line: the seconds of
the first call (the template read and compiled on the way, as the first
"Skapa dokument" of a session) and of each later call (the template kept), and
the process's peak resident memory. The render stack is imported before the
clock starts, as the TUI has it loaded by the time the review step is shown.
Each call reads the word lists and passes their words, as "Skapa dokument" does.

    .venv/bin/python bench/render_probe.py DRAFT.toml OUT_DIR RUNS
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    draft_path, out_dir, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    from wizard.render.api import render_statement
    from wizard.storage.language import proofing_words
    from wizard.storage.reading import read_draft

    draft = read_draft(draft_path)
    timings = []
    for number in range(runs + 1):
        started = time.perf_counter()
        words, _ = proofing_words()
        render_statement(draft, out_dir / f"probe-{number}.docx", allow_incomplete=True,
                         accepted_words=words)
        timings.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"first": timings[0], "later": timings[1:], "peak_mb": peak_mb}))


if __name__ == "__main__":
    main()
