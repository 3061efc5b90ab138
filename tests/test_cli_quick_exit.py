"""``wizard render`` ends its process without tearing the interpreter down: nothing is lost.

Run as the console script runs (``python -m wizard``), with output to pipes, so
that what was printed must have been flushed before the quick exit, and the
exit code must be the command's own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "drafts" / "exempel.toml"
INCOMPLETE = ROOT / "tests" / "fixtures" / "drafts" / "handredigerad.toml"


def wizard(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "wizard", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_render_output_and_exit_code_survive_the_quick_exit(tmp_path: Path) -> None:
    target = tmp_path / "ut.docx"
    done = wizard("render", str(EXAMPLE), "-o", str(target), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"→ {target}" in done.stdout
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_render_refusal_keeps_its_exit_code_and_messages(tmp_path: Path) -> None:
    draft = tmp_path / "ofardig.toml"
    shutil.copyfile(INCOMPLETE, draft)
    done = wizard("render", str(draft), cwd=tmp_path)
    assert done.returncode == 1
    assert "texts.background" in done.stdout
    assert not draft.with_suffix(".docx").exists()


def test_many_drafts_with_workers_end_cleanly(tmp_path: Path) -> None:
    drafts = []
    for number in range(20):  # enough for the forked workers
        path = tmp_path / f"utkast-{number:02d}.toml"
        shutil.copyfile(EXAMPLE, path)
        drafts.append(str(path))
    out = tmp_path / "ut"
    done = wizard("render", *drafts, "--out-dir", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "20 av 20 dokument skapade." in done.stdout
    assert len(list(out.glob("*.docx"))) == 20


def test_an_unreadable_draft_exits_2_with_its_message(tmp_path: Path) -> None:
    done = wizard("render", str(tmp_path / "saknas.toml"), cwd=tmp_path)
    assert done.returncode == 2
    assert "saknas.toml" in done.stderr
