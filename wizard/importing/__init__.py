"""Import a finished tjänsteutlåtande (.docx) back into a draft, with a report.

`import_statement` reads the document (through the storage layer's bounded
reader) and maps it onto draft format 1; `save_imported` writes the draft
through `DraftFile`, atomically, never over an existing file unless asked.
The CLI (``wizard import``) and the TUI's "Importera" both call these.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wizard.errors import DraftSaveError, os_reason
from wizard.importing.report import ImportReport
from wizard.model.draft import Draft
from wizard.storage.bounded import FileReadError

__all__ = ["ImportReport", "ImportResult", "default_target", "import_statement", "save_imported"]

# Cleared by ``as_new``: what belongs to the old case, not to its text.
AS_NEW_CLEARED = ("referral.title", "referral.referred_by", "referral.dnr", "referral.deadline",
                  "statement.dnr", "statement.date", "meeting.date", "meeting.item",
                  "meeting.immediate")


@dataclass
class ImportResult:
    """The draft read from a document, and what the person should know about it."""

    draft: Draft
    report: ImportReport
    source: Path


def import_statement(path: Path | str, *, as_new: bool = False) -> ImportResult:
    """Read the statement at ``path`` into a draft.

    Raises `FileReadError` (a `WizardError`, exit code 2) for anything that is
    not a readable .docx: not a zip, corrupt, password-protected, a macro
    document, over the size caps, or without any text.
    """
    from wizard.importing.docx_reader import read_document
    from wizard.importing.statement import StatementReader

    path = Path(path)
    document = read_document(path)
    if not any(_has_text(block) for block in document.blocks):
        raise FileReadError(path, "dokumentet innehåller ingen text att importera")
    reader = StatementReader(document)
    draft = reader.read()
    if as_new:
        _clear_case(draft, reader.report)
    return ImportResult(draft, reader.report, path)


def _has_text(block: object) -> bool:
    from wizard.importing.docx_reader import Para

    if isinstance(block, Para):
        return bool(block.text.strip())
    return bool(getattr(block, "text", "").strip(" |"))


def _clear_case(draft: Draft, report: ImportReport) -> None:
    """Start a new statement from an old one's text: the old case's facts are emptied."""
    cleared = []
    for path in AS_NEW_CLEARED:
        value = draft.get(path)
        if value not in (None, "", False):
            cleared.append(path)
        draft.set(path, False if path == "meeting.immediate" else None
                  if path.endswith(("deadline", ".date")) else "")
    if cleared:
        from wizard.model.validation import label_for

        report.guessed("tömt för ett nytt ärende (--as-new): "
                       + ", ".join(label_for(path) for path in cleared))


def default_target(draft: Draft, folder: Path, source: Path) -> Path:
    """A new file in ``folder`` named from the title (or the document's name), never taken."""
    from wizard.storage.names import draft_filename, unique_path

    return unique_path(folder, draft_filename(draft.referral.title or source.stem))


def save_imported(result: ImportResult, target: Path, *, force: bool = False) -> Path:
    """Write the imported draft to ``target``; an existing file only with ``force``.

    Raises `OutputTargetError` when the file exists (without ``force``) or is
    no place for a draft, `DraftSaveError` when it cannot be written; nothing
    is then changed on disk.
    """
    from wizard.storage.draftfile import DraftFile
    from wizard.storage.targets import check_output_target

    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DraftSaveError(f"{folder}: kan inte skapa mappen ({os_reason(error)})"
                                 ) from None
    # The one rule for output files: never a folder, a device or a link elsewhere, and an
    # existing draft only with ``force``.
    target = check_output_target(target, "draft", force=force).path
    DraftFile.create(target, result.draft).save(force=force)
    return target
