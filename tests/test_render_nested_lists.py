"""Numbered lists below the first level start at their own first number and restart per list.

A numbered list in an inriktning's description stands at level 1, under the
inriktning's item; a numbered list in a bullet item ("- 5. …") too. Each list has
a numbering instance of its own with the list's first number as the start
override of the level it stands at (``w:lvlOverride/w:startOverride`` for that
``w:ilvl``), and the preview shows the same numbers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markdown_it import MarkdownIt

from tests.test_render_support import (
    EXAMPLE,
    body_paragraphs,
    list_position,
    numbering_root,
    open_docx,
)
from wizard.model import Direction
from wizard.render import render_statement
from wizard.render.preview import statement_markdown
from wizard.storage.reading import read_draft

TODAY = dt.date(2016, 9, 1)
DESCRIPTION = "Inriktningen i korthet.\n3. tre\n4. fyra\nMellan listorna.\n7. sju\n8. åtta"


def nested_draft():
    draft = read_draft(EXAMPLE)
    draft.directions = [
        Direction(name="Profilering", description=DESCRIPTION),
        Direction(name="Samverkan", description="Kort.\n1. ett\n2. två"),
    ]
    draft.texts.summary = "Inledning:\n- punkt\n- 5. fem\n- 6. sex"
    return draft


def _start_overrides(document, num_id: str) -> dict[int, int]:
    num = next(n for n in numbering_root(document).iter(f"{{{W}}}num")
               if n.get(f"{{{W}}}numId") == num_id)
    return {int(o.get(f"{{{W}}}ilvl")): int(o.find(f"{{{W}}}startOverride").get(f"{{{W}}}val"))
            for o in num.iter(f"{{{W}}}lvlOverride")}


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_nested_numbered_lists_start_at_their_number_and_restart(tmp_path: Path) -> None:
    path = tmp_path / "out.docx"
    render_statement(nested_draft(), path, today=TODAY)
    document = open_docx(path)
    paragraphs = {p.text: p for p in body_paragraphs(document)}
    found = {text: list_position(document, paragraphs[text])
             for text in ("tre", "fyra", "sju", "åtta", "ett", "två", "fem", "sex")}
    # Under the inriktning's item, level 1, each list from its own first number.
    assert all(found[t].level == 1 and found[t].fmt == "decimal"
               for t in ("tre", "sju", "ett"))
    assert [found[t].start for t in ("tre", "sju", "ett")] == [3, 7, 1]
    assert found["tre"].num_id == found["fyra"].num_id
    assert found["sju"].num_id == found["åtta"].num_id
    assert len({found[t].num_id for t in ("tre", "sju", "ett")}) == 3  # each list restarts
    # The start is the override of the level the items stand at; the others start at 1.
    overrides = _start_overrides(document, found["tre"].num_id)
    assert overrides[1] == 3 and all(overrides[level] == 1 for level in overrides if level != 1)
    assert _start_overrides(document, found["sju"].num_id)[1] == 7
    # "- 5. fem" is a numbered list inside a bullet item: level 1, from 5.
    assert found["fem"].level == 1 and found["fem"].start == 5
    assert found["sex"].start == 6 and found["sex"].num_id != found["fem"].num_id
    # The inriktningar themselves are still one list at level 0 from 1.
    items = [list_position(document, p) for p in body_paragraphs(document)
             if p.text.startswith(("Profilering –", "Samverkan –"))]
    assert [(p.level, p.start) for p in items] == [(0, 1), (0, 1)]
    assert items[0].num_id == items[1].num_id


def test_preview_shows_the_same_numbers() -> None:
    """The review step's Markdown (parsed as the TUI's widget parses it) numbers alike."""
    tokens = MarkdownIt("gfm-like").parse(statement_markdown(nested_draft(), today=TODAY))
    starts = []
    for position, token in enumerate(tokens):
        if token.type == "ordered_list_open":
            first_item = tokens[position + 1]
            text = next(t.content for t in tokens[position:] if t.type == "inline")
            starts.append((token.level, first_item.info, text))
    # The inriktningar's list, then the lists inside the first one's item, nested.
    nested = [(level, number, text) for level, number, text in starts
              if text in ("tre", "sju", "ett", "fem", "sex")]
    assert nested == [(0, "5", "fem"), (0, "6", "sex"),
                      (2, "3", "tre"), (2, "7", "sju"), (2, "1", "ett")]
