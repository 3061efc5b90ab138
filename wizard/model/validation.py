"""What a finished document still lacks: errors and warnings, in Swedish.

Applied by `wizard check` and by the wizard's review step, so both say the same
thing. Each issue names its field by path (``meeting.date``, ``decisions[2].text``)
so that the TUI can jump to it, and by its Swedish label so a person can find it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from wizard.model import email as email_addresses
from wizard.model import phone as phone_numbers
from wizard.model.draft import DATE_PATHS, DateValue, Draft, parse_date
from wizard.model.steps import step_for_field

Severity = Literal["error", "warning"]

LABELS: dict[str, str] = {
    "referral.title": "Ärendets rubrik",
    "referral.referred_by": "Remittent",
    "referral.dnr": "Remissens diarienummer",
    "referral.deadline": "Remisstiden går ut",
    "statement.organisation": "Förvaltning",
    "statement.dnr": "Eget diarienummer",
    "statement.date": "Tjänsteutlåtandets datum",
    "meeting.committee": "Nämnd",
    "meeting.date": "Sammanträdesdatum",
    "meeting.item": "Punkt",
    "meeting.immediate": "Omedelbar justering",
    "officer.name": "Handläggare",
    "officer.phone": "Telefon",
    "officer.email": "E-post",
    "texts.summary": "Sammanfattning",
    "texts.background": "Bakgrund",
    "texts.background_after": "Bakgrund efter inriktningarna",
    "texts.views": "Förvaltningens synpunkter och förslag",
    "directions": "Inriktningar",
    "decisions": "Förslag till beslut",
    "signatures": "Underskrifter",
    "attachments": "Bilagor",
}

# What an empty field shows in grey: the form the value takes, or an example. Step 1,
# the new-statement dialog and the profile all take their hints (and labels) from here.
HINTS: dict[str, str] = {
    "referral.title": "t.ex. Internationell strategi för Stockholms stad",
    "referral.referred_by": "t.ex. kommunstyrelsen",
    "referral.dnr": "t.ex. 171-482/2016",
    "referral.deadline": "ÅÅÅÅ-MM-DD",
    "meeting.date": "ÅÅÅÅ-MM-DD",
    "meeting.item": "t.ex. p. 12 (eller § 12 i protokollet)",
    "statement.dnr": "t.ex. 171-482/2016",
    "statement.date": "ÅÅÅÅ-MM-DD",
    "officer.phone": "08-508 12 345",
    "officer.email": "namn@stad.se",
}

# The fields a finished document needs, in the order a person fills them.
REQUIRED_FIELDS: tuple[str, ...] = (
    "referral.title",
    "referral.referred_by",
    "referral.dnr",
    "meeting.committee",
    "meeting.date",
    "officer.name",
    "officer.phone",
    "texts.summary",
    "texts.background",
    "texts.views",
)
REQUIRED_LISTS: tuple[str, ...] = ("directions", "decisions", "signatures")

DATE_FIELDS: tuple[str, ...] = DATE_PATHS  # the model's date fields
DNR_FIELDS: tuple[str, ...] = ("referral.dnr", "statement.dnr")

DNR_CHARACTERS = re.compile(r"^[0-9A-Za-zÅÄÖåäöÉé][0-9A-Za-zÅÄÖåäöÉé ./\-]*$")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
ATTACHMENT_REFERENCE = re.compile(r"\bbilaga\s+(\d+)\b", re.IGNORECASE)
BARE_ITEM_NUMBER = re.compile(r"^\d+[a-z]?$")


def usual_item(item: str) -> str | None:
    """``p. 12`` for a bare item number (``12``); None when ``item`` is something else."""
    item = item.strip()
    return f"p. {item}" if BARE_ITEM_NUMBER.match(item) else None


@dataclass(frozen=True)
class Issue:
    """One thing to fix (error) or to look at (warning), naming its field."""

    severity: Severity
    field: str
    message: str
    suggestion: str = ""
    """A corrected value the form offers (Ctrl+T), when the fix is obvious."""

    @property
    def label(self) -> str:
        """The field's Swedish label, as the form shows it."""
        return label_for(self.field)

    @property
    def step(self) -> str:
        """The id of the wizard step where the field is edited."""
        return step_for_field(self.field)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def label_for(path: str) -> str:
    """Swedish label of a field path; list items get their number (``Förslag till beslut 2``)."""
    if path in LABELS:
        return LABELS[path]
    match = re.match(r"^(\w+)\[(\d+)\]", path)
    if match and match.group(1) in LABELS:
        return f"{LABELS[match.group(1)]} {match.group(2)}"
    return path


