"""`wizard template check`: all that `render` would refuse in a template, before it renders.

The template is read as `render` reads it (the same bounded reader, the same
docxtpl preparation, the same sandbox), and every problem is named with the
part and the paragraph as the person typed it (``{%p for … %}`` with its
marker):

- every tag Jinja cannot read, not only the first: an unclosed ``{{``, a
  misspelt or missing ``{% endfor %}`` (named by the tag that opened the
  block), a ``{%tr`` outside a table row;
- everything the sandbox forbids: attributes starting with ``_``
  (``cycler.__init__``), ``include``, ``import``, ``extends``, unknown filters
  and tests, methods that change a value;
- names and fields the context does not have (``referral.titel``: "menade du
  referral.title?"). The names are not a list kept by hand: the context is
  built, by the same function `render` uses, for a sample draft with every
  field filled, and walked;
- a text made of whole paragraphs (``texts.summary``) placed inside a line
  instead of as ``{{p texts.summary }}``;
- what fails only when the template runs (a value too large, a loop without
  end, broken Word XML): the template is rendered, in memory and within the
  same limits, for a full and for an empty sample draft;
- a field of the draft that the template never shows.

Jinja's own (English) message only ever follows a Swedish one, as a detail.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, meta, nodes
from jinja2.sandbox import _mutable_spec  # the sandbox's own list of mutating methods
from lxml import etree

from wizard.errors import RenderError, TemplateError
from wizard.model.draft import RECORD_KEYS, Draft
from wizard.model.validation import label_for
from wizard.render import sandbox
from wizard.render.content import build_content
from wizard.render.document import HELPERS, SHOWN_WITH
from wizard.render.output import make_docx, template_context
from wizard.render.template import (
    FOOTNOTES_TYPE,
    LoadedTemplate,
    paragraph_text,
    read_template,
    w,
)
from wizard.render.wordxml import Numbering, WordXml

RECORD_LISTS = RECORD_KEYS
_MUTATING = frozenset(name for _, names in _mutable_spec for name in names)
_DOCXTPL_CELL_TAGS = ("colspan", "cellbg", "vm", "hm")
_BLOCKS = ("for", "if", "macro", "call", "filter", "with", "autoescape", "raw", "block", "trans")
_MIDDLES = {"elif": ("if",), "else": ("if", "for"), "pluralize": ("trans",)}
_TAG = re.compile(r"\{(\{|%|#)(.*?)(?:(\}|%|#)\}|$)", re.S)


@dataclass(frozen=True)
class TemplateProblem:
    """One problem of a template, in Swedish, with the part it is in."""

    kind: str  # "syntax", "forbidden", "placement", "unknown", "render", "unused"
    message: str


# ---------------------------------------------------------------------------
# What the context holds, found by building it.

BLOCK = "block"  # whole Word paragraphs: needs {{p ... }}
VALUE = "value"  # a text, a number or a flag


@dataclass
class Record:
    fields: dict[str, Any]


@dataclass
class ListOf:
    item: Any


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return Record({key: _shape(item) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        fields_: dict[str, Any] = {}
        for item in value:
            shape = _shape(item)
            if isinstance(shape, Record):
                fields_.update(shape.fields)
            else:
                return ListOf(shape)
        return ListOf(Record(fields_) if fields_ else VALUE)
    if isinstance(value, WordXml):
        return BLOCK
    return VALUE


def sample_draft() -> Draft:
    """A draft with every field of every table filled and one record in every list."""
    def filled(cls: type) -> Any:
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name == "uid":
                continue
            kind = str(f.type)
            values[f.name] = True if kind == "bool" else (
                "2016-10-20" if kind == "DateValue" else "Exempel"
            )
        return cls(**values)

    draft = Draft()
    table: Any
    for table in Draft.TABLES:
        setattr(draft, table.TABLE, filled(table))
    for table in Draft.RECORDS:
        setattr(draft, table.KEY, [filled(table)])
    return draft


def context_shape(loaded: LoadedTemplate) -> Record:
    """The shape of the context `render` gives this template, for a full sample draft."""
    numbering = Numbering(loaded.decimal_abstract, loaded.bullet_abstract, loaded.max_num_id + 1)
    context = template_context(loaded, build_content(sample_draft()), numbering,
                               draft_mark=True, logo="")
    shape = _shape(context)
    assert isinstance(shape, Record)
    return shape


def _leaves(shape: Any, prefix: str) -> Iterator[str]:
    if isinstance(shape, Record):
        for name, item in shape.fields.items():
            yield from _leaves(item, f"{prefix}.{name}" if prefix else name)
    elif isinstance(shape, ListOf):
        yield from _leaves(shape.item, prefix)
    else:
        yield prefix


# ---------------------------------------------------------------------------
# Paragraphs as typed, and the tags in them.


@dataclass
class Typed:
    """A paragraph as the person typed it, and whether it sits in a table row and cell."""

    part: str
    text: str
    in_row: bool
    in_cell: bool


def typed_paragraphs(loaded: LoadedTemplate) -> Iterator[Typed]:
    """Every paragraph of every part `render` fills, as typed (runs joined, quotes as typed)."""
    template = loaded.docx_template()
    template.init_docx()
    document = template.docx
    parts = [("word/document.xml", document.element)]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _, part in template.get_headers_footers(uri):
            parts.append((str(part.partname).lstrip("/"), part.element))
    for part in document.part.package.parts:
        if part.content_type == FOOTNOTES_TYPE:
            parts.append((str(part.partname).lstrip("/"), etree.fromstring(part.blob)))
    for name, root in parts:
        for paragraph in root.iter(w("p")):
            text = "".join(node.text or "" for node in paragraph.iter(w("t")))
            if "{" not in text:
                continue
            ancestors = {element.tag for element in paragraph.iterancestors()}
            yield Typed(name, text, w("tr") in ancestors, w("tc") in ancestors)


@dataclass
class Tag:
    """One ``{{ }}``, ``{% %}`` or ``{# #}`` in a paragraph."""

    paragraph: Typed
    kind: str  # "{", "%" or "#"
    marker: str  # "p", "tr", "tc", "r" or ""
    body: str  # what is between the delimiters, marker and "-" removed
    closed: bool

    @property
    def keyword(self) -> str:
        words = self.body.split()
        return words[0] if words and self.kind == "%" else ""


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def tags_of(paragraph: Typed) -> Iterator[Tag]:
    for match in _TAG.finditer(paragraph.text):
        kind, body, closer = match.group(1), match.group(2), match.group(3)
        closed = closer is not None and (closer == kind or (kind == "{" and closer == "}"))
        body = body.translate(_QUOTES)
        body = body[1:] if body.startswith("-") else body
        body = body[:-1] if body.endswith("-") else body
        marker = ""
        found = re.match(r"(p|tr|tc|r)\s", body)
        if found:
            marker, body = found.group(1), body[found.end():]
        yield Tag(paragraph, kind, marker, body.strip(), closed)


# ---------------------------------------------------------------------------
# The check.


@dataclass
class _Report:
    path: Path
    problems: list[TemplateProblem] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)

    def add(self, kind: str, message: str) -> None:
        if (kind, message) not in self.seen:
            self.seen.add((kind, message))
            self.problems.append(TemplateProblem(kind, message))


