"""Typed classes for every part of draft format 1 (``docs/draft-format.md``).

This is the one description of the draft: storage, the renderer and the
template check derive their lists of tables, records, dates and multi-line
texts from these classes (`FIELD_KINDS`, `TOP_LEVEL_KEYS`, ...), never from
a hand-written copy.

Every field is optional while drafting: text fields are ``""`` when absent,
dates ``None``. A date may also hold the string the person wrote when that
string is not a real date, so that validation can name it instead of the
file being refused.

Records in lists (`Direction`, `Decision`, ...) carry a ``uid`` that stays with
the record when the list is reordered or the draft copied. Storage maps it to
the table the record was read from, so that a record's hand-written comments
and unknown keys move with it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping
from dataclasses import Field, dataclass, field, fields, replace
from typing import Any, ClassVar, Literal, TypeVar, Union

from wizard.errors import DraftTypeError
from wizard.model.text import normalise_newlines

FORMAT_VERSION = 1

_uids = itertools.count(1)


def _next_uid() -> int:
    return next(_uids)

DateValue = Union[dt.date, str, None]  # noqa: UP007 (a runtime alias on 3.10)


def parse_date(value: DateValue) -> dt.date | None:
    """Return the date a field holds, or None when it is empty or not a real date."""
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        parsed = dt.date.fromisoformat(text)
    except ValueError:
        return None
    # fromisoformat on 3.11+ also takes 20160920; the format wants YYYY-MM-DD.
    return parsed if len(text) == 10 else None


def format_date(value: DateValue) -> str:
    """Show a date field as the person would type it."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _text(data: Mapping[str, Any], key: str, path: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DraftTypeError(
            f"{path}.{key}", f"ska vara text inom citattecken, inte {_kind(value)}"
        )
    return normalise_newlines(str(value))


def _date(data: Mapping[str, Any], key: str, path: str) -> DateValue:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        raise DraftTypeError(
            f"{path}.{key}", "ska vara ett datum (ÅÅÅÅ-MM-DD) utan klockslag"
        )
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        if not value.strip():
            return None  # an emptied date
        parsed = parse_date(value)
        return parsed if parsed is not None else normalise_newlines(value)
    raise DraftTypeError(f"{path}.{key}", f"ska vara ett datum (ÅÅÅÅ-MM-DD), inte {_kind(value)}")


def _bool(data: Mapping[str, Any], key: str, path: str) -> bool:
    value = data.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise DraftTypeError(f"{path}.{key}", f"ska vara true eller false, inte {_kind(value)}")
    return bool(value)


def _cursors(value: Any) -> dict[str, tuple[int, int]]:
    """The stored cursor positions; anything malformed is left out (it is only where
    the cursor was, not the person's text)."""
    if not isinstance(value, Mapping):
        return {}
    found: dict[str, tuple[int, int]] = {}
    for path, place in value.items():
        if (isinstance(place, list) and len(place) == 2
                and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0
                        for n in place)):
            found[str(path)] = (place[0], place[1])
    return found
def _words(data: Mapping[str, Any], key: str, path: str) -> list[str]:
    """A list of words (the spell checker's ignored words)."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DraftTypeError(f"{path}.{key}", "ska vara en lista av ord inom citattecken, "
                             f"t.ex. [\"Eurocities\"], inte {_kind(value)}")
    return [str(item) for item in value]


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise DraftTypeError(key, f"ska vara en tabell [{key}], inte {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    """Name a TOML value's kind in Swedish, for messages."""
    if isinstance(value, bool):
        return "ett sanningsvärde"
    if isinstance(value, int):
        return "ett heltal"
    if isinstance(value, float):
        return "ett decimaltal"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dt.datetime):
        return "en tidpunkt"
    if isinstance(value, dt.date):
        return "ett datum"
    if isinstance(value, dt.time):
        return "ett klockslag"
    if isinstance(value, Mapping):
        return "en tabell"
    if isinstance(value, list):
        return "en lista"
    return type(value).__name__


FieldKind = Literal["line", "text", "date", "flag"]
"""How a field is written and printed: one line, markdown-lite paragraphs, a date, true/false."""


def field_kind(item: Field[Any]) -> FieldKind:
    """The kind of one dataclass field of the draft, from its declared type and metadata."""
    declared = str(item.type)
    if declared == "bool":
        return "flag"
    if declared == "DateValue":
        return "date"
    return "text" if item.metadata.get("multiline") else "line"


_S = TypeVar("_S", bound="_Section")
_READERS: dict[str, Callable[[Mapping[str, Any], str, str], Any]] = {
    "str": _text,
    "DateValue": _date,
    "bool": _bool,
}


class _Section:
    """A table of the draft; its fields are read by their declared kind."""

    TABLE: ClassVar[str]

    @classmethod
    def from_mapping(cls: type[_S], data: Mapping[str, Any]) -> _S:
        """Read the table's values, raising `DraftTypeError` for a value of the wrong kind."""
        values = {f.name: _READERS[str(f.type)](data, f.name, cls.TABLE)
                  for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**values)