def hint_for(path: str) -> str:
    """The grey hint an empty field at ``path`` shows ("" when it needs none)."""
    return HINTS.get(path, "")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def validate(draft: Draft, *, today: dt.date | None = None) -> list[Issue]:
    """Return every error and warning of the draft, errors first, in form order."""
    today = today or dt.date.today()
    issues: list[Issue] = []
    for check in _CHECKS:
        issues.extend(check(draft, today))
    return sorted(issues, key=lambda issue: 0 if issue.is_error else 1)


def completeness(draft: Draft) -> tuple[int, int]:
    """How many of the required fields and lists are filled, of all of them."""
    filled = sum(not _blank(draft.get(path)) for path in REQUIRED_FIELDS)
    filled += sum(_list_filled(draft, key) for key in REQUIRED_LISTS)
    return filled, len(REQUIRED_FIELDS) + len(REQUIRED_LISTS)


def _list_filled(draft: Draft, key: str) -> bool:
    main_field = {"directions": "name", "decisions": "text", "signatures": "name"}[key]
    return any(not _blank(getattr(item, main_field)) for item in getattr(draft, key))


def _required(draft: Draft, today: dt.date) -> list[Issue]:
    issues = []
    if draft.format is None:
        issues.append(Issue("error", "format", "Raden format = 1 saknas överst i filen."))
    for path in REQUIRED_FIELDS:
        if _blank(draft.get(path)):
            issues.append(Issue("error", path, f"{label_for(path)} saknas."))
    if not _list_filled(draft, "directions"):
        issues.append(Issue("error", "directions", "Minst en inriktning behövs."))
    if not _list_filled(draft, "decisions"):
        issues.append(Issue("error", "decisions", "Minst ett förslag till beslut behövs."))
    if not _list_filled(draft, "signatures"):
        issues.append(Issue("error", "signatures", "Minst en underskrift behövs."))
    for index, direction in enumerate(draft.directions, 1):
        if _blank(direction.name) and (direction.description.strip() or direction.comment.strip()):
            path = f"directions[{index}].name"
            issues.append(Issue("error", path, f"Inriktning {index} saknar namn."))
    for index, decision in enumerate(draft.decisions, 1):
        if _blank(decision.text) and len(draft.decisions) > 1:
            path = f"decisions[{index}].text"
            issues.append(Issue("error", path, f"Förslag till beslut {index} är tomt."))
    for index, signature in enumerate(draft.signatures, 1):
        if _blank(signature.name) and signature.title.strip():
            path = f"signatures[{index}].name"
            issues.append(Issue("error", path, f"Underskrift {index} saknar namn."))
    return issues


def _dates(draft: Draft, today: dt.date) -> list[Issue]:
    issues = []
    for path in DATE_FIELDS:
        value: DateValue = draft.get(path)
        if isinstance(value, str) and value.strip() and parse_date(value) is None:
            issues.append(
                Issue(
                    "error",
                    path,
                    f"{label_for(path)}: ”{value}” är inte ett riktigt datum; "
                    "skriv det som ÅÅÅÅ-MM-DD, t.ex. 2016-09-20.",
                )
            )
    deadline = parse_date(draft.referral.deadline)
    meeting = parse_date(draft.meeting.date)
    statement = parse_date(draft.statement.date)
    if deadline and meeting and meeting > deadline and not draft.meeting.immediate:
        issues.append(
            Issue(
                "warning",
                "meeting.immediate",
                f"Sammanträdet ({meeting}) är efter att remisstiden gått ut ({deadline}); "
                "överväg omedelbar justering.",
            )
        )
    if _blank(draft.statement.date):
        issues.append(
            Issue(
                "warning",
                "statement.date",
                "Tjänsteutlåtandets datum saknas; dokumentet får dagens datum när det skapas.",
            )
        )
    if statement and meeting and statement > meeting:
        issues.append(
            Issue(
                "warning",
                "statement.date",
                f"Tjänsteutlåtandet är daterat ({statement}) efter sammanträdet ({meeting}).",
            )
        )
    item = draft.meeting.item.strip()
    if (usual := usual_item(item)) is not None:
        issues.append(
            Issue(
                "warning",
                "meeting.item",
                f"Punkt: ett ärende på föredragningslistan skrivs ”{usual}”.",
                suggestion=usual,
            )
        )
    if item.startswith("§") and meeting and meeting > today:
        issues.append(
            Issue(
                "warning",
                "meeting.item",
                f"Punkt: ”{item}” är en paragraf, som ges först i protokollet; "
                f"före sammanträdet skrivs den ”p. {item.lstrip('§ ').strip()}”.",
            )
        )
    return issues