def _where(paragraph: Typed | None) -> str:
    if paragraph is None:
        return ""
    return f" i stycket ”{_short(paragraph.text)}”"


def _short(text: str, limit: int = 120) -> str:
    from wizard.model.text import visible

    return visible(text.strip(), limit=limit, one_line=True)


def _detail(error: Exception) -> str:
    message = getattr(error, "message", None) or str(error)
    return f" (Jinja: {_short(message, 200)})"


def _syntax_of_tags(tags: list[Tag], env: Any, report: _Report) -> None:
    """Each tag on its own, and the blocks they open and close, as a stack."""
    stack: list[Tag] = []
    for tag in tags:
        where = f"{tag.paragraph.part}:{_where(tag.paragraph)}"
        if not tag.closed:
            closer = {"{": "}}", "%": "%}", "#": "#}"}[tag.kind]
            report.add("syntax", f"{where}: taggen {{{tag.kind} … stängs inte med {closer} "
                                 "i samma stycke.")
            continue
        if tag.marker in ("tr", "tc") and not (tag.paragraph.in_row if tag.marker == "tr"
                                               else tag.paragraph.in_cell):
            place = "en tabellrad" if tag.marker == "tr" else "en tabellcell"
            report.add("syntax", f"{where}: {{%{tag.marker} … står inte i {place}.")
            continue
        if tag.kind == "#":
            continue
        if tag.kind == "{":
            _try(env, "{{ " + tag.body + " }}", where, report)
            continue
        keyword = tag.keyword
        if keyword in _DOCXTPL_CELL_TAGS:
            if not tag.paragraph.in_cell:
                report.add("syntax", f"{where}: {{% {keyword} %}} gäller en tabellcell men står "
                                     "inte i någon.")
            continue
        if keyword in _BLOCKS or (keyword == "set" and "=" not in tag.body):
            _try(env, "{% " + tag.body + " %}{% end" + keyword + " %}", where, report)
            stack.append(tag)
        elif keyword in _MIDDLES:
            if not stack or stack[-1].keyword not in _MIDDLES[keyword]:
                report.add("syntax", f"{where}: {{% {keyword} %}} står utanför "
                                     f"{' eller '.join(_MIDDLES[keyword])}-blocket.")
            elif keyword == "elif":
                _try(env, "{% if true %}{% " + tag.body + " %}{% endif %}", where, report)
        elif keyword.startswith("end"):
            opened = keyword[3:]
            if any(t.keyword == opened for t in stack):
                while stack and stack[-1].keyword != opened:
                    _unclosed(stack.pop(), report)
                stack.pop()
            else:
                report.add("syntax", f"{where}: {{% {keyword} %}} stänger inget {opened}-block.")
        else:
            _try(env, "{% " + tag.body + " %}", where, report)
    for tag in stack:
        _unclosed(tag, report)


