"""What the document says, built once from a draft: cleaned values and parsed texts.

`build_content` is the one place where a `Draft` becomes something to print.
The Word renderer turns a `Content` into the template's context and the
preview turns the same `Content` into Markdown, so the two cannot drift apart.

The content keeps the draft's nesting, and its tables and fields are the
model's (`wizard.model.draft.FIELD_KINDS`), not a list written out here:
``content.referral.title``, ``content.texts.summary`` (parsed paragraphs),
``content.directions[0].comment``. What the document prints differs from the
draft in a few ways, all decided here (see ``docs/document-layout.md``):

- characters a .docx cannot hold are removed, and each field that held any is
  reported in `Content.removed`; U+2028 becomes a line break and U+2029 a new
  paragraph;
- a required field or list left empty shows a placeholder such as
  ``[Ärendets rubrik saknas]`` (such a draft is only made as an UTKAST);
- records left wholly blank are skipped;
- ``statement.date`` is the day of rendering when the draft has none;
- ``meeting.item`` typed as a bare number (``12``) prints as ``p. 12``;
- ``decisions`` are the items as numbered, ending with "Paragrafen justeras
  omedelbart." when ``meeting.immediate`` asks for it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from wizard.model.draft import (
    FIELD_KINDS,
    RECORD_KEYS,
    DateValue,
    Draft,
    FieldKind,
    format_date,
    parse_date,
)
from wizard.model.genre import numbered_decisions
from wizard.model.validation import REQUIRED_FIELDS, REQUIRED_LISTS, label_for
from wizard.render.clean import (
    LINE_SEPARATOR,
    PARAGRAPH_SEPARATOR,
    RemovedCharacters,
    clean_text,
    removable,
)
from wizard.render.markup import Blocks, Paragraph, Run, parse

_BARE_ITEM = re.compile(r"^\d+[a-zA-Z]?$")


def placeholder(path: str) -> str:
    """What an UTKAST shows for a required field left empty: ``[Ärendets rubrik saknas]``."""
    return f"[{label_for(path)} saknas]"


class Values:
    """One table or record of the content: its fields as attributes (``referral.title``)."""

    __slots__ = ("_fields",)

    def __init__(self, **values: Any) -> None:
        object.__setattr__(self, "_fields", values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("content is read-only")

    def fields(self) -> dict[str, Any]:
        """The values by field name, in the draft's order."""
        return dict(self._fields)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Values) and self._fields == other._fields

    def __hash__(self) -> int:
        return hash(tuple(self._fields.items()))

    def __repr__(self) -> str:
        return f"Values({self._fields!r})"


@dataclass(frozen=True)
class Content:
    """Everything the statement prints, nested as the draft is, ready for any output."""

    referral: Values
    statement: Values
    meeting: Values
    officer: Values
    texts: Values
    directions: tuple[Values, ...]
    decisions: tuple[Values, ...]
    signatures: tuple[Values, ...]
    attachments: tuple[Values, ...]
    removed: tuple[RemovedCharacters, ...] = ()
    missing: tuple[str, ...] = ()  # the required fields shown as placeholders

    @property
    def meeting_line(self) -> str:
        """``2016-09-20, p. 10``: the meeting date and item that are given."""
        return ", ".join(part for part in (self.meeting.date, self.meeting.item) if part)

    @property
    def referral_line(self) -> str:
        """``Remiss från kommunstyrelsen, dnr. 171-482/2016``, with the parts that are given."""
        referred_by, dnr = self.referral.referred_by, self.referral.dnr
        head = f"Remiss från {referred_by}" if referred_by else "Remiss"
        return f"{head}, dnr. {dnr}" if dnr else head


def first_paragraph_runs(blocks: Blocks) -> tuple[tuple[Run, ...], Blocks]:
    """Split off the first paragraph's runs when it is plain text, for an inline start."""
    if blocks and blocks[0].list is None:
        return blocks[0].runs, blocks[1:]
    return (), blocks


def direction_item(name: str, description: Blocks) -> tuple[tuple[Run, ...], Blocks]:
    """``**Name** – description``: the inriktning's list item and what follows it."""
    first, rest = first_paragraph_runs(description)
    runs: list[Run] = [Run(name, bold=True)] if name else []
    if first:
        runs.append(Run(" – " if name else ""))
        runs.extend(first)
    return tuple(run for run in runs if run.text), rest


