"""The model, storage, render and command-line layers never import Textual.

Checked in a fresh interpreter, so that another test's imports cannot hide a
leak: ``check``, ``list`` and ``render`` must start fast and work without a
screen.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

REPORT = (
    "import json, sys\n"
    "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
    "print(json.dumps(loaded), file=sys.stderr)\n"
)


def textual_modules(code: str) -> tuple[list[str], subprocess.CompletedProcess[str]]:
    """Run ``code`` in a fresh interpreter; return the Textual modules it had loaded."""
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{REPORT}"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stderr.strip().splitlines()[-1]), done


LAYERS = ["wizard.model", "wizard.storage", "wizard.cli", "wizard.errors", "wizard.paths"]
if importlib.util.find_spec("wizard.render") is not None:
    LAYERS.append("wizard.render")


def test_probe_sees_textual_when_it_is_imported():
    """The check itself works: importing Textual is noticed."""
    loaded, _ = textual_modules("import textual.app")
    assert "textual" in loaded


@pytest.mark.parametrize("module", LAYERS)
def test_layer_does_not_import_textual(module):
    loaded, _ = textual_modules(f"import {module}")
    assert loaded == []


def test_wizard_check_does_not_import_textual():
    code = (
        "import sys\n"
        "from wizard.cli import app\n"
        "sys.argv = ['wizard', 'check', 'drafts/exempel.toml']\n"
        "try:\n"
        "    app()\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, None), done.code\n"
    )
    loaded, done = textual_modules(code)
    assert "drafts/exempel.toml: klart" in done.stdout
    assert loaded == []