def _registry_numbers(draft: Draft, today: dt.date) -> list[Issue]:
    issues = []
    statement_year = (parse_date(draft.statement.date) or today).year
    for path in DNR_FIELDS:
        dnr = str(draft.get(path)).strip()
        if not dnr:
            continue
        years = [int(year) for year in YEAR.findall(dnr)]
        if not DNR_CHARACTERS.match(dnr) or not years:
            issues.append(
                Issue(
                    "warning",
                    path,
                    f"{label_for(path)}: ”{dnr}” liknar inget vanligt diarienummer "
                    "(t.ex. 171-482/2016 eller KS 2016/482).",
                )
            )
        elif max(years) > statement_year:
            issues.append(
                Issue(
                    "warning",
                    path,
                    f"{label_for(path)}: året {max(years)} i ”{dnr}” är senare än "
                    f"tjänsteutlåtandets år ({statement_year}).",
                )
            )
    return issues


def _phone(draft: Draft, today: dt.date) -> list[Issue]:
    number = draft.officer.phone.strip()
    if not number:
        return []
    if not phone_numbers.has_only_allowed_characters(number):
        return [
            Issue(
                "error",
                "officer.phone",
                f"Telefon: ”{number}” får bara innehålla siffror, mellanslag, -, + och parenteser.",
            )
        ]
    if phone_numbers.is_usual_form(number):
        return []
    usual = phone_numbers.normalise(number)
    hint = f" Skriv ”{usual}”." if usual else " Skriv det t.ex. som 08-508 28 780."
    return [
        Issue(
            "warning",
            "officer.phone",
            f"Telefon: ”{number}” är inte skrivet på det vanliga sättet.{hint}",
            suggestion=usual or "",
        )
    ]


def _email(draft: Draft, today: dt.date) -> list[Issue]:
    address = draft.officer.email.strip()
    if not address or email_addresses.is_address(address):
        return []
    fixed = email_addresses.suggest(address)
    hint = f" Menade du ”{fixed}”?" if fixed else " Skriv den som namn@stad.se."
    return [
        Issue(
            "error",
            "officer.email",
            f"E-post: ”{address}” är ingen e-postadress (namn, @ och en domän som "
            f"stockholm.se).{hint}",
            suggestion=fixed or "",
        )
    ]


def _attachment_references(draft: Draft, today: dt.date) -> list[Issue]:
    issues = []
    count = len([a for a in draft.attachments if a.title.strip()])
    for index, decision in enumerate(draft.decisions, 1):
        for match in ATTACHMENT_REFERENCE.finditer(decision.text):
            number = int(match.group(1))
            if number < 1 or number > count:
                issues.append(
                    Issue(
                        "warning",
                        f"decisions[{index}].text",
                        f"Förslag till beslut {index} hänvisar till bilaga {number}, "
                        f"men utkastet har {count} bilag{'a' if count == 1 else 'or'}.",
                    )
                )
    return issues


_CHECKS: tuple[Callable[[Draft, dt.date], list[Issue]], ...] = (
    _required,
    _dates,
    _phone,
    _email,
    _registry_numbers,
    _attachment_references,
)