@dataclass
class Referral(_Section):
    """The referred document (remiss) and who sent it."""

    title: str = ""
    referred_by: str = ""
    dnr: str = ""
    deadline: DateValue = None

    TABLE: ClassVar[str] = "referral"


@dataclass
class Statement(_Section):
    """The tjänsteutlåtande itself: the administration, its own dnr and date."""

    organisation: str = ""
    dnr: str = ""
    date: DateValue = None

    TABLE: ClassVar[str] = "statement"


@dataclass
class Meeting(_Section):
    """The committee meeting (sammanträde) where the item is decided."""

    committee: str = ""
    date: DateValue = None
    item: str = ""
    immediate: bool = False

    TABLE: ClassVar[str] = "meeting"


@dataclass
class Officer(_Section):
    """The case officer (handläggare)."""

    name: str = ""
    phone: str = ""
    email: str = ""

    TABLE: ClassVar[str] = "officer"


_MULTILINE: dict[str, Any] = {"multiline": True}


@dataclass
class Texts(_Section):
    """The long texts, in markdown-lite."""

    summary: str = field(default="", metadata=_MULTILINE)
    background: str = field(default="", metadata=_MULTILINE)
    background_after: str = field(default="", metadata=_MULTILINE)
    views: str = field(default="", metadata=_MULTILINE)

    TABLE: ClassVar[str] = "texts"


@dataclass
class Direction:
    """One inriktning of the referred strategy, and the administration's view on it."""

    name: str = ""
    description: str = field(default="", metadata=_MULTILINE)
    comment: str = field(default="", metadata=_MULTILINE)
    uid: int = field(default_factory=_next_uid, compare=False, repr=False)

    KEY: ClassVar[str] = "directions"


@dataclass
class Decision:
    """One item of Förvaltningens förslag till beslut."""

    text: str = ""
    uid: int = field(default_factory=_next_uid, compare=False, repr=False)

    KEY: ClassVar[str] = "decisions"


@dataclass
class Signature:
    """A signatory and their title, in signing order."""

    name: str = ""
    title: str = ""
    uid: int = field(default_factory=_next_uid, compare=False, repr=False)

    KEY: ClassVar[str] = "signatures"


@dataclass
class Attachment:
    """One bilaga."""

    title: str = ""
    uid: int = field(default_factory=_next_uid, compare=False, repr=False)

    KEY: ClassVar[str] = "attachments"


Record = TypeVar("Record", Direction, Decision, Signature, Attachment)


def record_fields(cls: type) -> list[str]:
    """The text fields of a record class, in file order (``uid`` left out)."""
    return [f.name for f in fields(cls) if f.name != "uid"]


def _records(data: Mapping[str, Any], cls: type[Record]) -> list[Record]:
    key = cls.KEY
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, Mapping):
        raise DraftTypeError(
            key,
            f"ska vara en lista av tabeller skrivna [[{key}]], inte en enda tabell [{key}]",
        )
    if not isinstance(value, list):
        raise DraftTypeError(key, f"ska vara en lista av tabeller [[{key}]], inte {_kind(value)}")
    records = []
    for index, item in enumerate(value):
        path = f"{key}[{index + 1}]"
        if not isinstance(item, Mapping):
            raise DraftTypeError(path, f"ska vara en tabell [[{key}]], inte {_kind(item)}")
        values: dict[str, Any] = {name: _text(item, name, path) for name in record_fields(cls)}
        records.append(cls(**values))
    return records


