"""What an import did, in Swedish: what went where, what was guessed, left out, moved.

The CLI prints it and the TUI shows it; every text from the document passes
through `visible` before it reaches a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wizard.model.text import visible
from wizard.model.validation import label_for

FOUND = "found"
GUESSED = "guessed"
LEFT_OUT = "left_out"
WARNING = "warning"

HEADINGS = {
    FOUND: "Hittat",
    GUESSED: "Gissat (kontrollera)",
    WARNING: "Varningar: text som inte passade något fält",
    LEFT_OUT: "Utelämnat",
}


def quote(text: str, limit: int = 60) -> str:
    """A piece of the document's text, safe for a terminal and short: ”Internationell…”."""
    return f"”{visible(text.strip(), limit=limit, one_line=True)}”"


@dataclass(frozen=True)
class ReportLine:
    """One thing the person should know: its kind, the field it concerns and what happened."""

    kind: str
    message: str
    field: str | None = None

    def text(self) -> str:
        if self.field:
            return f"{label_for(self.field)} ({self.field}): {self.message}"
        return self.message


@dataclass
class ImportReport:
    """Everything an import found, guessed, moved and left out, in document order."""

    lines: list[ReportLine] = field(default_factory=list)

    def found(self, path: str, message: str) -> None:
        self.lines.append(ReportLine(FOUND, message, path))

    def guessed(self, message: str, path: str | None = None) -> None:
        self.lines.append(ReportLine(GUESSED, message, path))

    def left_out(self, message: str) -> None:
        self.lines.append(ReportLine(LEFT_OUT, message))

    def warning(self, message: str, path: str | None = None) -> None:
        self.lines.append(ReportLine(WARNING, message, path))

    def of_kind(self, kind: str) -> list[ReportLine]:
        return [line for line in self.lines if line.kind == kind]

    @property
    def warnings(self) -> list[ReportLine]:
        return self.of_kind(WARNING)

    def summary(self) -> str:
        """One line: how many things of each kind, so that guesses and warnings are not missed."""
        counts = [(len(self.of_kind(FOUND)), "hittade"), (len(self.of_kind(GUESSED)), "gissade"),
                  (len(self.of_kind(WARNING)), "varningar"),
                  (len(self.of_kind(LEFT_OUT)), "utelämnade")]
        return "Rapport: " + ", ".join(f"{count} {what}" for count, what in counts) + "."

    def text_lines(self) -> list[str]:
        """The report as plain lines: a heading per kind, then its lines indented."""
        result: list[str] = []
        for kind in (FOUND, GUESSED, WARNING, LEFT_OUT):
            lines = self.of_kind(kind)
            if not lines:
                continue
            result.append(f"{HEADINGS[kind]}:")
            result.extend(f"  {line.text()}" for line in lines)
        return result