def _tags_one_by_one(tags: list[Tag], env: Any, names: _Names, report: _Report) -> None:
    """In a part that does not parse as a whole: what each readable tag does wrong on its own.

    Forbidden things and unknown fields of the draft's tables are found tag
    by tag; bare unknown names are not (a loop's variable is only known
    inside the loop, which a single tag does not show).
    """
    for tag in tags:
        if not tag.closed or tag.kind == "#":
            continue
        if tag.kind == "{":
            source = "{{ " + tag.body + " }}"
        elif tag.keyword in _BLOCKS:
            source = "{% " + tag.body + " %}{% end" + tag.keyword + " %}"
        elif tag.keyword in ("set", "include", "import", "from", "extends"):
            source = "{% " + tag.body + " %}"
        else:
            continue
        try:
            tree = env.parse(source)
        except TemplateSyntaxError:
            continue  # reported as a syntax error
        text = tag.paragraph.text  # one line: its own paragraph, as typed
        _forbidden(tree, env, tag.paragraph.part, text, report)
        names.check(tree, tag.paragraph.part, text, names=False)


def _unclosed(tag: Tag, report: _Report) -> None:
    marker = tag.marker
    typed = "{%" + (marker + " " if marker else " ") + tag.body + " %}"
    report.add("syntax", f"{tag.paragraph.part}:{_where(tag.paragraph)}: blocket {typed} "
                         f"stängs aldrig (det saknas {{%{marker + ' ' if marker else ' '}"
                         f"end{tag.keyword} %}}).")


def _try(env: Any, source: str, where: str, report: _Report) -> None:
    try:
        env.parse(source)
    except TemplateSyntaxError as error:
        report.add("syntax", f"{where}: taggen går inte att läsa{_detail(error)}.")


def _forbidden(tree: nodes.Template, env: Any, part: str, source: str, report: _Report) -> None:
    """What the sandbox refuses when the template runs, found in the parsed template."""
    def where(node: nodes.Node, needle: str = "") -> str:
        text = paragraph_text(source, node.lineno, needle)
        return f"{part}" + (f" i stycket ”{_short(text)}”" if text else "")

    node: Any
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        name = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "import",
                nodes.Extends: "extends"}[type(node)]
        report.add("forbidden", f"{where(node, name)}: {{% {name} %}} går inte i en Word-mall "
                                "(mallen kan inte läsa andra filer).")
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        attribute = getattr(node, "attr", None)
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            attribute = node.arg.value
        if isinstance(attribute, str) and attribute.startswith("_"):
            report.add("forbidden", f"{where(node, attribute)}: attributet {attribute} börjar "
                                    "med _ och får inte användas i en mall.")
    for node in tree.find_all(nodes.Call):
        if isinstance(node.node, nodes.Getattr) and node.node.attr in _MUTATING:
            method = node.node.attr
            report.add("forbidden", f"{where(node, method)}: metoden {method} ändrar ett "
                                    "värde, vilket en mall inte får göra.")
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        known = env.filters if isinstance(node, nodes.Filter) else env.tests
        if node.name not in known:
            kind = "filtret" if isinstance(node, nodes.Filter) else "testet"
            guess = difflib.get_close_matches(node.name, list(known), n=1)
            report.add("forbidden", f"{where(node, node.name)}: {kind} {node.name} finns inte"
                                    + (f" (menade du {guess[0]}?)" if guess else "") + ".")


