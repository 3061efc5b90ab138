"""Load and save draft files, keeping every word and every hand-made detail.

Reading is `reading`'s (strict `tomllib`, one `DraftReadError` with the
file, line and column); `DraftFile.load` reads the same way and also keeps
the tomlkit document that saving merges into.

Saving: the draft's changed values are merged into the tomlkit document that
was loaded (`tomldoc`, imported only then), so that comments, key order, blank
lines, line endings and unknown keys survive; a draft where nothing changed is
not written at all. The TUI loads with ``defer_document=True``: the model is
read at once (it is what the first frame shows), the comment-keeping document
only when the session asks for it, after that frame (`DraftFile.ensure_document`).
Long texts become multi-line strings a person can read. The bytes are encoded before the
file is touched and written with `atomic_write`; a file that changed on disk
since it was loaded (by SHA-256) is never overwritten.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

# tomli's compiled wheels parse TOML like tomllib, with the same messages, several
# times faster (which matters for `wizard check` of many drafts).
import tomli as tomllib

from wizard.errors import (
    DraftChangedOnDiskError,
    DraftDeletedError,
    DraftReadError,
    DraftSaveError,
    DraftTypeError,
    os_reason,
)
from wizard.model.draft import DATE_PATHS, FORMAT_VERSION, Draft, parse_date
from wizard.storage.atomic import atomic_write
from wizard.storage.bounded import DRAFT_LIMIT, FileReadError, read_bounded
from wizard.storage.reading import BOM, TOO_DEEP, decode, parse, read_bytes, to_draft

if TYPE_CHECKING:
    import tomlkit
    from tomlkit.items import Table


class DraftFile:
    """A draft and the document it was read from, for editing and saving.

    `draft` is the model the TUI edits; `save` merges it into the document.
    Saves must not run at the same time (the TUI runs them in one worker).
    `text` is the file's text as loaded or last written (the base of a merge).
    """

    def __init__(self, path: Path, document: tomlkit.TOMLDocument | None, draft: Draft,
                 digest: str | None, *, bom: bool = False, newline: str = "\n",
                 text: str | None = None) -> None:
        if text is None:
            if document is None:
                raise ValueError("a DraftFile needs its document or the text to parse it from")
            text = document.as_string()
        self.path = path
        self._document = document
        self.text = text
        self.draft = draft
        self.digest = digest
        self.bom = bom
        self.newline = newline
        self._tables: dict[int, Table] = {}
        # Until the document is parsed: each record list's uids in the order loaded, which
        # is the order of the file's tables (the draft's own lists may be edited meanwhile).
        self._loaded_uids: dict[str, list[int]] = {}
        self.rebuilt = False  # the hand-made layout had to be given up (see `render`)

    # -- loading

    @classmethod
    def load(cls, path: Path | str, *, defer_document: bool = False) -> DraftFile:
        """Read a draft for editing; raises `DraftReadError` with the line.

        With ``defer_document`` the comment-keeping document is parsed on first
        use (`ensure_document`, or the first save) instead of now, so that a
        tomlkit failure is raised then; the model is read and checked now.
        """
        path = Path(path)
        data = read_bytes(path)
        text = decode(path, data)
        draft = to_draft(path, text, parse(path, text))
        # New lines follow the file's line ends; a file that mixes them is left as it is.
        crlf = "\r\n" in text and re.search(r"(?<!\r)\n", text) is None
        loaded = cls(path, None, draft, hashlib.sha256(data).hexdigest(),
                     bom=data.startswith(BOM), newline="\r\n" if crlf else "\n", text=text)
        for record_cls in Draft.RECORDS:
            key: str = getattr(record_cls, "KEY")  # noqa: B009 (a ClassVar mypy cannot see)
            loaded._loaded_uids[key] = [record.uid for record in getattr(draft, key)]
        if not defer_document:
            loaded.ensure_document()
        return loaded

    @property
    def document(self) -> tomlkit.TOMLDocument:
        """The comment-keeping document (parsed now when the load deferred it)."""
        return self.ensure_document()

    @document.setter
    def document(self, document: tomlkit.TOMLDocument) -> None:
        self._document = document
        self._loaded_uids = {}

    @property
    def document_parsed(self) -> bool:
        return self._document is not None

    def ensure_document(self) -> tomlkit.TOMLDocument:
        """Parse the loaded text into the comment-keeping document, once.

        Each record is then saved into the table it was read from, by its
        position as loaded, however the draft's lists were edited since.
        Raises `DraftReadError` when tomlkit cannot parse what tomllib read.
        """
        if self._document is not None:
            return self._document
        # tomlkit only now (the TUI parses on its save worker, after the first frame):
        # importing it took ~12 ms of the TUI's start.
        from wizard.storage import tomldoc

        try:
            document = tomldoc.parse(self.text)
        except RecursionError:
            raise DraftReadError(self.path, TOO_DEEP) from None
        except Exception as error:  # tomllib accepted it: a tomlkit limitation
            raise DraftReadError(
                self.path,
                f"filen kan läsas men inte redigeras utan att något går förlorat ({error})",
            ) from None
        self._tables.update(tomldoc.record_tables(document, self._loaded_uids))
        self._loaded_uids = {}
        self._document = document
        return document

    def reuse_table(self, uid: int, loaded_uid: int) -> None:
        """Save record ``uid`` into the table the record ``loaded_uid`` was read from."""
        self.ensure_document()
        table = self._tables.get(loaded_uid)
        if table is not None:
            self._tables[uid] = table

    @classmethod
    def create(cls, path: Path | str, draft: Draft | None = None) -> DraftFile:
        """A new draft file that does not exist on disk yet (``save`` writes it)."""
        from wizard.storage import tomldoc

        document = tomldoc.new_document()
        document.add("format", FORMAT_VERSION)
        return cls(Path(path), document, draft or Draft(), None, text="")

    # -- saving

    def changed_on_disk(self) -> bool:
        """True when the file's bytes differ from those loaded or last saved.

        A file deleted since then counts as changed; `deleted_on_disk` tells the two apart.
        """
        try:
            current = read_bounded(self.path, limit=DRAFT_LIMIT, what="utkastet")
        except FileReadError:
            if not os.path.lexists(self.path):
                return self.digest is not None
            raise
        return hashlib.sha256(current).hexdigest() != self.digest

    def deleted_on_disk(self) -> bool:
        """True when the file that was loaded or saved is no longer there."""
        return self.digest is not None and not os.path.lexists(self.path)

    def render(self, draft: Draft | None = None) -> tuple[bytes, bool]:
        """Merge ``draft`` into the document; return its bytes and whether they differ
        from the bytes loaded or last saved.

        Raises `DraftSaveError` naming the field when a text holds a character
        that cannot be written (a lone surrogate); the document is then untouched.

        When the merge added or moved keys, tables or records, the text is read
        back before it is returned: should a hand-made layout defeat the merge
        (a bug), the draft is written into a fresh document instead, losing
        comments but no word, and `rebuilt` is set. Values replaced in place
        are not read back (that would double the time of an autosave), their
        quoting is tested exhaustively.
        """
        from wizard.storage import tomldoc

        draft = draft if draft is not None else self.draft
        _check_encodable(self.path, draft)
        merge = tomldoc.DocumentMerge(self.document, self._tables)
        merge.merge(draft)
        text = self._text()
        if merge.structural and not _reads_back(text, draft):
            self.document = tomldoc.new_document()
            self._tables = {}
            tomldoc.DocumentMerge(self.document, self._tables).merge(draft)
            text = self._text()
            if not _reads_back(text, draft):
                raise DraftSaveError(
                    f"{self.path}: utkastet kunde inte skrivas så att det läses tillbaka lika "
                    "(ett fel i wizard); filen är som förut"
                )
            self.rebuilt = True
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as error:  # a hand-made document item, not the draft
            raise DraftSaveError(
                f"{self.path}: texten innehåller ett tecken som inte kan sparas "
                f"(U+{ord(text[error.start]):04X}); ta bort det och spara igen"
            ) from None
        if self.bom:
            data = BOM + data
        return data, hashlib.sha256(data).hexdigest() != self.digest

    def _text(self) -> str:
        text = self.document.as_string()
        if self.newline == "\r\n":
            text = re.sub(r"(?<!\r)\n", "\r\n", text)
        return text

    def save(self, draft: Draft | None = None, *, path: Path | str | None = None,
             force: bool = False) -> bool:
        """Write the draft if anything changed; return True when the file was written.

        ``path`` saves under another name (and keeps using it). Raises
        `DraftChangedOnDiskError` when the file changed since it was loaded
        (unless ``force``), `DraftSaveError` when it cannot be written; in both
        cases the file on disk is as it was.
        """
        target = Path(path) if path is not None else self.path
        moving = target != self.path
        data, changed = self.render(draft)
        if not changed and not moving:
            return False
        if not moving and not force:
            try:
                changed_on_disk = self.changed_on_disk()
            except OSError as error:
                raise DraftSaveError(
                    f"{self.path}: kan inte läsa filen före sparandet ({_reason(error)}); "
                    "filen är som förut"
                ) from None
            except FileReadError as error:
                raise DraftSaveError(
                    f"{self.path}: kan inte läsa filen före sparandet ({error.detail}); "
                    "filen är som förut"
                ) from None
            if changed_on_disk:
                if self.deleted_on_disk():
                    raise DraftDeletedError(self.path)
                raise DraftChangedOnDiskError(self.path)
        try:
            atomic_write(target, data)
        except OSError as error:
            raise DraftSaveError(
                f"{target}: kunde inte spara ({_reason(error)}); filen är som förut"
            ) from None
        self.path = target
        self.digest = hashlib.sha256(data).hexdigest()
        self.text = data.removeprefix(BOM).decode("utf-8")
        return True


def _expected(draft: Draft) -> Draft:
    """The draft as a load gives it back: ``\n`` line ends, typed dates as dates."""
    expected = draft.copy()
    for path, value in draft.text_fields():
        if path in DATE_PATHS:
            expected.set(path, (parse_date(value) or value) if value.strip() else None)
        else:
            expected.set(path, value)  # `set` normalises line ends
    return expected


def _reads_back(text: str, draft: Draft) -> bool:
    """True when ``text`` is TOML that reads back as ``draft``."""
    try:
        loaded = Draft.from_mapping(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, DraftTypeError):
        return False
    expected = _expected(draft)
    if draft.format is None:
        expected.format = loaded.format  # a version the draft does not know is kept
    return loaded == expected



def _reason(error: OSError) -> str:
    """Why a file operation failed, in Swedish."""
    return os_reason(error)


def _check_encodable(path: Path, draft: Draft) -> None:
    """Refuse a text that cannot be written as UTF-8 (a lone surrogate), naming its field."""
    for field_path, value in draft.text_fields():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise DraftSaveError(
                f"{path}: fältet {field_path} innehåller ett tecken som inte kan sparas "
                f"(U+{ord(value[error.start]):04X}, tecken {error.start + 1}); "
                "ta bort det och spara igen. Filen är som förut."
            ) from None