def _line_breaks(blocks: Blocks) -> Blocks:
    """U+2028 inside a paragraph becomes a line break (``\\n`` in a run)."""
    if not any(LINE_SEPARATOR in run.text for p in blocks for run in p.runs):
        return blocks
    return tuple(
        Paragraph(tuple(Run(run.text.replace(LINE_SEPARATOR, "\n"), run.bold, run.italic)
                        for run in p.runs), p.list, p.number)
        for p in blocks
    )


class _Cleaner:
    """Cleans values field by field and remembers which fields lost characters."""

    def __init__(self) -> None:
        self.removed: list[RemovedCharacters] = []

    def text(self, path: str, value: str) -> str:
        bad = removable(value)
        if bad:
            self.removed.append(RemovedCharacters(path, label_for(path), tuple(bad)))
        return clean_text(value)

    def line(self, path: str, value: str) -> str:
        """A one-line value: surrounding white space is not part of it; separators break lines."""
        text = self.text(path, value).strip()
        return text.replace(LINE_SEPARATOR, "\n").replace(PARAGRAPH_SEPARATOR, "\n")

    def blocks(self, path: str, value: str) -> Blocks:
        return _line_breaks(parse(self.text(path, value).replace(PARAGRAPH_SEPARATOR, "\n")))

    def date(self, path: str, value: DateValue) -> str:
        parsed = parse_date(value)
        if parsed is not None:
            return parsed.isoformat()
        return self.line(path, format_date(value))

    def value(self, path: str, kind: FieldKind, value: Any) -> Any:
        if kind == "flag":
            return bool(value)
        if kind == "date":
            return self.date(path, value)
        if kind == "text":
            return self.blocks(path, value)
        return self.line(path, value)


def _placeholder_value(kind: FieldKind, path: str) -> Any:
    text = placeholder(path)
    return (Paragraph((Run(text),)),) if kind == "text" else text


def build_content(
    draft: Draft, *, today: dt.date | None = None, placeholders: bool = True
) -> Content:
    """Clean and parse everything the draft holds; records left wholly blank are skipped.

    With ``placeholders`` (the default), an empty required field or list shows
    `placeholder` text; a draft that lacks one has errors, so its document is an UTKAST.
    """
    c = _Cleaner()
    missing: list[str] = []
    sections: dict[str, Any] = {}
    for table_cls in Draft.TABLES:
        table = table_cls.TABLE  # type: ignore[attr-defined]
        source = getattr(draft, table)
        values = {}
        for name, kind in FIELD_KINDS[table].items():
            path = f"{table}.{name}"
            value = c.value(path, kind, getattr(source, name))
            if not value and placeholders and path in REQUIRED_FIELDS:
                value = _placeholder_value(kind, path)
                missing.append(path)
            values[name] = value
        sections[table] = values
    sections["statement"]["date"] = sections["statement"]["date"] or (
        (today or dt.date.today()).isoformat()
    )
    item = sections["meeting"]["item"]
    if _BARE_ITEM.match(item):
        sections["meeting"]["item"] = f"p. {item}"
    records: dict[str, list[Values]] = {}
    for key in RECORD_KEYS:
        kinds = FIELD_KINDS[key]
        found = []
        for index, record in enumerate(getattr(draft, key), 1):
            values = {name: c.value(f"{key}[{index}].{name}", kind, getattr(record, name))
                      for name, kind in kinds.items()}
            if any(values.values()):
                found.append(values)
        if not found and placeholders and key in REQUIRED_LISTS:
            first = next(iter(kinds))
            found.append({name: (placeholder(key) if name == first else
                                 () if kind == "text" else "") for name, kind in kinds.items()})
            missing.append(key)
        records[key] = [Values(**values) for values in found]
    decision_texts = numbered_decisions([d.text for d in records["decisions"]],
                                        draft.meeting.immediate)
    return Content(
        referral=Values(**sections["referral"]),
        statement=Values(**sections["statement"]),
        meeting=Values(**sections["meeting"]),
        officer=Values(**sections["officer"]),
        texts=Values(**sections["texts"]),
        directions=tuple(records["directions"]),
        decisions=tuple(Values(text=text) for text in decision_texts),
        signatures=tuple(records["signatures"]),
        attachments=tuple(records["attachments"]),
        removed=tuple(c.removed),
        missing=tuple(missing),
    )
