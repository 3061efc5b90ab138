"""Imports go one way: model <- storage <- render <- cli / tui.

Each layer, with every module in it, is imported in a fresh interpreter, so
that another test's imports cannot hide a module reaching up a layer (as the
phrase library once read its file through storage from inside the model).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each layer and the layers above it, which it must never load.
ABOVE = {
    "wizard.model": ["wizard.storage", "wizard.render", "wizard.cli", "wizard.tui"],
    "wizard.storage": ["wizard.render", "wizard.cli", "wizard.tui"],
    "wizard.render": ["wizard.cli", "wizard.tui"],
}

PROBE = """
import importlib, json, pkgutil, sys
package = importlib.import_module({layer!r})
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    importlib.import_module(info.name)
print(json.dumps(sorted(m for m in sys.modules if m.startswith("wizard."))))
"""


def loaded_by(layer: str) -> list[str]:
    """The wizard modules loaded after importing every module of ``layer``."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(layer=layer)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_probe_sees_another_layer() -> None:
    """The check itself works: storage is seen loading the model."""
    assert "wizard.model.draft" in loaded_by("wizard.storage")


@pytest.mark.parametrize("layer", sorted(ABOVE))
def test_layer_imports_nothing_above_it(layer: str) -> None:
    loaded = loaded_by(layer)
    above = [name for name in loaded
             if any(name == top or name.startswith(top + ".") for top in ABOVE[layer])]
    assert above == [], f"{layer} loads {above}"
