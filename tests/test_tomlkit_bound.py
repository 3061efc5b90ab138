"""Saving relies on two private tomlkit methods; the version bound keeps them the ones tested.

tomlkit has no public way to insert a key or a table at a position, so storage
uses ``Container._insert_at`` and ``_insert_after`` (with a fallback that
appends). A private method may change in any minor release: pyproject.toml
bounds tomlkit below the next minor version, and these tests check that the
bound is there, that the installed tomlkit is inside it, and that the two
methods still do what storage expects of them.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

import tomlkit
from packaging.requirements import Requirement
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def tomlkit_requirement() -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (found,) = [Requirement(item) for item in project["dependencies"]
                if Requirement(item).name == "tomlkit"]
    return found


def test_tomlkit_is_bounded_below_the_next_minor_version():
    requirement = tomlkit_requirement()
    uppers = [spec for spec in requirement.specifier if spec.operator in ("<", "<=", "==", "~=")]
    assert uppers, f"{requirement} has no upper bound"
    lower = min(Version(spec.version) for spec in requirement.specifier if spec.operator == ">=")
    next_minor = Version(f"{lower.major}.{lower.minor + 1}")
    assert not requirement.specifier.contains(next_minor), (
        f"{requirement} admits {next_minor}, whose private methods are untested"
    )


def test_installed_tomlkit_is_inside_the_bound():
    requirement = tomlkit_requirement()
    installed = version("tomlkit")
    assert requirement.specifier.contains(installed), (
        f"tomlkit {installed} is outside {requirement}"
    )


def test_the_private_insert_methods_do_what_storage_expects():
    document = tomlkit.parse('a = 1\n\n[t]\nx = 1\nz = 3\n\n[u]\ny = 2\n')
    container = document["t"].value  # storage calls them on a table's container
    container._insert_after("x", "y", 2)
    index = next(i for i, (key, _) in enumerate(document.body) if key is not None
                 and key.key == "u")
    new = tomlkit.table()
    new.add("k", "v")
    document._insert_at(index, "s", new)
    text = document.as_string()
    assert tomllib.loads(text) == {"a": 1, "t": {"x": 1, "y": 2, "z": 3}, "s": {"k": "v"},
                                   "u": {"y": 2}}
    assert text.index("y = 2") < text.index("z = 3") < text.index("[s]") < text.index("[u]")
