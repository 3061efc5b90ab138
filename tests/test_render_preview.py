"""The review step's Markdown: same content and order as the document, typed text shown as typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markdown_it import MarkdownIt

from wizard.model import Decision, Direction, Draft
from wizard.render.markup import parse
from wizard.render.preview import statement_markdown
from wizard.storage.reading import read_draft

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


def _preview_blocks(markdown: str) -> list[str]:
    """Text of each heading, paragraph and list item of the preview, from the title on."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(f"<div>{_html(markdown)}</div>")
    blocks = []
    for element in root.iter("h1", "h2", "h3", "p", "li"):
        if element.tag == "li" and element.find("p") is not None:
            continue
        blocks.append(element.text_content())
    title = next(i for i, e in enumerate(root.iter("h1", "h2", "h3", "p", "li")) if e.tag == "h1")
    return blocks[title:]


def _document_blocks(path: Path) -> list[str]:
    """Text of each body paragraph of the .docx, and each signature as name and title."""
    from tests.test_render_support import body_blocks, open_docx

    blocks = []
    for block in body_blocks(open_docx(path))[1:]:  # the address block is not in the body text
        if hasattr(block, "rows"):
            cells = block.rows[0].cells
            blocks.extend("\n".join(p.text for p in cell.paragraphs) for cell in cells)
        else:
            blocks.append(block.text)
    return blocks


def test_preview_and_document_say_the_same(tmp_path: Path) -> None:
    from wizard.render import render_statement

    for source in (EXAMPLE, ROOT / "tests" / "fixtures" / "remissvar-2016.toml"):
        draft = read_draft(source)
        draft.texts.background_after += "\n- *fet*  & <b> {{ x }}\n3. tre\nslut_ord"
        # Every paragraph of an inriktning's description, not only the first and last.
        draft.directions[0].description += "\nAndra stycket.\nTredje stycket."
        today = dt.date(2016, 9, 1)
        render_statement(draft, tmp_path / "out.docx", today=today)
        assert _preview_blocks(statement_markdown(draft, today=today)) == _document_blocks(
            tmp_path / "out.docx"
        )


def test_preview_of_an_empty_draft_shows_the_utkasts_placeholders(tmp_path: Path) -> None:
    from wizard.render import render_statement

    today = dt.date(2016, 9, 1)
    render_statement(Draft(), tmp_path / "out.docx", today=today, allow_incomplete=True)
    preview = _preview_blocks(statement_markdown(Draft(), today=today))
    assert preview == _document_blocks(tmp_path / "out.docx")
    assert "[Ärendets rubrik saknas]" in preview


def test_preview_loads_no_word_machinery() -> None:
    """The review step imports the preview on every visit: it must stay pure Python and light."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from wizard.render.preview import statement_markdown\n"
        "from wizard.storage.reading import read_draft\n"
        f"statement_markdown(read_draft({str(EXAMPLE)!r}))\n"
        "heavy = [m for m in sys.modules\n"
        "         if m.split('.')[0] in ('lxml', 'jinja2', 'docx', 'textual')]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
