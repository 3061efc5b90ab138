"""Genre checks: plain-Swedish guidance for a tjänsteutlåtande, as warnings.

`validate()` says what a finished document lacks; these checks say where it
reads worse than it could, following the usual advice for official Swedish
documents (klarspråk). They never stop the document from being made: every
issue here is a warning, and the person may leave it as it is.

Choices made here, so that the review and the tests agree:

- **Long text.** A line is counted as the document would print it: each
  paragraph (line of the text, blank lines skipped) takes
  ``ceil(len / LINE_WIDTH)`` lines, with ``LINE_WIDTH`` = 80 characters, about
  one line of 12-point body text on A4. The body is the background (both
  parts), the views and every inriktning's description and comment. When the
  body is longer than ``LONG_TEXT_LINES`` (8) lines, a summary is expected. A
  summary that is as long as the body it summarises is also flagged.
- **Decision items** are whole sentences: they start with a capital letter,
  do not start with "att" (the old "att godkänna ..." list style) and end with
  a full stop.
- **Inriktningar without a comment.** The draft format has no key for "left
  without comment on purpose", and writing "-" would print a dash in the
  document, so a missing comment is a warning the person may simply accept:
  the document is made all the same.
- **Omedelbar justering** is the ``[meeting] immediate`` flag: the document
  then ends the decisions with "Paragrafen justeras omedelbart." by itself. A
  decision item saying so is a repetition when the flag is set, and a flag
  forgotten when it is not.
- **The referral's title** should appear, word for word (case, emphasis
  markers and spacing aside), in the background or in a decision item, so a
  reader knows which document the statement answers.
"""

from __future__ import annotations

import math
import re

from wizard.model.draft import Draft
from wizard.model.validation import Issue

LINE_WIDTH = 80
LONG_TEXT_LINES = 8

_EMPHASIS = re.compile(r"\*+")
_SPACES = re.compile(r"\s+")
_STARTS_WITH_ATT = re.compile(r"^att\b", re.IGNORECASE)
_IMMEDIATE = re.compile(r"\bjusteras\s+omedelbart\b", re.IGNORECASE)

IMMEDIATE_TEXT = "Paragrafen justeras omedelbart."
"""The decision item the ``[meeting] immediate`` flag adds; written here and nowhere else."""


def says_immediate_adjustment(text: str) -> bool:
    """True for a decision that says the item is adjusted at once ("justeras omedelbart")."""
    return bool(_IMMEDIATE.search(text))


def numbered_decisions(decisions: list[str], immediate: bool) -> list[str]:
    """The decision items as the document numbers them.

    With the immediate flag, `IMMEDIATE_TEXT` comes last, unless the person
    already ended the list with an item saying so.
    """
    if not immediate or (decisions and says_immediate_adjustment(decisions[-1])):
        return list(decisions)
    return [*decisions, IMMEDIATE_TEXT]


def printed_lines(text: str) -> int:
    """How many lines a markdown-lite text takes in print, at `LINE_WIDTH` characters."""
    lines = 0
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if paragraph:
            lines += math.ceil(len(paragraph) / LINE_WIDTH)
    return lines


def body_lines(draft: Draft) -> int:
    """Printed lines of the statement's body: everything a summary would summarise."""
    texts = [draft.texts.background, draft.texts.background_after, draft.texts.views]
    for direction in draft.directions:
        texts.extend((direction.description, direction.comment))
    return sum(printed_lines(text) for text in texts)


def genre_checks(draft: Draft) -> list[Issue]:
    """Return the genre warnings of a draft, in the order of the wizard's steps."""
    issues: list[Issue] = []
    issues.extend(_summary(draft))
    issues.extend(_title_mentioned(draft))
    issues.extend(_direction_comments(draft))
    issues.extend(_decision_sentences(draft))
    issues.extend(_immediate_item(draft))
    return issues


def sentence_problems(text: str) -> list[str]:
    """Why a decision item is not a whole sentence (Swedish phrases); empty when it is."""
    text = text.strip()
    if not text:
        return []
    problems = []
    if _STARTS_WITH_ATT.match(text):
        problems.append("börjar med ”att”")
    elif not text[0].isupper():
        problems.append("börjar inte med stor bokstav")
    if not text.endswith("."):
        problems.append("slutar inte med punkt")
    return problems


def _summary(draft: Draft) -> list[Issue]:
    body = body_lines(draft)
    summary = printed_lines(draft.texts.summary)
    if body > LONG_TEXT_LINES and summary == 0:
        return [
            Issue(
                "warning",
                "texts.summary",
                f"Texten är lång (omkring {body} rader); skriv en kort sammanfattning "
                "så att nämnden genast ser vad förvaltningen tycker.",
            )
        ]
    if summary > 1 and body > 0 and summary >= body:
        return [
            Issue(
                "warning",
                "texts.summary",
                f"Sammanfattningen (omkring {summary} rader) är lika lång som texten "
                f"den sammanfattar ({body} rader); korta den till det viktigaste.",
            )
        ]
    return []


def _plain(text: str) -> str:
    """Text compared for the title check: no emphasis markers, one space, lower case."""
    return _SPACES.sub(" ", _EMPHASIS.sub("", text)).strip().casefold()


def _title_mentioned(draft: Draft) -> list[Issue]:
    title = _plain(draft.referral.title)
    if not title:
        return []
    places = [draft.texts.background, draft.texts.background_after]
    places.extend(decision.text for decision in draft.decisions)
    if any(title in _plain(text) for text in places):
        return []
    return [
        Issue(
            "warning",
            "texts.background",
            f"Remissens rubrik ”{draft.referral.title.strip()}” nämns varken i bakgrunden "
            "eller i förslaget till beslut; skriv ut den så att läsaren vet vilket "
            "dokument det gäller.",
        )
    ]


def _direction_comments(draft: Draft) -> list[Issue]:
    issues = []
    for index, direction in enumerate(draft.directions, 1):
        if direction.name.strip() and not direction.comment.strip():
            issues.append(
                Issue(
                    "warning",
                    f"directions[{index}].comment",
                    f"Inriktning {index} ({direction.name.strip()}) saknar förvaltningens "
                    "kommentar. Skriv en, eller lämna den tom om förvaltningen inte har "
                    "något att tillägga.",
                )
            )
    return issues


def _decision_sentences(draft: Draft) -> list[Issue]:
    issues = []
    for index, decision in enumerate(draft.decisions, 1):
        problems = sentence_problems(decision.text)
        if problems:
            issues.append(
                Issue(
                    "warning",
                    f"decisions[{index}].text",
                    f"Förslag till beslut {index} {' och '.join(problems)}; skriv varje "
                    "beslut som en hel mening, t.ex. ”Nämnden godkänner "
                    "förvaltningens tjänsteutlåtande som svar på remissen.”",
                )
            )
    return issues


def _immediate_item(draft: Draft) -> list[Issue]:
    issues = []
    for index, decision in enumerate(draft.decisions, 1):
        if not says_immediate_adjustment(decision.text):
            continue
        if draft.meeting.immediate:
            message = (
                f"Förslag till beslut {index} upprepar omedelbar justering, som redan är "
                "vald och läggs sist av sig själv; ta bort punkten."
            )
        else:
            message = (
                f"Förslag till beslut {index} säger att paragrafen justeras omedelbart; "
                "kryssa i stället i Omedelbar justering i steget Ärendet och ta bort punkten."
            )
        issues.append(Issue("warning", f"decisions[{index}].text", message))
    return issues
