"""TOML parse errors as Swedish messages with line and column.

tomllib is the strict parser that decides whether a file is TOML; its English
messages are translated here, and its position is taken from the message (or
from tomlkit's, which knows the line of a duplicate key).
"""

from __future__ import annotations

import re

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")

UNCLOSED_LITERAL = "Expected \"'''\""  # tomllib: a multi-line string never closes
UNCLOSED_BASIC = 'Expected \'"""\''

# tomllib's messages, first words → Swedish.
_TRANSLATIONS: tuple[tuple[str, str], ...] = (
    ("Unterminated string", "en text saknar sina avslutande citattecken"),
    (UNCLOSED_LITERAL, "en text saknar sina avslutande citattecken"),
    (UNCLOSED_BASIC, "en text saknar sina avslutande citattecken"),
    ("Invalid date or datetime", "ogiltigt datum (skriv ÅÅÅÅ-MM-DD, t.ex. 2016-09-20)"),
    ("Cannot overwrite a value", "samma nyckel står två gånger"),
    ("Cannot declare", "samma tabell står två gånger"),
    ("Cannot mutate immutable namespace", "samma tabell står två gånger"),
    ("Expected '=' after a key", "ett likhetstecken (=) saknas efter nyckeln"),
    ("Invalid initial character for a key part", "ogiltigt tecken i början av en nyckel"),
    ("Invalid value", "ogiltigt värde; text ska stå inom citattecken"),
    ("Expected newline or end of document", "radbrytning saknas efter värdet"),
    ("Illegal character", "otillåtet tecken (ett styrtecken)"),
    ("Unclosed array", "en lista saknar sin avslutande hakparentes ]"),
    ("Unclosed inline table", "en tabell saknar sin avslutande klammer }"),
    ("Expected ']' at the end of a table declaration", "tabellrubriken saknar ]"),
    ("Expected ']]' at the end of an array declaration", "tabellrubriken saknar ]]"),
    ("Unescaped '\\' in a string", "ett omaskerat \\ i en text (skriv \\\\)"),
    ("Invalid hex value", "ogiltig kod efter \\u i en text"),
)


def describe(message: str) -> str:
    """Swedish description of a tomllib error message."""
    for english, swedish in _TRANSLATIONS:
        if message.startswith(english):
            return swedish
    plain = _POSITION.sub("", message).replace("(at end of document)", "").strip()
    return f"filen är inte giltig TOML ({plain})"


def is_unterminated_string(message: str) -> bool:
    """True for tomllib's ways of saying that a string never closes."""
    return message.startswith(("Unterminated string", UNCLOSED_LITERAL, UNCLOSED_BASIC))


def position(message: str, text: str) -> tuple[int | None, int | None]:
    """Line and column of a tomllib error; the last line when it says 'end of document'."""
    match = _POSITION.search(message)
    if match:
        return int(match.group(1)), int(match.group(2))
    if "end of document" in message:
        return max(1, text.count("\n") + (0 if text.endswith("\n") else 1)), None
    return None, None


def tomlkit_position(text: str) -> tuple[int | None, int | None]:
    """Where tomlkit places the error, when it finds one (it knows duplicate keys' lines)."""
    import tomlkit
    from tomlkit.exceptions import ParseError

    try:
        tomlkit.parse(text)
    except ParseError as error:
        return error.line, error.col + 1
    except Exception:
        return None, None
    return None, None


def unterminated_string_line(text: str) -> int | None:
    """The line where a multi-line string opens but never closes."""
    open_line = None
    for number, line in enumerate(text.splitlines(), 1):
        count = line.count('"""') + line.count("'''")
        if count % 2 == 1:
            open_line = number if open_line is None else None
    return open_line
