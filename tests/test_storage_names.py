"""File names for new drafts: from the title, safe on every OS, å/ä/ö kept, never reused."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from wizard.storage import draft_filename, unique_path
from wizard.storage.names import MAX_STEM


@pytest.mark.parametrize("title, name", [
    ("Internationell strategi för Stockholms stad",
     "internationell-strategi-för-stockholms-stad.toml"),
    ("Åtgärdsplan: buller/vibrationer? <2016>", "åtgärdsplan-buller-vibrationer-2016.toml"),
    ('Remiss "Öppna data" – del 2', "remiss-öppna-data-del-2.toml"),
    ("  ..Dold fil.. ", "dold-fil.toml"),
    ("CON", "con-utkast.toml"),
    ("nul", "nul-utkast.toml"),
    ("???", "utkast.toml"),
    ("", "utkast.toml"),
    ("Tab\toch\nradbrytning\x00", "tab-och-radbrytning.toml"),
])
def test_draft_filename(title, name):
    assert draft_filename(title) == name


def test_decomposed_letters_are_composed():
    decomposed = unicodedata.normalize("NFD", "Miljöförvaltningen")
    assert draft_filename(decomposed) == "miljöförvaltningen.toml"


def test_long_titles_are_cut_at_a_word_boundary_free_of_hyphens():
    name = draft_filename("Ett mycket långt namn " * 20)
    stem = name.removesuffix(".toml")
    assert len(stem) <= MAX_STEM
    assert not stem.endswith("-")


def test_unique_path_numbers_taken_names(tmp_path: Path):
    first = unique_path(tmp_path, "utkast.toml")
    assert first == tmp_path / "utkast.toml"
    first.write_text("format = 1\n", encoding="utf-8")
    second = unique_path(tmp_path, "utkast.toml")
    assert second == tmp_path / "utkast-2.toml"
    second.write_text("format = 1\n", encoding="utf-8")
    assert unique_path(tmp_path, "utkast.toml") == tmp_path / "utkast-3.toml"

