"""`template check` tells the truth: every template `render` refuses, the check names first.

A corpus of broken and hostile templates, each made here with python-docx.
For each one, `render` is tried with the example draft; when it refuses, the
check must already have reported a problem (not only "never shown"), in
Swedish, with the paragraph as typed.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from tests.test_render_support import EXAMPLE
from wizard.cli import app
from wizard.errors import TemplateError, WizardError
from wizard.render import render_statement
from wizard.render.check import check_template
from wizard.storage.reading import read_draft

runner = CliRunner()


def _template(path: Path, *paragraphs: str, table: list[list[str]] | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.paragraphs[0].add_run(text)
    document.save(str(path))
    return path


# name -> (paragraphs, a table or None, what the check's message must quote)
CORPUS: dict[str, tuple[tuple[str, ...], list[list[str]] | None, str]] = {
    "unclosed_value": (("Rubrik {{ referral.title",), None, "Rubrik {{ referral.title"),
    "unclosed_block": (("{%p for d in decisions %}", "{{ d.text }}"), None,
                       "{%p for d in decisions %}"),
    "stray_end": (("{{ referral.title }}", "{%p endif %}"), None, "{%p endif %}"),
    "misspelt_end": (("{%p if meeting.immediate %}", "Ja", "{%p endfi %}"), None,
                     "{%p if meeting.immediate %}"),
    "escape": (("{{ cycler.__init__.__globals__ }}",), None, "cycler.__init__"),
    "include": (("{% include 'annan.docx' %}",), None, "include"),
    "import": (("{% import 'makron' as m %}",), None, "import"),
    "extends": (("{% extends 'bas' %}",), None, "extends"),
    "unknown_filter": (("{{ referral.title|upperr }}",), None, "upperr"),
    "unknown_test": (("{% if referral.title is oddd %}x{% endif %}",), None, "oddd"),
    "unknown_name": (("Handläggare: {{ handlaggare }}",), None, "Handläggare: {{ handlaggare }}"),
    "unknown_field": (("Ärende: {{ referral.titel }}",), None, "menade du referral.title?"),
    "mutation": (("{{ decisions.append(1) }}",), None, "append"),
    "row_tag_outside_table": (("{%tr for d in decisions %}", "{%tr endfor %}"), None,
                              "{%tr for d in decisions %}"),
    "cell_tag_outside_table": (("{% colspan 2 %}",), None, "colspan"),
    "division": (("Kvot {{ 1 / 0 }}",), None, "Kvot {{ 1 / 0 }}"),
    "broken_xml": (("{{ '<w:p>'|safe }}",), None, "trasig XML"),
    "join_bomb": (("{{ (['x' * 1000000] * 10000)|join }}",), None, "för lång text"),
    "bad_loop_in_cell": ((), [["{%tc for d in decisions %}", "{{ d.texten }}"]],
                         "{%tc for d in decisions %}"),
}


def _refused_by_render(path: Path, tmp_path: Path) -> bool:
    try:
        render_statement(read_draft(EXAMPLE), tmp_path / "ut.docx", template=path)
    except WizardError:
        return True
    return False


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_check_reports_what_render_refuses(name: str, tmp_path: Path) -> None:
    paragraphs, table, quoted = CORPUS[name]
    path = _template(tmp_path / f"{name}.docx", *paragraphs, table=table)
    assert _refused_by_render(path, tmp_path), f"{name}: render should refuse this template"
    problems = [p for p in check_template(path) if p.kind != "unused"]
    assert problems, f"{name}: check found nothing"
    assert any(quoted in p.message for p in problems), [p.message for p in problems]
    for problem in problems:  # Swedish first; Jinja's English only as a detail after it
        assert not problem.message.startswith(("Unexpected", "Encountered", "expected"))


def test_every_syntax_error_is_reported_not_only_the_first(tmp_path: Path) -> None:
    path = _template(tmp_path / "fel.docx", "Först {{ referral.title", "Mitten",
                     "{%p for d in decisions %}", "{{ d.text }}", "Sist {{ meeting.date ) }}")
    messages = [p.message for p in check_template(path) if p.kind == "syntax"]
    assert any("Först {{ referral.title" in m for m in messages)
    assert any("Sist {{ meeting.date ) }}" in m for m in messages)
    opened = [m for m in messages if "{%p for d in decisions %}" in m]
    assert opened and "endfor" in opened[0]
    result = runner.invoke(app, ["template", "check", str(path)])
    assert result.exit_code == 1
    assert "Först {{ referral.title" in result.output and "Sist" in result.output


def test_unknown_names_each_with_their_paragraph(tmp_path: Path) -> None:
    path = _template(tmp_path / "namn.docx", "A {{ referral.titel }}", "B {{ officer.nam }}",
                     "{%p for d in directions %}", "C {{ d.comment_ }}", "{%p endfor %}")
    messages = [p.message for p in check_template(path) if p.kind == "unknown"]
    assert any("”A {{ referral.titel }}”" in m and "menade du referral.title?" in m
               for m in messages)
    assert any("”B {{ officer.nam }}”" in m and "menade du officer.name?" in m for m in messages)
    assert any("”C {{ d.comment_ }}”" in m and "directions.comment" in m for m in messages)


def test_known_names_come_from_the_context_builder(tmp_path: Path) -> None:
    """Every name the renderer gives a template passes the check; the logo too."""
    path = _template(tmp_path / "alla.docx", "{{ logo }} {{ utkast }} {{ meeting.immediate }}",
                     "{{p direction_list }}", "{{p signature_table }}")
    assert [p for p in check_template(path) if p.kind not in ("unused",)] == []


def _with_member(tmp_path: Path, name: str) -> Path:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    path = tmp_path / "mall.docx"
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(name, b"<x/>")
    return path


@pytest.mark.parametrize("member", ["../../x", "/abs/x", "word/../../evil.xml"])
def test_member_names_outside_the_package_are_refused_by_check_as_by_render(
    member: str, tmp_path: Path
) -> None:
    path = _with_member(tmp_path, member)
    with pytest.raises(TemplateError, match="den används inte"):
        check_template(path)
    assert _refused_by_render(path, tmp_path)
    result = runner.invoke(app, ["template", "check", str(path)])
    assert result.exit_code == 2
    assert "mallen är bra" not in result.output


def test_an_unknown_filter_does_not_hide_an_unknown_name(tmp_path: Path) -> None:
    path = _template(tmp_path / "mall.docx", "{{ referral.title|upperr }}", "{{ handlaggare }}")
    problems = [p for p in check_template(path) if p.kind != "unused"]
    assert any("upperr" in p.message and "menade du upper?" in p.message for p in problems)
    assert any("handlaggare" in p.message and "”{{ handlaggare }}”" in p.message
               for p in problems)


def test_a_syntax_error_does_not_hide_the_other_problems(tmp_path: Path) -> None:
    path = _template(tmp_path / "mall.docx", "Rubrik {{ referral.titel }}",
                     "{%p for d in decisions %}", "{{ d.text|upperr }}",
                     "Slut {{ meeting.date ) }}", "{{ cycler.__init__ }}")
    problems = check_template(path)
    kinds = {p.kind for p in problems}
    assert {"syntax", "unknown", "forbidden"} <= kinds
    text = "\n".join(p.message for p in problems)
    for expected in ("”Slut {{ meeting.date ) }}”", "det saknas {%p endfor %}",
                     "menade du referral.title?", "filtret upperr", "attributet __init__"):
        assert expected in text
