"""`wizard template check`: what is wrong with a Word template, before anyone renders with it.

Three kinds of problem, each with where it is:

- a tag Jinja cannot read (an unclosed ``{{``, a misspelt ``{% endfor %}``),
  named by the part and the text of the paragraph it is in; also a text made of
  whole paragraphs (``texts.summary``) placed inside a line instead of as
  ``{{p texts.summary }}``, which would make a broken document;
- a name or field the template uses that draft format 1 does not provide
  (``{{ referral.titel }}``, ``{{ handlaggare }}``), which would stop every render;
- a field of the draft that the template never shows, so that what the person
  wrote would silently be missing from the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateSyntaxError, meta, nodes

from wizard.errors import TemplateError
from wizard.model.draft import RECORD_KEYS
from wizard.model.validation import label_for
from wizard.render import sandbox
from wizard.render.document import FORMAT_1_FIELDS, HELPERS, SHOWN_WITH
from wizard.render.template import (
    OFFICE_DOCUMENT,
    TEMPLATE_PART_TYPES,
    paragraph_text,
    prepare,
    read_zip,
    relationships,
)

RECORD_LISTS = RECORD_KEYS
# Values that are whole paragraphs (or a table): they need a tag of their own, {{p ... }}.
_BLOCK_INSIDE_TEXT = re.compile(
    r"<w:t(?: [^>]*)?>[^<]*\{\{-?\s*((?:texts\.\w+|\w+\.(?:description|comment)"
    r"|direction_list|signature_table))\s*-?\}\}"
)


@dataclass(frozen=True)
class TemplateProblem:
    """One problem of a template, in Swedish, with the part it is in."""

    kind: str  # "syntax", "placement", "unknown", "unused"
    message: str


@dataclass
class _Usage:
    names: set[str] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)
    unknown: list[str] = field(default_factory=list)


def _walk(tree: nodes.Template, usage: _Usage, part: str, source: str) -> None:
    """Record the draft fields a template reads, and the ones it asks for that do not exist."""
    loop_vars: dict[str, str] = {}
    for loop in tree.find_all(nodes.For):
        if (
            isinstance(loop.target, nodes.Name)
            and isinstance(loop.iter, nodes.Name)
            and loop.iter.name in RECORD_LISTS
        ):
            loop_vars[loop.target.name] = loop.iter.name
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        assert isinstance(node, (nodes.Getattr, nodes.Getitem))
        base = node.node
        if isinstance(node, nodes.Getattr):
            attribute = node.attr
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            attribute = node.arg.value
        else:
            continue
        if not isinstance(base, nodes.Name):
            continue
        table = loop_vars.get(base.name, base.name)
        if table not in FORMAT_1_FIELDS:
            continue
        if table in RECORD_LISTS and base.name == table:
            continue  # e.g. decisions|length: a list, not a record
        if attribute in FORMAT_1_FIELDS[table]:
            usage.fields.add(f"{table}.{attribute}")
        else:
            where = paragraph_text(source, node.lineno)
            known = ", ".join(FORMAT_1_FIELDS[table])
            usage.unknown.append(
                f"{part}: {base.name}.{attribute} finns inte i utkastformatet"
                + (f" (i stycket ”{where}”)" if where else "")
                + f"; {table} har {known}."
            )
    for name in meta.find_undeclared_variables(tree):
        usage.names.add(name)


def check_template(path: Path) -> list[TemplateProblem]:
    """Every problem of the template at ``path``; an empty list means it is fine to use.

    Raises `TemplateError` when the file is not a Word document at all.
    """
    entries = read_zip(path)
    files = {info.filename: data for info, data in entries}
    main = next((t for k, t in relationships(path, files, "") if k == OFFICE_DOCUMENT), None)
    if main is None or main not in files:
        raise TemplateError(f"{path}: är inte ett Word-dokument (huvuddelen saknas).")
    parts = [main] + [t for k, t in relationships(path, files, main)
                      if k.endswith(TEMPLATE_PART_TYPES) and t in files]
    env = sandbox.make_environment()
    problems: list[TemplateProblem] = []
    usage = _Usage()
    for part in parts:
        source = prepare(files[part].decode("utf-8", "replace"))
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as error:
            where = paragraph_text(source, error.lineno)
            problems.append(TemplateProblem(
                "syntax",
                f"{part}: taggfel"
                + (f" i stycket ”{where}”" if where else "")
                + f": {error.message}",
            ))
            continue
        _walk(tree, usage, part, source)
        for match in _BLOCK_INSIDE_TEXT.finditer(source):
            where = paragraph_text(source, source.count("\n", 0, match.start()) + 1)
            problems.append(TemplateProblem(
                "placement",
                f"{part}: {match.group(1)} är hela stycken och måste stå ensamt i ett stycke "
                f"som {{{{p {match.group(1)} }}}}" + (f" (i stycket ”{where}”)" if where else "")
                + ".",
            ))
    provided = set(FORMAT_1_FIELDS) | set(HELPERS) | set(env.globals)
    for name in sorted(usage.names - provided):
        problems.append(TemplateProblem(
            "unknown",
            f"mallen använder namnet {name}, som utkastformat 1 inte har "
            f"(det finns: {', '.join(sorted(set(FORMAT_1_FIELDS) | set(HELPERS)))}).",
        ))
    problems.extend(TemplateProblem("unknown", text) for text in usage.unknown)
    if any(p.kind == "syntax" for p in problems):
        return problems  # what is shown cannot be told from a template that does not parse
    shown = set(usage.fields)
    for helper, helper_fields in HELPERS.items():
        if helper in usage.names:
            shown.update(helper_fields)
    for used, also in SHOWN_WITH.items():
        if used in shown:
            shown.update(also)
    for table, names in FORMAT_1_FIELDS.items():
        for name in names:
            path_name = f"{table}.{name}"
            if path_name not in shown:
                label = label_for(path_name) if table not in RECORD_LISTS else _record_label(
                    table, name)
                problems.append(TemplateProblem(
                    "unused", f"fältet {path_name} ({label}) visas aldrig i mallen."
                ))
    return problems


def _record_label(table: str, name: str) -> str:
    base = re.sub(r" \d+$", "", label_for(f"{table}[1]"))
    return f"{base}: {name}"
