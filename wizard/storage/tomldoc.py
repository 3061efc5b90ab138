"""A draft's values merged into the comment-keeping TOML document it was read from.

`DraftFile` (wizard.storage.draftfile) keeps the file and its bytes; this is its
tomlkit side: the document parsed, the draft's changed values set in it in place
(a text keeps its one-line or multi-line style, a new key goes where the format
puts it, a record into the table it was read from, with its comments). It is a
module of its own so that loading a draft does not import tomlkit: the TUI shows
a draft first and parses the document on its save worker after the first frame
(importing tomlkit took ~12 ms of the start).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

import tomlkit
from tomlkit.container import OutOfOrderTableProxy
from tomlkit.items import (
    AoT,
    Comment,
    InlineTable,
    Null,
    String,
    StringType,
    Table,
    Trivia,
    Whitespace,
)

from wizard.model.draft import (
    DATE_PATHS,
    MULTILINE_NAMES,
    TOP_LEVEL_KEYS,
    DateValue,
    Draft,
    parse_date,
    record_fields,
)
from wizard.model.text import normalise_newlines
from wizard.storage import layout

# Derived from the model, the one description of the draft's fields.
_DATE_NAMES = frozenset(path.rpartition(".")[2] for path in DATE_PATHS)


# ---------------------------------------------------------------- writing


def toml_string(value: str, *, multiline: bool) -> String:
    """A TOML string item: a readable multi-line basic string, or a one-line one.

    Multi-line strings start with a newline (which TOML drops) so the text
    begins on its own line; backslashes, control characters and runs of
    quotes are escaped so that any text reads back exactly.
    """
    if multiline:
        body = _escape(value, keep_newlines=True)
        return String(StringType.MLB, value, "\n" + body, Trivia())
    return String(StringType.SLB, value, _escape(value, keep_newlines=False), Trivia())


_CONTROL_KEEPING_NEWLINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # tab and \n stay as typed
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # tab stays as typed
_QUOTE_RUN = re.compile(r'"{3,}')
_SHORT_ESCAPES = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r"}


def _control_escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _break_quotes(match: re.Match[str]) -> str:
    # In a multi-line string a third quote in a row would close it: escape every third.
    return "".join('\\"' if index % 3 == 2 else '"' for index in range(len(match.group())))


def _escape(value: str, *, keep_newlines: bool) -> str:
    """Escape a text for a basic string (regular expressions: a 200 KB text takes ~3 ms)."""
    text = value.replace("\\", "\\\\")
    if not keep_newlines:
        return _CONTROL.sub(_control_escape, text.replace('"', '\\"'))
    text = _CONTROL_KEEPING_NEWLINES.sub(_control_escape, _QUOTE_RUN.sub(_break_quotes, text))
    if text.endswith('"'):
        backslashes = len(text) - 1 - len(text[:-1].rstrip("\\"))
        if backslashes % 2 == 0:  # a bare quote just before the closing """ would close it
            text = text[:-1] + '\\"'
    return text


def _model_value(value: Any) -> Any:
    """A document value as the model holds it, to compare with the draft's."""
    if isinstance(value, str):
        return normalise_newlines(str(value))
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, list):
        return [_model_value(item) for item in value]
    return value


def _date_item(value: DateValue) -> Any:
    """A TOML date; a typed text that is a real date becomes one, anything else stays text."""
    date = parse_date(value)
    if date is not None:
        return tomlkit.date(date.isoformat())
    return toml_string(value if isinstance(value, str) else "", multiline=False)


def _item_for(name: str, value: Any, old: Any = None) -> Any:
    """The TOML item for a value; a text keeps the one-line or multi-line style it had."""
    if isinstance(value, bool):
        return value
    if isinstance(value, dict):  # the cursor positions: one short line
        table = tomlkit.inline_table()
        table.update(value)
        return table
    if isinstance(value, list):  # a list of words: one line, as a person writes it
        array = tomlkit.array()
        array.extend(toml_string(str(word), multiline=False) for word in value)
        return array
    if isinstance(value, dt.date) or name in _DATE_NAMES:
        return _date_item(value)
    text = str(value)
    multiline = name in MULTILINE_NAMES or "\n" in text
    if isinstance(old, String) and "\n" not in text:
        multiline = old.type in (StringType.MLB, StringType.MLL)
    return toml_string(text, multiline=multiline)


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, dict):
        return isinstance(old, dict) and tomlkit.items.item(old).unwrap() == new
    old = _model_value(old)
    if isinstance(new, str) and not isinstance(old, str) and isinstance(old, dt.date):
        return parse_date(new) == old and len(new) == 10
    if isinstance(new, dt.date) and isinstance(old, str):
        return parse_date(old) == new
    return type(old) is type(new) and old == new


def _default(value: Any) -> bool:
    return value is None or value == "" or value is False or value == {} or value == []

