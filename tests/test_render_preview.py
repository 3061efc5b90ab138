"""The review step's Markdown: same content and order as the document, typed text shown as typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markdown_it import MarkdownIt

from wizard.model import Decision, Direction, Draft
from wizard.render.markup import parse
from wizard.render.preview import statement_markdown
from wizard.storage.draftfile import read_draft

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "drafts" / "exempel.toml"


def _html(markdown: str) -> str:
    # The parser the TUI's Markdown widget uses.
    return MarkdownIt("gfm-like").render(markdown)


def test_preview_follows_document_order() -> None:
    markdown = statement_markdown(read_draft(EXAMPLE))
    order = [
        "Handläggare",
        "# Internationell strategi för Stockholms stad",
        "## Förvaltningens förslag till beslut",
        "Karin Bergström",
        "## Sammanfattning",
        "## Bakgrund",
        "**Profilering** –",
        "## Förvaltningens synpunkter och förslag",
        "### Profilering",
        "SLUT",
        "## Bilagor",
    ]
    positions = [markdown.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_typed_markup_characters_show_as_typed() -> None:
    draft = read_draft(EXAMPLE)
    draft.referral.title = "# {{ x }} <b>&amp; 1. *a*"
    draft.decisions = [Decision(text="- inte en lista & <tagg>")]
    html = _html(statement_markdown(draft))
    assert "<h1># {{ x }} &lt;b&gt;&amp;amp; 1. *a*</h1>" in html
    assert "<li>- inte en lista &amp; &lt;tagg&gt;</li>" in html


def test_lists_and_emphasis_come_from_the_parsed_text() -> None:
    draft = Draft()
    draft.texts.views = "Inledning\n- ett *kursivt* ord\n- **fet**\n3. tre\n4. fyra"
    html = _html(statement_markdown(draft, today=dt.date(2026, 1, 2)))
    assert "<p>ett <em>kursivt</em> ord</p>" in html
    assert "<p><strong>fet</strong></p>" in html
    assert '<ol start="3">' in html
    assert "2026-01-02" in html


def test_empty_optional_parts_leave_nothing() -> None:
    draft = read_draft(EXAMPLE)
    draft.attachments = []
    draft.referral.deadline = None
    draft.directions = [Direction(name="Profilering")]
    markdown = statement_markdown(draft)
    assert "Bilagor" not in markdown
    assert "Remisstiden går ut 2016" not in markdown
    assert "###" not in markdown


def test_preview_paragraphs_match_parsed_blocks() -> None:
    draft = read_draft(EXAMPLE)
    html = _html(statement_markdown(draft))
    for paragraph in parse(draft.texts.summary):
        assert paragraph.text.replace("*", "") in html.replace("<em>", "").replace("</em>", "")