@dataclass
class Draft:
    """A whole draft: everything a tjänsteutlåtande that answers a referral holds."""

    referral: Referral = field(default_factory=Referral)
    statement: Statement = field(default_factory=Statement)
    meeting: Meeting = field(default_factory=Meeting)
    officer: Officer = field(default_factory=Officer)
    texts: Texts = field(default_factory=Texts)
    directions: list[Direction] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    step: str = ""
    # Steps filled only by a preset, a referral document or the profiles, not yet looked
    # at by the person (space-separated step ids): the sidebar shows them "förifyllt".
    prefilled: str = ""
    pdf: bool = False
    """"Även PDF" in the review step: the person's last choice, kept in ``[wizard]``."""
    cursors: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where the cursor was in each long text (line, column from 0), to resume there."""
    ignored_words: list[str] = field(default_factory=list)
    """Words the spell checker leaves unmarked in this draft (``[wizard] ignored_words``)."""
    format: int | None = FORMAT_VERSION

    TABLES: ClassVar[tuple[type, ...]] = (Referral, Statement, Meeting, Officer, Texts)
    RECORDS: ClassVar[tuple[type, ...]] = (Direction, Decision, Signature, Attachment)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Draft:
        """Build a draft from a parsed TOML document.

        Raises `DraftTypeError` naming the field when a value has the wrong kind;
        the format version is checked by storage, which knows the file.
        """
        wizard_table = _table(data, "wizard")
        return cls(
            referral=Referral.from_mapping(_table(data, "referral")),
            statement=Statement.from_mapping(_table(data, "statement")),
            meeting=Meeting.from_mapping(_table(data, "meeting")),
            officer=Officer.from_mapping(_table(data, "officer")),
            texts=Texts.from_mapping(_table(data, "texts")),
            directions=_records(data, Direction),
            decisions=_records(data, Decision),
            signatures=_records(data, Signature),
            attachments=_records(data, Attachment),
            step=_text(wizard_table, "step", "wizard"),
            prefilled=_text(wizard_table, "prefilled", "wizard"),
            pdf=_bool(wizard_table, "pdf", "wizard"),
            cursors=_cursors(wizard_table.get("cursors")),
            ignored_words=_words(wizard_table, "ignored_words", "wizard"),
            format=data.get("format"),
        )

    def copy(self) -> Draft:
        """A copy that can be saved while the original is edited; records keep their uid."""
        return replace(
            self,
            referral=replace(self.referral),
            statement=replace(self.statement),
            meeting=replace(self.meeting),
            officer=replace(self.officer),
            texts=replace(self.texts),
            directions=[replace(item) for item in self.directions],
            decisions=[replace(item) for item in self.decisions],
            signatures=[replace(item) for item in self.signatures],
            attachments=[replace(item) for item in self.attachments],
            cursors=dict(self.cursors),
            ignored_words=list(self.ignored_words),
        )

    def text_fields(self) -> list[tuple[str, str]]:
        """Every text value with its field path (``texts.views``, ``decisions[2].text``).

        Dates held as text are included: they are written as text too.
        """
        found: list[tuple[str, str]] = []
        for table_cls in self.TABLES:
            name = table_cls.TABLE  # type: ignore[attr-defined]
            table = getattr(self, name)
            for item in fields(table):
                value = getattr(table, item.name)
                if isinstance(value, str):
                    found.append((f"{name}.{item.name}", value))
        for record_cls in self.RECORDS:
            key = record_cls.KEY  # type: ignore[attr-defined]
            for index, record in enumerate(getattr(self, key), 1):
                for name in record_fields(record_cls):
                    found.append((f"{key}[{index}].{name}", getattr(record, name)))
        found.append(("wizard.step", self.step))
        return found

    @property
    def prefilled_steps(self) -> set[str]:
        """The ids of the steps shown "förifyllt"."""
        return set(self.prefilled.split())

    def mark_seen(self, step_id: str) -> bool:
        """The person looked at or changed ``step_id``: it is no longer "förifyllt"."""
        steps = self.prefilled.split()
        if step_id not in steps:
            return False
        self.prefilled = " ".join(step for step in steps if step != step_id)
        return True

    def get(self, path: str) -> Any:
        """Return the value at a field path such as ``referral.title`` or ``decisions[2].text``."""
        target, name = self._resolve(path)
        return getattr(target, name)

    def set(self, path: str, value: Any) -> None:
        """Set the value at a field path; text is normalised to ``\\n`` line ends."""
        target, name = self._resolve(path)
        if isinstance(value, str):
            value = normalise_newlines(value)
        setattr(target, name, value)

    def _resolve(self, path: str) -> tuple[Any, str]:
        head, _, name = path.rpartition(".")
        if not head or head == "wizard":  # [wizard] (step, pdf) is the draft's own
            return self, name
        if head.endswith("]"):
            key, _, index = head[:-1].partition("[")
            return getattr(self, key)[int(index) - 1], name
        return getattr(self, head), name


def _kinds(cls: type) -> dict[str, FieldKind]:
    return {item.name: field_kind(item) for item in fields(cls) if item.name != "uid"}


FIELD_KINDS: dict[str, dict[str, FieldKind]] = {
    **{cls.TABLE: _kinds(cls) for cls in Draft.TABLES},  # type: ignore[attr-defined]
    **{cls.KEY: _kinds(cls) for cls in Draft.RECORDS},  # type: ignore[attr-defined]
}
"""Every table and list of records of format 1, with its fields and their kinds, in file order."""

RECORD_KEYS: tuple[str, ...] = tuple(cls.KEY for cls in Draft.RECORDS)  # type: ignore[attr-defined]
"""The lists of records (``[[directions]]`` ...), in file order."""

TOP_LEVEL_KEYS: tuple[str, ...] = ("format", *FIELD_KINDS, "wizard")
"""The top-level keys of a draft file, in the order the format writes them."""

DATE_PATHS: tuple[str, ...] = tuple(
    f"{table}.{name}" for table, kinds in FIELD_KINDS.items()
    for name, kind in kinds.items() if kind == "date"
)
"""Field paths that hold a date (``referral.deadline`` ...), in file order."""

MULTILINE_NAMES: frozenset[str] = frozenset(
    name for kinds in FIELD_KINDS.values() for name, kind in kinds.items() if kind == "text"
)
"""Names of the markdown-lite fields, in tables and records alike (``summary``, ``comment``)."""
