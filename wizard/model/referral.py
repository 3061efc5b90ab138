"""What a referral letter says about itself: title, remittent, dnr, deadline, inriktningar.

Pure text work over the lines of a referral document (storage reads the file).
Every finding is a `Proposal` that keeps the line it came from, so that the
person can see why it was proposed and accept or reject it; nothing found is
left empty rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from wizard.model.validation import label_for

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = (rf"(?:den\s+)?(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
         rf"|(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?\s+(?P<year>\d{{4}}))")
# Wordings of a referral's deadline; the date must follow the words.
_DEADLINE = re.compile(
    r"(?:\bsenast\b|\bremisstiden\b[^.]*?\b(?:går\s+ut|löper\s+ut|sträcker\s+sig\s+till|är\s+till)"
    r"|\bsista\s+(?:svars)?dag(?:en)?\b(?:\s+för\s+svar)?(?:\s+är)?"
    r"|\bsvar(?:et)?\s+(?:ska|bör|behöver)[^.]*?\b(?:till|senast))"
    rf"\s*:?\s*{_DATE}",
    re.IGNORECASE,
)
_DNR_LABELLED = re.compile(
    r"\b(?:dnr|diarienr|diarienummer)\b\.?\s*:?\s*"
    r"(?P<v>(?:[A-ZÅÄÖ]{1,6}\s?)?\d[\d\-/.:]*\d)",
    re.IGNORECASE,
)
_DNR_PREFIXED = re.compile(r"\b(?P<v>[A-ZÅÄÖ]{2,5}\s\d{4}/\d{1,6})\b")
_FROM = re.compile(
    r"\bremiss\s+från\s+(?P<v>[A-ZÅÄÖa-zåäö][\wåäöÅÄÖ\- ]*?(?:styrelsen|nämnden|fullmäktige|"
    r"kontoret|förvaltningen|staden|kommunen|regionen|departementet|myndigheten))\b",
    re.IGNORECASE,
)
_SENDER = re.compile(r"^\s*(?:från|avsändare)\s*:\s*(?P<v>\S.{1,80}?)\s*$", re.IGNORECASE)
_BODY_LINE = re.compile(
    r"^\s*(?P<v>[A-ZÅÄÖ][\wåäö\-]*(?:styrelsen|nämnden|fullmäktige|ledningskontoret))\s*$"
)
_TITLE_LABELLED = re.compile(
    r"^\s*(?:remiss\s+(?:av|om|angående|gällande)|remiss\s*:|ärende\s*:|rubrik\s*:|"
    r"angående\s*:?|ang\.\s*)\s*(?P<v>\S.{2,200}?)\s*$",
    re.IGNORECASE,
)
_TITLE_WORDS = re.compile(
    r"\b(?:strategi|program|policy|plan|riktlinjer|handlingsplan|utredning|förslag|"
    r"betänkande|promemoria|vision|reglemente)\w*\b",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\s*(?P<n>\d{1,2})[.)]\s+(?P<rest>\S.*)$")
_BULLET = re.compile(r"^\s*[-•–*·▪●◦\uf0b7\uf0a7]\s*(?P<rest>\S.*)$")
_NAME_SPLIT = re.compile(r"\s+[-–—]\s+|:\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9«\"”])")
_EMPHASIS = re.compile(r"[*_]{1,3}")


@dataclass(frozen=True)
class Proposal:
    """One thing found in the referral, and the line it was found on.

    ``field`` is the draft field it fills (``referral.title``…) or
    ``directions`` for a candidate inriktning (``value`` its name).
    """

    field: str
    label: str
    value: str
    line: int
    source: str
    description: str = ""
    description_line: int | None = None
    description_source: str = ""


@dataclass
class ReferralFacts:
    """The referral's facts as they will go into a new draft (empty: not known)."""

    title: str = ""
    referred_by: str = ""
    dnr: str = ""
    deadline: str = ""
    directions: list[tuple[str, str]] = field(default_factory=list)

    def take(self, proposal: Proposal) -> None:
        """Put an accepted proposal in its place."""
        if proposal.field == "directions":
            self.directions.append((proposal.value, proposal.description))
        else:
            setattr(self, proposal.field.removeprefix("referral."), proposal.value)


