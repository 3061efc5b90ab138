"""Characters a Word file cannot hold, and the warning that names the field.

Which characters these are is the model's (`wizard.model.text.unprintable`),
so that `wizard check` and the review warn about them before a document is
made. They are left out of the document, never turned into something else:
``\\a`` and ``\\f`` must not become paragraph or page breaks. The two Unicode
separators are the exception, since they say what they mean: U+2028 (line
separator) becomes a line break and U+2029 (paragraph separator) a new paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.model.text import normalise_newlines, unprintable, unprintable_note, without_unprintable

LINE_SEPARATOR = "\u2028"
PARAGRAPH_SEPARATOR = "\u2029"


@dataclass(frozen=True)
class RemovedCharacters:
    """A field that held characters a .docx cannot hold, and which they were."""

    field: str
    label: str
    characters: tuple[str, ...]

    @property
    def message(self) -> str:
        """The warning in Swedish, naming the field and the characters."""
        return f"{self.label} ({self.field}): {unprintable_note(self.characters)}"


def removable(text: str) -> list[str]:
    """The characters of ``text`` that a .docx cannot hold, in order."""
    return unprintable(normalise_newlines(text))


def clean_text(text: str) -> str:
    """``text`` with CR line ends made LF and the characters XML cannot hold left out."""
    return without_unprintable(normalise_newlines(text))