def parse(text: str) -> tomlkit.TOMLDocument:
    """The comment-keeping document of ``text`` (raises what tomlkit raises)."""
    return tomlkit.parse(text)


def new_document() -> tomlkit.TOMLDocument:
    return tomlkit.document()


def record_tables(document: tomlkit.TOMLDocument,
                  loaded_uids: Mapping[str, list[int]]) -> dict[int, Table]:
    """Each record's table by its uid, the uids given in the order the records were read."""
    tables: dict[int, Table] = {}
    for key, uids in loaded_uids.items():
        found = document.get(key)
        if isinstance(found, AoT):
            for uid, table in zip(uids, found.body, strict=False):
                tables[uid] = table
    return tables


class DocumentMerge:
    """One merge of a draft into ``document``.

    ``tables`` (record uid → the table it is saved into) is the `DraftFile`'s,
    kept up to date here. `structural` tells afterwards whether the merge added
    or moved keys, tables or records (the text is then read back before saving).
    """

    def __init__(self, document: tomlkit.TOMLDocument, tables: dict[int, Table]) -> None:
        self.document = document
        self._tables = tables
        self.structural = False

    def merge(self, draft: Draft) -> bool:
        """Merge ``draft`` into the document; True when anything changed."""
        changed = False
        document = self.document
        if draft.format is not None and document.get("format") is None:
            document["format"] = draft.format
            changed = self.structural = True
        for table_cls in Draft.TABLES:
            table_name: str = table_cls.TABLE  # type: ignore[attr-defined]
            changed |= self._merge_table(table_name, getattr(draft, table_name))
        for record_cls in Draft.RECORDS:
            key: str = record_cls.KEY  # type: ignore[attr-defined]
            changed |= self._merge_records(key, getattr(draft, key), record_cls)
        cursors = {path: list(place) for path, place in sorted(draft.cursors.items())}
        changed |= self._merge_table("wizard", {"step": draft.step, "cursors": cursors,
                                                "pdf": draft.pdf, "prefilled": draft.prefilled,
                                                "ignored_words": draft.ignored_words})
        return changed

    def _merge_table(self, name: str, source: Any) -> bool:
        values: dict[str, Any] = source if isinstance(source, dict) else {
            f.name: getattr(source, f.name) for f in fields(source)
        }
        existing = self.document.get(name)
        if isinstance(existing, (InlineTable, OutOfOrderTableProxy)):
            # `referral = { ... }`, dotted keys or a table split in two: set in place.
            changed, _ = _merge_values(existing, values)
            self.structural |= changed
            return changed
        table = existing if isinstance(existing, Table) else tomlkit.table()
        changed, added = _merge_values(table, values)
        self.structural |= added
        if changed and not isinstance(existing, Table):
            self._add_top(name, table)
        return changed

    def _merge_records(self, key: str, records: list[Any], record_cls: type) -> bool:
        names = record_fields(record_cls)
        existing = self.document.get(key)
        old_tables: list[Table] = list(existing.body) if isinstance(existing, AoT) else []
        new_tables: list[Table] = []
        changed = False
        for record in records:
            table = self._tables.get(record.uid)
            if (table is None or not any(table is old for old in old_tables)
                    or any(table is new for new in new_tables)):
                table = tomlkit.table()
                self._tables[record.uid] = table
                changed = True
            values = {name: getattr(record, name) for name in names}
            record_changed, added = _merge_values(table, values, keep_first=True)
            changed |= record_changed
            self.structural |= added
            new_tables.append(table)
        same_order = len(new_tables) == len(old_tables) and all(
            a is b for a, b in zip(new_tables, old_tables, strict=True)
        )
        if same_order and (old_tables or existing is None):
            return changed
        self.structural = True
        self._rebuild_records(key, old_tables, new_tables)
        return True

    def _rebuild_records(self, key: str, old_tables: list[Table], new_tables: list[Table]) -> None:
        """Put the record tables in their new order, each with its own comments.

        The comment lines just above a record's header travel with it (in the
        header's indent); each record keeps the blank lines that followed it,
        or gets one; the lines after the last record stay at the end.
        """
        document = self.document
        leads: dict[int, str] = {}
        separators: dict[int, str] = {}
        after = ""
        for index, table in enumerate(old_tables):
            lead = layout.take_lead(table.value)
            if index + 1 < len(old_tables):
                leads[id(old_tables[index + 1])] = lead
            else:
                after = lead
            separators[id(table)] = layout.take_separator(table.value)
        end = separators.get(id(old_tables[-1]), "") if old_tables else ""
        for table in new_tables:
            lead = leads.get(id(table), "")
            if lead:
                table.trivia.indent = lead + table.trivia.indent
            _end_line(table)
        for position, table in enumerate(new_tables):
            if position + 1 < len(new_tables):
                layout.append_raw(table.value, separators.get(id(table)) or "\n")
            else:
                layout.append_raw(table.value, end)
                layout.append_raw(table.value, after)
        if not new_tables:
            if key in document:
                following = self._following_header(key)
                del document[key]
                if after and following is not None:
                    following.trivia.indent = after + following.trivia.indent
            return
        aot = AoT(new_tables, name=key, parsed=True)
        if isinstance(document.get(key), AoT):
            document[key] = aot
        else:
            if key in document:  # an inline array of tables: replaced by [[key]] tables
                del document[key]
            self._add_top(key, aot)
        rebuilt = document[key]
        records_tables = rebuilt.body if isinstance(rebuilt, AoT) else []
        for old, new in zip(new_tables, records_tables, strict=False):
            for uid, table in list(self._tables.items()):
                if table is old:
                    self._tables[uid] = new

    def _following_header(self, key: str) -> Table | None:
        """The table whose header follows the top-level item ``key``."""
        body = self.document.body
        seen = False
        for name, value in body:
            if seen and name is not None:
                return layout.header_item(value)
            if name is not None and name.key == key:
                seen = True
        return None

    def _add_top(self, key: str, item: Table | AoT) -> None:
        """Add a new table or array of tables where the format puts it."""
        document = self.document
        order = list(TOP_LEVEL_KEYS)
        position = order.index(key) if key in order else len(order)
        following = [name for name in order[position + 1 :] if name in document]
        body = document.body
        index = None
        if following:
            for number, (name, _value) in enumerate(body):
                if name is not None and name.key == following[0]:
                    index = number
                    break
        first = layout.header_item(item)
        if index is None or first is None:
            text = document.as_string().replace("\r\n", "\n")
            if first is not None:
                if not text or text.endswith("\n\n"):
                    first.trivia.indent = ""
                else:
                    first.trivia.indent = "\n" if text.endswith("\n") else "\n\n"
            document.append(key, item)
            return
        # Before the next table: its header comments move to its own indent,
        # and the new item ends with a blank line.
        next_header = layout.header_item(body[index][1])
        previous = _item_before(body, index)
        previous_table = previous
        if isinstance(previous, AoT) and previous.body:
            previous_table = previous.body[-1]
        if isinstance(previous_table, Table) and next_header is not None:
            lead = layout.take_lead(previous_table.value)
            if lead:
                next_header.trivia.indent = lead + next_header.trivia.indent
        else:
            while (index > 0 and body[index - 1][0] is None
                   and isinstance(body[index - 1][1], (Comment, Null))):
                index -= 1
        previous = _item_before(body, index)
        previous_text = "\n\n" if previous is None else previous.as_string().replace("\r\n", "\n")
        blank_before = isinstance(previous, Whitespace) or previous_text.endswith("\n\n")
        first.trivia.indent = "" if blank_before else "\n"
        last = item.body[-1] if isinstance(item, AoT) else item
        _end_line(last)
        layout.append_raw(last.value, "\n")
        # tomlkit has no public insert: its private one is pinned by the version
        # bound in pyproject.toml (tests/test_tomlkit_bound.py); append if it is gone.
        try:
            document._insert_at(index, key, item)
        except AttributeError:
            document.append(key, item)