# A finding is named by its field's label, as the form names the field (one inriktning
# at a time, so in the singular).
LABELS = {
    **{path: label_for(path) for path in ("referral.title", "referral.referred_by",
                                          "referral.dnr", "referral.deadline")},
    "directions": "Inriktning",
}


def _clean(line: str) -> str:
    return " ".join(_EMPHASIS.sub("", line).split())


def find_date(match: re.Match[str]) -> str | None:
    """The ISO date a `_DATE` match names, or None when it is no real date."""
    try:
        if match.group("iso"):
            return dt.date.fromisoformat(match.group("iso")).isoformat()
        month = MONTHS[match.group("month").lower()]
        return dt.date(int(match.group("year")), month, int(match.group("day"))).isoformat()
    except ValueError:
        return None


def _first(lines: Sequence[str], pattern: re.Pattern[str], *, limit: int | None = None
           ) -> tuple[int, str] | None:
    for number, line in enumerate(lines[:limit] if limit else lines, 1):
        match = pattern.search(line)
        if match:
            return number, _clean(match.group("v")).strip(" ,.;")
    return None


def _proposal(key: str, found: tuple[int, str] | None, lines: Sequence[str]) -> list[Proposal]:
    if found is None or not found[1]:
        return []
    number, value = found
    return [Proposal(key, LABELS[key], value, number, lines[number - 1].strip())]


def find_dnr(lines: Sequence[str]) -> list[Proposal]:
    """``Dnr 171-482/2016``, ``Diarienummer: KS 2016/482``, or a bare ``KS 2016/482``."""
    found = _first(lines, _DNR_LABELLED) or _first(lines, _DNR_PREFIXED)
    return _proposal("referral.dnr", found, lines)


def find_deadline(lines: Sequence[str]) -> list[Proposal]:
    """"senast den 17 oktober 2016", "Remisstiden går ut 2016-10-17"… (also across a line end)."""
    for number, line in enumerate(lines, 1):
        match = _DEADLINE.search(line)
        if match and (date := find_date(match)):
            return [Proposal("referral.deadline", LABELS["referral.deadline"], date, number,
                             line.strip())]
    for number, line in enumerate(lines[:-1], 1):  # the words on one line, the date on the next
        joined = f"{line.strip()} {lines[number].strip()}"
        match = _DEADLINE.search(joined)
        if match and match.start() < len(line.strip()) and (date := find_date(match)):
            return [Proposal("referral.deadline", LABELS["referral.deadline"], date, number,
                             joined)]
    return []


def find_referred_by(lines: Sequence[str]) -> list[Proposal]:
    """"Remiss från kommunstyrelsen", "Från: …", or a letterhead line such as "Kommunstyrelsen"."""
    found = _first(lines, _FROM) or _first(lines, _SENDER, limit=30)
    if found is None:
        head = _first(lines, _BODY_LINE, limit=12)
        if head is not None:
            found = (head[0], head[1][:1].lower() + head[1][1:])
    return _proposal("referral.referred_by", found, lines)


def find_title(lines: Sequence[str]) -> list[Proposal]:
    """"Remiss av X", "Ärende: X", else the first short line naming a strategy, plan…"""
    found = _first(lines, _TITLE_LABELLED, limit=60)
    if found is None:
        for number, line in enumerate(lines[:40], 1):
            text = _clean(line)
            words = text.split()
            if (2 <= len(words) <= 14 and not text.endswith((".", ":", ","))
                    and _TITLE_WORDS.search(text) and not _DNR_LABELLED.search(text)
                    and not _NUMBERED.match(text) and not _BULLET.match(text)):
                found = (number, text)
                break
    return _proposal("referral.title", found, lines)


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


