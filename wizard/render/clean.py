"""Characters a Word file cannot hold, and the warning that names the field.

XML 1.0 (and so .docx) has no place for C0 control characters other than tab
and line feed, for U+FFFE and U+FFFF, or for lone surrogates. They are left out
of the document, never turned into something else: ``\\a`` and ``\\f`` must
not become paragraph or page breaks. The person is told which field held them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.model.text import normalise_newlines

# Tab (09) and line feed (0A) stay; carriage returns are line ends (normalised first).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class RemovedCharacters:
    """A field that held characters a .docx cannot hold, and which they were."""

    field: str
    label: str
    characters: tuple[str, ...]

    @property
    def message(self) -> str:
        """The warning in Swedish, naming the field and the characters."""
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(self.characters))
        count = len(self.characters)
        return (
            f"{self.label} ({self.field}): {count} tecken som inte kan finnas i ett "
            f"Word-dokument togs bort ({codes})."
        )


def removable(text: str) -> list[str]:
    """The characters of ``text`` that a .docx cannot hold, in order."""
    return _NOT_XML.findall(text)


def clean_text(text: str) -> str:
    """``text`` with CR line ends made LF and the characters XML cannot hold left out."""
    return _NOT_XML.sub("", normalise_newlines(text))