def _item_before(body: list[tuple[Any, Any]], index: int) -> Any:
    """The item before ``index``, passing over the blanks tomlkit leaves for deleted keys."""
    while index > 0:
        index -= 1
        if not isinstance(body[index][1], Null):
            return body[index][1]
    return None


def _merge_values(table: Any, values: dict[str, Any], *,
                  keep_first: bool = False) -> tuple[bool, bool]:
    """Set the changed values in a table; keys the draft leaves empty are not added.

    With ``keep_first`` the first key (a record's name or text) is always
    written, so that an empty record still shows in the file. Returns whether
    anything changed and whether a key was added.
    """
    order = list(values)
    changed = added = False
    for position, (key, value) in enumerate(values.items()):
        present = key in table
        if present and _same(table[key], value):
            continue
        if not present and _default(value) and not (keep_first and position == 0):
            continue
        if present:
            table[key] = _item_for(key, value, table[key])
        elif isinstance(table, Table):
            layout.add_in_order(table.value, key, _item_for(key, value), order)
            added = True
        else:
            table[key] = _item_for(key, value)
            added = True
        changed = True
    return changed, added


def _end_line(table: Table) -> None:
    """Make the table's text end with a line end (a file may lack the last one)."""
    body = table.value.body
    if not body or table.value.as_string().endswith("\n"):
        return
    last = body[-1][1]
    if isinstance(last, (Whitespace, Comment)) or body[-1][0] is None:
        layout.append_raw(table.value, "\n")
    else:
        last.trivia.trail += "\n"