def _item(rest: str) -> tuple[str, str] | None:
    """A list item's name and the description on its own line, if it is short enough."""
    rest = _clean(rest)
    parts = _NAME_SPLIT.split(rest, maxsplit=1)
    name = parts[0].strip(" .:")
    if not name or len(name.split()) > 8 or (len(parts) == 1 and rest.endswith(".")):
        return None
    return name, parts[1] if len(parts) > 1 else ""


def _runs(lines: Sequence[str], pattern: re.Pattern[str], numbered: bool
          ) -> list[list[tuple[int, str, str]]]:
    """Runs of list items (line index, name, text on the line), in document order."""
    runs: list[list[tuple[int, str, str]]] = []
    current: list[tuple[int, str, str]] = []
    for index, line in enumerate(lines):
        match = pattern.match(line)
        item = _item(match.group("rest")) if match else None
        if match and item and (not numbered or int(match.group("n")) == len(current) + 1):
            current.append((index, *item))
            continue
        if match and numbered and item and int(match.group("n")) == 1:
            if len(current) >= 2:
                runs.append(current)
            current = [(index, *item)]
            continue
        if match:  # an item that does not fit (a long sentence, a number out of turn)
            if len(current) >= 2:
                runs.append(current)
            current = []
    if len(current) >= 2:
        runs.append(current)
    return runs


def _following(lines: Sequence[str], index: int, end: int) -> list[int]:
    """The lines after a list item up to the next item or the first blank after some text."""
    following: list[int] = []
    for follow in range(index + 1, min(end, index + 30)):
        if _NUMBERED.match(lines[follow]) or _BULLET.match(lines[follow]):
            break
        if not lines[follow].strip():
            if following:
                break
            continue
        following.append(follow)
    return following


def find_directions(lines: Sequence[str]) -> list[Proposal]:
    """The strategy's numbered headings, else its bullet lines, as candidate inriktningar.

    The description is the text on the item's own line after a dash or colon,
    else the first sentence of the text that follows it, up to the next item.
    """
    runs = _runs(lines, _NUMBERED, True) or _runs(lines, _BULLET, False)
    if not runs:
        return []
    run = max(runs, key=len)  # the longest list is the strategy's, not a letter's aside
    starts = [index for index, _, _ in run]
    proposals = []
    for position, (index, name, inline) in enumerate(run):
        end = starts[position + 1] if position + 1 < len(run) else len(lines)
        following = _following(lines, index, end)
        if inline:  # "Namn – text": the text goes on over the next lines when wrapped
            ends = inline.rstrip().endswith((".", "!", "?")) or _SENTENCE_END.search(inline)
            whole = inline if ends or not following else " ".join(
                [inline, *(lines[i] for i in following)])
            description, description_line = _first_sentence(whole), index
        elif following:
            description = _first_sentence(" ".join(lines[i] for i in following))
            description_line = following[0]
        else:
            description, description_line = "", index
        proposals.append(Proposal(
            "directions", LABELS["directions"], name, index + 1, lines[index].strip(),
            description=_clean(description),
            description_line=description_line + 1 if description else None,
            description_source=lines[description_line].strip() if description else "",
        ))
    return proposals


def propose(text: str) -> list[Proposal]:
    """Everything the referral's text proposes, in the order the dialog shows it."""
    lines = [line.rstrip() for line in text.splitlines()]
    return (find_title(lines) + find_referred_by(lines) + find_dnr(lines)
            + find_deadline(lines) + find_directions(lines))


def missing(proposals: Sequence[Proposal]) -> list[str]:
    """The Swedish names of what the referral did not say (for the dialog and the CLI)."""
    found = {proposal.field for proposal in proposals}
    return [label for key, label in LABELS.items() if key not in found]


_DATE_ALONE = re.compile(rf"^\s*{_DATE}\s*$", re.IGNORECASE)


def parse_deadline(text: str) -> str | None:
    """A typed deadline (``2016-10-17`` or ``17 oktober 2016``) as ISO, or None."""
    match = _DATE_ALONE.match(text)
    return find_date(match) if match else None
