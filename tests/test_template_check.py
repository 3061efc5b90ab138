"""`wizard template check`: the default template is clean; broken ones are named precisely."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from wizard.cli import app
from wizard.errors import TemplateError
from wizard.paths import default_template
from wizard.render.check import check_template

runner = CliRunner()


def _template(tmp_path: Path, *paragraphs: str, split_runs: bool = False) -> Path:
    """A template made with python-docx; ``split_runs`` types each tag in pieces, as Word does."""
    document = docx.Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        if split_runs:
            for piece in (text[i : i + 3] for i in range(0, len(text), 3)):
                paragraph.add_run(piece)
        else:
            paragraph.add_run(text)
    path = tmp_path / "mall.docx"
    document.save(str(path))
    return path


def test_default_template_is_clean() -> None:
    assert check_template(default_template()) == []
    result = runner.invoke(app, ["template", "check", str(default_template())])
    assert result.exit_code == 0, result.output
    assert "mallen är bra" in result.output


def test_unclosed_tag_is_named_with_its_paragraph(tmp_path: Path) -> None:
    path = _template(tmp_path, "Rubrik: {{ referral.title }}", "Till {{ meeting.committee", "Slut")
    problems = check_template(path)
    syntax = [p for p in problems if p.kind == "syntax"]
    assert len(syntax) == 1
    assert "Till {{ meeting.committee" in syntax[0].message
    result = runner.invoke(app, ["template", "check", str(path)])
    assert result.exit_code == 1
    assert "Till {{ meeting.committee" in result.output


def test_unclosed_block_is_named(tmp_path: Path) -> None:
    path = _template(tmp_path, "{%p for decision in decisions %}", "{{ decision.text }}")
    problems = check_template(path)
    assert [p.kind for p in problems] == ["syntax"]
    assert "endfor" in problems[0].message


def test_paragraph_values_inside_a_line_are_named(tmp_path: Path) -> None:
    path = _template(tmp_path, "Sammanfattning: {{ texts.summary }}", "{{p texts.views }}")
    problems = [p.message for p in check_template(path) if p.kind == "placement"]
    assert len(problems) == 1
    assert "{{p texts.summary }}" in problems[0] and "Sammanfattning:" in problems[0]


def test_unknown_names_and_fields_are_named(tmp_path: Path) -> None:
    path = _template(
        tmp_path,
        "{{ handlaggare }}",
        "{{ referral.titel }}",
        "{%p for d in decisions %}",
        "{{ d.texten }}",
        "{%p endfor %}",
    )
    messages = [p.message for p in check_template(path) if p.kind == "unknown"]
    assert any("handlaggare" in m for m in messages)
    assert any("referral.titel" in m for m in messages)
    assert any("d.texten" in m and "text" in m for m in messages)


def test_fields_never_shown_are_listed(tmp_path: Path) -> None:
    path = _template(tmp_path, "{{ referral.title }}", "{{p texts.summary }}")
    unused = {p.message.split()[1] for p in check_template(path) if p.kind == "unused"}
    assert "referral.title" not in unused and "texts.summary" not in unused
    assert {"referral.dnr", "texts.views", "decisions.text", "signatures.name"} <= unused


def test_tags_split_across_runs_are_read_whole(tmp_path: Path) -> None:
    path = _template(tmp_path, "{{ referral.titel }}", split_runs=True)
    messages = [p.message for p in check_template(path) if p.kind == "unknown"]
    assert any("referral.titel" in m for m in messages)


def test_not_a_word_file(tmp_path: Path) -> None:
    path = tmp_path / "mall.docx"
    path.write_text("inte en zip")
    with pytest.raises(TemplateError, match="inte ett Word-dokument"):
        check_template(path)
    result = runner.invoke(app, ["template", "check", str(path)])
    assert result.exit_code == 2


def test_tags_split_across_runs_render(tmp_path: Path) -> None:
    from wizard.render import render_statement
    from wizard.storage.reading import read_draft

    path = _template(tmp_path, "Ärende: {{ referral.title }}", "{{p texts.summary }}",
                     split_runs=True)
    draft = read_draft(Path(__file__).resolve().parent.parent / "drafts" / "exempel.toml")
    render_statement(draft, tmp_path / "out.docx", template=path)
    texts = [p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs]
    assert texts[0] == f"Ärende: {draft.referral.title}"
    assert texts[1].startswith("Kommunstyrelsen har remitterat")
