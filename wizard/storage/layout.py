"""Where new keys, tables and records go in a hand-edited TOML document.

tomlkit keeps everything a person wrote, but it files the comment lines just
above a table header, and the blank line before it, under the *previous*
table. When records are reordered, added or deleted, those lines must move
with the table they describe, and blank lines must neither pile up nor vanish.
These helpers split a table's trailing lines into its own comments, its
separating blank lines and the next header's comments, and place new keys in
the format's order instead of at the end.
"""

from __future__ import annotations

from typing import Any

from tomlkit.container import Container
from tomlkit.items import AoT, Comment, Item, Null, Table, Trivia, Whitespace

Entry = tuple[Any, Item]


def _tail_start(body: list[Entry]) -> int:
    """Index of the first of the comments and blank lines that end a table body."""
    index = len(body)
    while index > 0 and body[index - 1][0] is None and isinstance(
        body[index - 1][1], (Comment, Whitespace, Null)
    ):
        index -= 1
    return index


def take_lead(container: Container) -> str:
    """Remove and return the comment lines directly above the next header.

    They are the comments after the last blank line of the table's tail; a
    person writes them about the table that follows.
    """
    body = container.body
    start = _tail_start(body)
    last_blank = None
    for index in range(start, len(body)):
        if isinstance(body[index][1], Whitespace):
            last_blank = index
    cut = start if last_blank is None else last_blank + 1
    if cut >= len(body):
        return ""
    lead = "".join(item.as_string() for _, item in body[cut:])
    del body[cut:]
    return lead


def take_separator(container: Container) -> str:
    """Remove and return the blank lines that end the table body."""
    body = container.body
    index = len(body)
    while index > 0 and body[index - 1][0] is None and isinstance(
        body[index - 1][1], (Whitespace, Null)
    ):
        index -= 1
    separator = "".join(item.as_string() for _, item in body[index:])
    del body[index:]
    return separator


def append_raw(container: Container, text: str) -> None:
    """Append blank lines or comment lines, as they were, to the end of a body."""
    if not text:
        return
    if not text.strip():
        container.body.append((None, Whitespace(text)))
        return
    for line in text.splitlines(keepends=True):
        if line.strip():
            container.body.append((None, _comment_line(line)))
        else:
            container.body.append((None, Whitespace(line)))


def _comment_line(line: str) -> Comment:
    stripped = line.rstrip("\r\n")
    indent = stripped[: len(stripped) - len(stripped.lstrip())]
    return Comment(Trivia(indent=indent, comment=stripped.lstrip(), trail=line[len(stripped):]))


def header_item(value: Item) -> Table | None:
    """The table whose header starts ``value``: a table, or an array's first table."""
    if isinstance(value, Table):
        return value
    if isinstance(value, AoT) and value.body:
        return value.body[0]
    return None


def add_in_order(container: Container, key: str, item: Any, order: list[str]) -> None:
    """Add ``key`` after the nearest key before it in ``order``, else tomlkit's way.

    A key added to a hand-edited table lands beside its neighbours in the
    format, not after the person's trailing comments.
    """
    position = order.index(key) if key in order else len(order)
    previous = [name for name in order[:position] if name in container]
    if previous:
        try:
            container._insert_after(previous[-1], key, item)
            return
        except Exception:  # private API: fall back to the public one
            pass
    following = [name for name in order[position + 1 :] if name in container]
    if following:
        index = container._map.get(_key(container, following[0]))
        if isinstance(index, int):
            try:
                container._insert_at(index, key, item)
                return
            except Exception:
                pass
    container.append(key, item)


def _key(container: Container, name: str) -> Any:
    for key in container._map:
        if getattr(key, "key", key) == name:
            return key
    return None