class _Names:
    """Names and fields a template reads, checked against the context's shape."""

    def __init__(self, context: Record, env: Any, report: _Report) -> None:
        self.context = context
        self.env = env
        self.report = report
        self.used: set[str] = set()
        self.known_paths = sorted(set(_paths(context)))

    def check(self, tree: nodes.Template, part: str, source: str, *,
              names: bool = True) -> None:
        """Report unknown fields (and, with ``names``, unknown names) of a parsed part."""
        def where(node: nodes.Node, needle: str = "") -> str:
            text = paragraph_text(source, node.lineno, needle)
            return f"{part}" + (f" i stycket ”{_short(text)}”" if text else "")

        undeclared = _undeclared(tree, self.env, source) if names else set()
        for node in tree.find_all(nodes.Name):
            if node.ctx != "load" or node.name not in undeclared:
                continue
            if node.name in self.context.fields:
                self.used.add(node.name)
            elif node.name not in self.env.globals:
                self.report.add("unknown", f"{where(node, node.name)}: namnet {node.name} "
                                           "finns inte" + self._guess(node.name) + ".")
        self._visit(tree, {}, where, source)

    def _guess(self, name: str) -> str:
        guess = difflib.get_close_matches(name, self.known_paths, n=1, cutoff=0.6)
        if not guess:
            last = name.rsplit(".", 1)[-1]
            guess = [p for p in self.known_paths if p.rsplit(".", 1)[-1] == last][:1]
        return f" (menade du {guess[0]}?)" if guess else ""

    def _resolve(self, node: nodes.Node, scope: dict[str, tuple[Any, str]]) -> tuple[Any, str]:
        """(shape, dotted path) of an expression, or (None, "") when it cannot be told."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.context.fields:
                return self.context.fields[node.name], node.name
            return None, ""
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            attribute = getattr(node, "attr", None)
            if isinstance(node, nodes.Getitem):
                if not (isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str)):
                    return None, ""
                attribute = node.arg.value
            base, path = self._resolve(node.node, scope)
            if isinstance(base, Record) and attribute in base.fields:
                return base.fields[attribute], f"{path}.{attribute}"
        return None, ""

    def _visit(self, node: nodes.Node, scope: dict[str, tuple[Any, str]], where: Any,
               source: str) -> None:
        if isinstance(node, nodes.For):
            self._visit(node.iter, scope, where, source)
            shape, path = self._resolve(node.iter, scope)
            inner = dict(scope)
            if isinstance(node.target, nodes.Name):
                inner[node.target.name] = (shape.item if isinstance(shape, ListOf) else None,
                                           path)
            for child in (*node.body, *node.else_, *([node.test] if node.test else [])):
                self._visit(child, inner, where, source)
            return
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                shape, path = self._resolve(child, scope)
                if shape == BLOCK and _inline(source, child.lineno, _typed_name(child)):
                    self.report.add(
                        "placement",
                        f"{where(child, _typed_name(child))}: {path} är hela stycken och måste "
                        f"stå ensamt i ett stycke som {{{{p {_typed_name(child)} }}}}.",
                    )
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            base, path = self._resolve(node.node, scope)
            attribute = node.attr if isinstance(node, nodes.Getattr) else (
                node.arg.value if isinstance(node.arg, nodes.Const) else None)
            if isinstance(base, Record) and isinstance(attribute, str):
                if attribute in base.fields:
                    self.used.add(f"{path}.{attribute}")
                else:
                    known = ", ".join(base.fields)
                    typed = f"{_typed_name(node.node)}.{attribute}"
                    self.report.add(
                        "unknown",
                        f"{where(node, typed)}: {typed} finns inte"
                        + self._guess(f"{path}.{attribute}")
                        + f"; {path} har {known}.",
                    )
        for child in node.iter_child_nodes():
            self._visit(child, scope, where, source)


def _undeclared(tree: nodes.Template, env: Any, source: str) -> set[str]:
    """The names a template reads but does not set itself.

    Jinja finds them by generating code, which stops at an unknown filter or
    test (reported as forbidden); then they are found again with stand-ins
    for those, so that an unknown filter does not hide an unknown name.
    """
    try:
        return set(meta.find_undeclared_variables(tree))
    except TemplateSyntaxError:
        pass
    probe = env.overlay()
    probe.filters = dict(env.filters)
    probe.tests = dict(env.tests)
    for used in tree.find_all(nodes.Filter):
        probe.filters.setdefault(used.name, lambda value, *args, **kwargs: value)
    for tested in tree.find_all(nodes.Test):
        probe.tests.setdefault(tested.name, lambda value, *args, **kwargs: False)
    try:
        return set(meta.find_undeclared_variables(probe.parse(source)))
    except TemplateSyntaxError:
        return set()


def _paths(shape: Any, prefix: str = "") -> Iterator[str]:
    if prefix:
        yield prefix
    if isinstance(shape, Record):
        for name, item in shape.fields.items():
            yield from _paths(item, f"{prefix}.{name}" if prefix else name)
    elif isinstance(shape, ListOf):
        yield from _paths(shape.item, prefix)


def _typed_name(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_typed_name(node.node)}.{node.attr}"
    return "…"


def _inline(source: str, line: int, typed: str) -> bool:
    """Whether ``{{ typed }}`` on ``line`` stands inside a line of text (not as ``{{p … }}``)."""
    lines = source.split("\n")
    if not 1 <= line <= len(lines):
        return False
    pattern = r"<w:t(?: [^>]*)?>[^<]*\{\{-?\s*" + re.escape(typed) + r"\s*-?\}\}"
    return re.search(pattern, lines[line - 1]) is not None


def check_template(path: Path) -> list[TemplateProblem]:
    """Every problem of the template at ``path``; an empty list means it is fine to use.

    Raises `TemplateError` when the file is not a Word document at all (or is
    refused before it is read: too big, a zip bomb, a member outside the package).
    """
    with sandbox.memory_limit():
        return _check(path)


def _check(path: Path) -> list[TemplateProblem]:
    unreadable: dict[str, str] = {}
    loaded = read_template(path, unreadable=unreadable)
    env = loaded.env
    report = _Report(path)
    names = _Names(context_shape(loaded), env, report)
    failed = bool(unreadable)
    for part, message in unreadable.items():
        before = len(report.problems)
        _syntax_of_tags([t for p in typed_paragraphs(loaded) if p.part == part
                         for t in tags_of(p)], env, report)
        if len(report.problems) == before:
            report.add("syntax", message)
    for part, source in loaded.sources.items():
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as error:
            failed = True
            before = len(report.problems)
            tags = [t for p in typed_paragraphs(loaded) if p.part == part for t in tags_of(p)]
            _syntax_of_tags(tags, env, report)
            _tags_one_by_one(tags, env, names, report)
            if len(report.problems) == before:  # not found tag by tag: say what Jinja says
                where = paragraph_text(source, error.lineno)
                report.add("syntax", f"{part}: fel i mallens taggar"
                                     + (f" i stycket ”{_short(where)}”" if where else "")
                                     + _detail(error) + ".")
            continue
        _forbidden(tree, env, part, source, report)
        names.check(tree, part, source)
    if failed:
        return report.problems  # what is shown cannot be told from a template that does not parse
    if not any(p.kind in ("forbidden", "unknown") for p in report.problems):
        _trial_render(loaded, report)
    shown = set(names.used)
    for helper, helper_fields in HELPERS.items():
        if helper in names.used:
            shown.update(helper_fields)
    for used, also in SHOWN_WITH.items():
        if used in shown:
            shown.update(also)
    context = names.context
    for table, shape in context.fields.items():
        if table not in (*RECORD_LISTS, *(f.name for f in dataclasses.fields(Draft))):
            continue
        for leaf in _leaves(shape, table):
            if leaf not in shown and leaf != table:
                report.add("unused", f"fältet {leaf} ({_label(leaf)}) visas aldrig i mallen.")
    return report.problems


def _trial_render(loaded: LoadedTemplate, report: _Report) -> None:
    """Render, in memory, for a full and for an empty sample draft: what fails only when run.

    A template can be well-formed and name only what exists, and still be
    refused: a value too large, a loop without end, broken Word XML. The same
    limits as `render` apply.
    """
    for draft, which in ((sample_draft(), "ett ifyllt utkast"), (Draft(), "ett tomt utkast")):
        try:
            make_docx(loaded, build_content(draft), draft_mark=True)
        except (RenderError, TemplateError) as error:
            report.add("render", f"med {which}: {error.message}")
            return


def _label(path: str) -> str:
    table, _, name = path.partition(".")
    if table in RECORD_LISTS:
        base = re.sub(r" \d+$", "", label_for(f"{table}[1]"))
        return f"{base}: {name}"
    return label_for(path)


__all__ = ["TemplateError", "TemplateProblem", "check_template"]
