"""Shared test helpers: paths of the project's files and fixtures, nothing more."""

from __future__ import annotations

import os
import shutil
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

# Spell checking loads a 4 MB dictionary in a process of its own: off for the suite (and
# its snapshots), on in the tests of spelling (tests/test_spelling_tui.py).
os.environ.setdefault("WIZARD_SPELLING", "0")

# spylls (the spell checker's engine) installs a top-level package named `tests` into
# site-packages, which would win over this folder (a namespace package) in
# `from tests.test_render_support import …`: the name is this folder.
_suite = types.ModuleType("tests")
_suite.__path__ = [str(Path(__file__).resolve().parent)]
sys.modules["tests"] = _suite

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def own_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test has its own empty config folder and no organisation folder."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("WIZARD_CONFIG_DIR", str(folder))
    monkeypatch.delenv("WIZARD_ORG_DIR", raising=False)
    return folder


@pytest.fixture
def example_path() -> Path:
    """The complete example draft shipped with the project (read it, never write it)."""
    return ROOT / "drafts" / "exempel.toml"


@pytest.fixture
def draft_copy(tmp_path: Path) -> Callable[..., Path]:
    """Copy a fixture draft (``tests/fixtures/drafts/NAME``) into a temp folder.

    ``newline="\\r\\n"`` converts its line ends; ``prefix`` adds bytes (a BOM).
    """

    def copy(name: str, *, newline: str = "\n", prefix: bytes = b"", target: str = "") -> Path:
        source = FIXTURES / "drafts" / name
        path = tmp_path / (target or name)
        data = source.read_bytes()
        if newline != "\n":
            data = data.replace(b"\n", newline.encode())
        path.write_bytes(prefix + data)
        return path

    return copy


@pytest.fixture
def example_copy(tmp_path: Path, example_path: Path) -> Path:
    """A writable copy of the example draft."""
    path = tmp_path / "exempel.toml"
    shutil.copyfile(example_path, path)
    return path


@pytest.fixture(autouse=True)
def own_state_folder(tmp_path_factory: pytest.TempPathFactory,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Recovery files a test provokes go to a temp state folder, not the person's own."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
