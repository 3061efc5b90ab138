"""What ``wizard render`` prints: names as they are, plain when piped, styled on a terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from wizard.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "drafts" / "exempel.toml"
runner = CliRunner()


def test_names_that_look_like_markup_are_printed_as_they_are(tmp_path: Path) -> None:
    draft = tmp_path / "[bold]utkast [x].toml"
    shutil.copyfile(EXAMPLE, draft)
    result = runner.invoke(app, ["render", str(draft)])
    assert result.exit_code == 0, result.output
    assert f"✓ {draft} → {draft.with_suffix('.docx')}" in result.output
    assert draft.with_suffix(".docx").exists()


def _run(code: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **env})


RENDER = (
    "import json, sys\n"
    "from wizard.cli import app\n"
    "try:\n"
    "    app(sys.argv[1:])\n"
    "except SystemExit as done:\n"
    "    loaded = any(m == 'rich' or m.startswith('rich.') for m in sys.modules)\n"
    "    heavy = sorted(m for m in ('pydantic', 'textual', 'tomlkit') if m in sys.modules)\n"
    "    print(json.dumps([done.code, loaded, heavy]), file=sys.stderr)\n"
)


def test_piped_output_is_plain_and_needs_no_rich(tmp_path: Path) -> None:
    """Nor pydantic (typer 0.29 loads it for every command), Textual or tomlkit.

Rendering only reads the draft (`storage.reading`); tomlkit, which keeps a
draft's comments for editing, is not needed and costs ~10 ms of each start.
"""
    target = tmp_path / "ut.docx"
    code = RENDER.replace("sys.argv[1:]", repr(["render", str(EXAMPLE), "-o", str(target)]))
    env = {"FORCE_COLOR": "", "TTY_COMPATIBLE": ""}
    done = _run(code, env, tmp_path)
    exit_code, rich_loaded, heavy = json.loads(done.stderr.strip().splitlines()[-1])
    assert exit_code == 0
    assert done.stdout == f"✓ {EXAMPLE} → {target}\n"
    assert rich_loaded is False
    assert heavy == []


def test_forced_colour_output_is_styled_by_rich(tmp_path: Path) -> None:
    target = tmp_path / "[x].docx"
    code = RENDER.replace("sys.argv[1:]", repr(["render", str(EXAMPLE), "-o", str(target)]))
    done = _run(code, {"FORCE_COLOR": "1"}, tmp_path)
    exit_code, rich_loaded, _ = json.loads(done.stderr.strip().splitlines()[-1])
    assert exit_code == 0
    assert rich_loaded is True
    assert "\x1b[" in done.stdout
    assert str(target) in done.stdout
