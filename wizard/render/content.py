"""What the document says, built once from a draft: cleaned values and parsed texts.

`build_content` is the one place where a `Draft` becomes something to print.
The Word renderer turns a `Content` into the template's context and the
preview turns the same `Content` into Markdown, so the two cannot drift apart.
Every value has had the characters a .docx cannot hold removed, and each field
that held any is reported in `Content.removed`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wizard.model.draft import DateValue, Draft, format_date, parse_date
from wizard.model.genre import says_immediate_adjustment
from wizard.model.validation import label_for
from wizard.render.clean import RemovedCharacters, clean_text, removable
from wizard.render.markup import Blocks, Run, parse

IMMEDIATE_TEXT = "Paragrafen justeras omedelbart."


@dataclass(frozen=True)
class DirectionContent:
    """One inriktning: its name, what the strategy says and the administration's view."""

    name: str
    description: Blocks
    comment: Blocks


@dataclass(frozen=True)
class SignatureContent:
    """A signatory, name above title."""

    name: str
    title: str


@dataclass(frozen=True)
class Content:
    """Everything the statement prints, in the draft's terms, ready for any output."""

    organisation: str
    statement_dnr: str
    statement_date: str
    referral_title: str
    referred_by: str
    referral_dnr: str
    deadline: str
    committee: str
    meeting_date: str
    item: str
    immediate: bool
    officer_name: str
    phone: str
    email: str
    summary: Blocks
    background: Blocks
    background_after: Blocks
    views: Blocks
    directions: tuple[DirectionContent, ...]
    decisions: tuple[str, ...]
    signatures: tuple[SignatureContent, ...]
    attachments: tuple[str, ...]
    removed: tuple[RemovedCharacters, ...]

    @property
    def decision_items(self) -> tuple[str, ...]:
        """The decisions as numbered, with the immediate-adjustment item last when asked for.

        When the person already ended the list with that item, it is not added twice.
        """
        if not self.immediate:
            return self.decisions
        if self.decisions and says_immediate_adjustment(self.decisions[-1]):
            return self.decisions
        return (*self.decisions, IMMEDIATE_TEXT)

    @property
    def meeting_line(self) -> str:
        """``2016-09-20, p. 10``: the meeting date and item that are given."""
        return ", ".join(part for part in (self.meeting_date, self.item) if part)

    @property
    def referral_line(self) -> str:
        """``Remiss från kommunstyrelsen, dnr. 171-482/2016``, with the parts that are given."""
        head = f"Remiss från {self.referred_by}" if self.referred_by else "Remiss"
        return f"{head}, dnr. {self.referral_dnr}" if self.referral_dnr else head


def first_paragraph_runs(blocks: Blocks) -> tuple[tuple[Run, ...], Blocks]:
    """Split off the first paragraph's runs when it is plain text, for an inline start."""
    if blocks and blocks[0].list is None:
        return blocks[0].runs, blocks[1:]
    return (), blocks


def direction_item(name: str, description: Blocks) -> tuple[tuple[Run, ...], Blocks]:
    """``**Name** – description``: the inriktning's list item and what follows it."""
    first, rest = first_paragraph_runs(description)
    runs: list[Run] = [Run(name, bold=True)] if name else []
    if first:
        runs.append(Run(" – " if name else ""))
        runs.extend(first)
    return tuple(run for run in runs if run.text), rest


class _Cleaner:
    """Cleans values field by field and remembers which fields lost characters."""

    def __init__(self) -> None:
        self.removed: list[RemovedCharacters] = []

    def text(self, path: str, value: str) -> str:
        bad = removable(value)
        if bad:
            self.removed.append(RemovedCharacters(path, label_for(path), tuple(bad)))
        return clean_text(value)

    def line(self, path: str, value: str) -> str:
        """A one-line value: surrounding white space is not part of it."""
        return self.text(path, value).strip()

    def blocks(self, path: str, value: str) -> Blocks:
        return parse(self.text(path, value))

    def date(self, path: str, value: DateValue) -> str:
        parsed = parse_date(value)
        if parsed is not None:
            return parsed.isoformat()
        return self.line(path, format_date(value))


def build_content(draft: Draft, *, today: dt.date | None = None) -> Content:
    """Clean and parse everything the draft holds; records left wholly blank are skipped."""
    c = _Cleaner()
    statement_date = c.date("statement.date", draft.statement.date) or (
        (today or dt.date.today()).isoformat()
    )
    directions = []
    for index, direction in enumerate(draft.directions, 1):
        path = f"directions[{index}]"
        content = DirectionContent(
            c.line(f"{path}.name", direction.name),
            c.blocks(f"{path}.description", direction.description),
            c.blocks(f"{path}.comment", direction.comment),
        )
        if content.name or content.description or content.comment:
            directions.append(content)
    decisions = [
        c.line(f"decisions[{index}].text", decision.text)
        for index, decision in enumerate(draft.decisions, 1)
    ]
    signatures = [
        SignatureContent(
            c.line(f"signatures[{index}].name", signature.name),
            c.line(f"signatures[{index}].title", signature.title),
        )
        for index, signature in enumerate(draft.signatures, 1)
    ]
    attachments = [
        c.line(f"attachments[{index}].title", attachment.title)
        for index, attachment in enumerate(draft.attachments, 1)
    ]
    return Content(
        organisation=c.line("statement.organisation", draft.statement.organisation),
        statement_dnr=c.line("statement.dnr", draft.statement.dnr),
        statement_date=statement_date,
        referral_title=c.line("referral.title", draft.referral.title),
        referred_by=c.line("referral.referred_by", draft.referral.referred_by),
        referral_dnr=c.line("referral.dnr", draft.referral.dnr),
        deadline=c.date("referral.deadline", draft.referral.deadline),
        committee=c.line("meeting.committee", draft.meeting.committee),
        meeting_date=c.date("meeting.date", draft.meeting.date),
        item=c.line("meeting.item", draft.meeting.item),
        immediate=draft.meeting.immediate,
        officer_name=c.line("officer.name", draft.officer.name),
        phone=c.line("officer.phone", draft.officer.phone),
        email=c.line("officer.email", draft.officer.email),
        summary=c.blocks("texts.summary", draft.texts.summary),
        background=c.blocks("texts.background", draft.texts.background),
        background_after=c.blocks("texts.background_after", draft.texts.background_after),
        views=c.blocks("texts.views", draft.texts.views),
        directions=tuple(directions),
        decisions=tuple(text for text in decisions if text),
        signatures=tuple(s for s in signatures if s.name or s.title),
        attachments=tuple(title for title in attachments if title),
        removed=tuple(c.removed),
    )
