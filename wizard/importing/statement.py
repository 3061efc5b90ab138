"""A read Word document mapped onto the draft's fields, the way the genre lays it out.

The layout (see the project's document layout): the page header with the
organisation, "Tjänsteutlåtande", the Dnr and the date; the address block
(Handläggare … / Till …); the title; "Remiss från …, dnr …"; "Remisstiden går
ut …"; then sections under headings. Headings are found by their text (case,
spacing and punctuation forgiven, the usual variants accepted), not by style,
and in any order; the signatures are the table (or the short name and title
lines) after the decisions; the inriktningar are the Bakgrund list whose items
start "**Namn** – …", and their comments the sub-headings under the views that
carry their names. Whatever fits no field goes to the nearest text field with
a warning, and the report says what was found, guessed and left out.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from wizard.importing.docx_reader import Block, Para, ReadDocument, Table, strip_prefix
from wizard.importing.markup import canonical, lines_of, to_markup
from wizard.importing.report import ImportReport, quote
from wizard.model.draft import (
    Attachment,
    DateValue,
    Decision,
    Direction,
    Draft,
    Meeting,
    Officer,
    Referral,
    Signature,
    Statement,
    Texts,
)
from wizard.model.genre import IMMEDIATE_TEXT, says_immediate_adjustment
from wizard.render.markup import Run

SECTIONS: dict[str, tuple[str, ...]] = {
    "decisions": ("förvaltningens förslag till beslut", "förslag till beslut",
                  "förslag till nämndens beslut", "förvaltningens förslag", "beslutsförslag"),
    "summary": ("sammanfattning", "sammanfattning av ärendet", "ärendets sammanfattning"),
    "background": ("bakgrund", "ärendet", "ärendebeskrivning", "ärendets bakgrund",
                   "bakgrund och ärendebeskrivning", "beskrivning av ärendet"),
    "views": ("förvaltningens synpunkter och förslag", "förvaltningens synpunkter",
              "synpunkter och förslag", "förvaltningens bedömning",
              "förvaltningens synpunkter och bedömning", "synpunkter", "bedömning"),
    "attachments": ("bilagor", "bilaga", "bilagor till tjänsteutlåtandet"),
}
SECTION_TITLES = {
    "front": "överst i dokumentet", "decisions": "Förvaltningens förslag till beslut",
    "summary": "Sammanfattning", "background": "Bakgrund",
    "views": "Förvaltningens synpunkter och förslag", "attachments": "Bilagor",
    "after_end": "efter SLUT",
}

_PLACEHOLDER = re.compile(r"^\[[^\[\]]{0,80}\bsaknas\]$", re.IGNORECASE)
_REFERRAL = re.compile(
    r"^(?:svar på\s+)?remiss(?:en)?(?:\s+(?:från|av)\s+(?P<by>.*?))?"
    r"(?:\s*[,(]?\s*\b(?:dnr|diarienummer)\b\.?:?\s*(?P<dnr>[^)]*?))?\)?\s*$",
    re.IGNORECASE)
_DEADLINE = re.compile(
    r"^(?:remisstiden\s+går\s+ut|svar\s+senast|sista\s+svarsdag|remisstid)[:\s]+(?:den\s+)?"
    r"(?P<date>.+?)\.?$", re.IGNORECASE)
_LABELS = {
    "officer": re.compile(r"^handläggare\b[:\s]*(?P<rest>.*)$", re.IGNORECASE),
    "to": re.compile(r"^till\b[:\s]*(?P<rest>.*)$", re.IGNORECASE),
    "phone": re.compile(r"^(?:telefon(?:nummer)?|tel|tfn)\b\.?[:\s]*(?P<rest>.+)$",
                        re.IGNORECASE),
    "email": re.compile(r"^(?:e-?post(?:adress)?|e-?mail|mejl|mail)\b[:\s]*(?P<rest>.+)$",
                        re.IGNORECASE),
    "dnr": re.compile(r"^(?:dnr|diarienummer|diarienr)\b\.?[:\s]*(?P<rest>.+)$", re.IGNORECASE),
    "date": re.compile(r"^datum\b[:\s]*(?P<rest>.+)$", re.IGNORECASE),
    "meeting": re.compile(r"^(?:sammanträde(?:sdatum)?|nämndsammanträde)\b[:\s]*(?P<rest>.+)$",
                          re.IGNORECASE),
}
# Where an address block's lines were run together ("Mikael Nyberg Telefon: 08-…"):
# line breaks, and the spaces before a label or a date.
_ADDRESS_BREAK = re.compile(
    r"\n|\s+(?=(?:telefon|tel|tfn|e-?post|e-?mail|handläggare|till)\b[.:])"
    r"|\s+(?=\d{4}-\d{2}-\d{2}\b)", re.IGNORECASE)
_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.\w+$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTHS = {name: number for number, name in enumerate(
    ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
     "oktober", "november", "december"), 1)}
_SWEDISH_DATE = re.compile(r"^(?:den\s+)?(\d{1,2})\s+([a-zåäö]+)\s+(\d{4})$", re.IGNORECASE)
_ITEM = re.compile(r"^(?:p\.?|§|punkt|ärende)\s*\d+\w*$|^\d+$", re.IGNORECASE)
_PAGE = re.compile(r"^sida\s+\d+(?:\s*\(\s*\d+\s*\)|\s+av\s+\d+)?$", re.IGNORECASE)
_ORGANISATION_WORDS = re.compile(r"förvaltning|kontor|stadsdel|verket|myndighet|bolag",
                                 re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*(?:[–—-]|:)\s*")
_TRAILING_SEPARATOR = re.compile(r"\s*[–—:-]\s*$")
_DIRECTION_PREFIX = re.compile(r"^(?:inriktning\s*)?\d*[.:)]?\s*", re.IGNORECASE)
_HEADING_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")
_ATTACHMENT_PREFIX = re.compile(r"^bilaga\s+\d+\s*[:.–—-]?\s*", re.IGNORECASE)


def key(text: str) -> str:
    """Text compared as a heading: case, spacing and punctuation forgiven."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", text).casefold())


_SECTION_KEYS = {key(name): section for section, names in SECTIONS.items() for name in names}


def parse_date(text: str) -> dt.date | None:
    """A date written ``2016-09-20`` or ``20 september 2016``; None for anything else."""
    text = text.strip().rstrip(".")
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    match = _SWEDISH_DATE.match(text)
    if match and match.group(2).lower() in _MONTHS:
        try:
            return dt.date(int(match.group(3)), _MONTHS[match.group(2).lower()],
                           int(match.group(1)))
        except ValueError:
            return None
    return None


@dataclass
class _Section:
    name: str
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class _Found:
    """What the document gives, field by field, before it becomes a draft."""

    values: dict[str, str] = field(default_factory=dict)
    texts: dict[str, list[Para]] = field(default_factory=dict)
    directions: list[tuple[str, list[Para], list[Para]]] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    signatures: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    immediate: bool = False
    leading: list[Para] = field(default_factory=list)  # to the top of the summary
    trailing: list[Para] = field(default_factory=list)  # to the end of the views


class StatementReader:
    """Maps one read document onto a draft, keeping the report as it goes."""

    def __init__(self, document: ReadDocument) -> None:
        self.document = document
        self.report = ImportReport()
        self.found = _Found()
        self.placeholders = 0
        self.address_found = False

    # ------------------------------------------------------------ entry

    def read(self) -> Draft:
        sections = self._sections(self.document.blocks)
        self._header(self.document.header_lines)
        for section in sections:
            self._tables(section)
        for section in sections:
            handler = getattr(self, f"_{section.name}")
            handler(section)
        draft = self._draft()
        self._report_left_out(sections)
        return draft

    # ------------------------------------------------------------ sections

    def _sections(self, blocks: list[Block]) -> list[_Section]:
        sections = [_Section("front", "")]
        seen: set[str] = set()
        ended = False
        for block in blocks:
            if isinstance(block, Para):
                text = block.text.strip()
                heading_like = block.mark is None or block.outline is not None or (
                    block.mark.typed and block.all_bold)
                name = (_SECTION_KEYS.get(key(_HEADING_NUMBER.sub("", text)))
                        if heading_like and len(text) <= 80 else None)
                if key(text) == "slut" and not ended:
                    ended = True
                    sections.append(_Section("after_end", "SLUT"))
                    continue
                if name is not None and name not in seen and (not ended or name == "attachments"):
                    seen.add(name)
                    sections.append(_Section(name, text))
                    continue
            sections[-1].blocks.append(block)
        return sections

    def _tables(self, section: _Section) -> None:
        """Address and signature tables, wherever they are; other tables are reported."""
        kept: list[Block] = []
        for block in section.blocks:
            if not isinstance(block, Table):
                kept.append(block)
                continue
            dropped = [item for cell in block.cells() for p in cell for item in p.dropped]
            if dropped:  # e.g. a scanned signature: reported with the section
                kept.append(Para((), dropped=dropped))
            if self._is_address(block) and not self.address_found:
                self.address_found = True
                self._address([p for cell in block.cells() for p in cell], "adressrutan")
                continue
            lines = [p.text.strip() for cell in block.cells() for p in cell if p.text.strip()]
            if section.name == "front" and any(_known_line(line) for line in lines):
                # A table of the document's own facts (Dnr, Datum …) above the title.
                self._address([p for cell in block.cells() for p in cell], "tabellen överst")
                continue
            signatures = _signature_table(block)
            if signatures is not None:
                self._add_signatures(signatures, "underskriftstabellen")
                continue
            where = SECTION_TITLES.get(section.name, section.heading)
            if block.text.strip(" |"):
                self.report.left_out(f"en tabell {_where(where)} ({quote(block.text)}): "
                                     "tabeller utom adressrutan och underskrifterna importeras "
                                     "inte")
        section.blocks = kept

    @staticmethod
    def _is_address(table: Table) -> bool:
        for cell in table.cells():
            lines = [p.text.strip() for p in cell if p.text.strip()]
            if lines and (_LABELS["officer"].match(lines[0]) or key(lines[0]) == "till"):
                return True
        return False

    # ------------------------------------------------------------ header and front

    def _set(self, path: str, value: str, source: str, *, guessed: bool = False) -> None:
        value = self._value(value)
        if not value or self.found.values.get(path):
            return
        self.found.values[path] = value
        if guessed:
            self.report.guessed(f"{quote(value)} ({source})", path)
        else:
            self.report.found(path, f"{quote(value)} ({source})")

    def _value(self, text: str) -> str:
        text = text.strip()
        if _PLACEHOLDER.match(text):
            self.placeholders += 1
            return ""
        return text

    def _header(self, lines: list[str]) -> None:
        organisation: list[str] = []
        others: list[str] = []
        for line in lines:
            segments = [s.strip() for s in line.split("\t") if s.strip()]
            has_title = any(key(s) == "tjänsteutlåtande" for s in segments)
            for segment in segments:
                kind = self._header_segment(segment, "sidhuvudet")
                if kind == "other":
                    (organisation if has_title else others).append(segment)
        if organisation:
            self._set("statement.organisation", organisation[0], "sidhuvudet")
            others = organisation[1:] + others
        elif others:
            candidates = [s for s in others if _ORGANISATION_WORDS.search(s)] or others[:1]
            self._set("statement.organisation", candidates[0], "sidhuvudet", guessed=True)
            others.remove(candidates[0])
        for other in others:
            self.report.left_out(f"sidhuvudets text {quote(other)}: passar inget fält")
        for line in self.document.footer_lines:
            self.report.left_out(f"sidfotens text {quote(line)}: sidfoten importeras inte")

    def _header_segment(self, segment: str, source: str) -> str:
        """Use one piece of header or front text; ``other`` when it is none of the known ones."""
        if key(segment) in ("tjänsteutlåtande", "utkast") or _PAGE.match(segment):
            return "known"
        if key(segment).startswith("utkast") and segment.upper().startswith("UTKAST"):
            return "known"
        dnr = _LABELS["dnr"].match(segment)
        if dnr:
            self._set("statement.dnr", dnr.group("rest"), source)
            return "known"
        label = _LABELS["date"].match(segment)
        date_text = label.group("rest") if label else segment
        if parse_date(date_text) is not None:
            self._set("statement.date", date_text.strip().rstrip("."), source)
            return "known"
        if _PLACEHOLDER.match(segment):
            self.placeholders += 1
            return "known"
        return "other"

    def _front(self, section: _Section) -> None:
        paragraphs = [b for b in section.blocks if isinstance(b, Para) and b.text.strip()]
        referral = next((i for i, p in enumerate(paragraphs)
                         if _REFERRAL.match(p.text.strip())), None)
        title_index = next((i for i, p in enumerate(paragraphs) if "title" in p.styles), None)
        source = "rubriken överst"
        if title_index is None and referral is not None and referral > 0:
            title_index, source = referral - 1, "stycket före ”Remiss från …”"
        if title_index is None:
            title_index = next((i for i, p in enumerate(paragraphs)
                                if p.outline is not None or p.all_bold), None)
            source = "det första stycket i fetstil"
        if title_index is not None and self._address_line(paragraphs[title_index].text):
            title_index = None
        if title_index is not None:
            title = paragraphs[title_index].text.replace("\n", " ").strip()
            self._set("referral.title", title, source, guessed=source != "rubriken överst")
            split = title_index + 1
        else:
            split = referral if referral is not None else len(paragraphs)
        before = paragraphs[:title_index if title_index is not None else split]
        after = paragraphs[split:]
        self._address(before, "överst i dokumentet")
        for paragraph in after:
            text = paragraph.text.strip()
            match = _REFERRAL.match(text)
            if match:
                self._set("referral.referred_by", match.group("by") or "", "raden ”Remiss från …”")
                self._set("referral.dnr", (match.group("dnr") or "").rstrip(". "),
                          "raden ”Remiss från …”")
                continue
            deadline = _DEADLINE.match(text)
            if deadline:
                self._set("referral.deadline", deadline.group("date"),
                          "raden ”Remisstiden går ut …”")
                continue
            if self._address_line(text):
                self._address([paragraph], "överst i dokumentet")
                continue
            if all(self._header_segment(s.strip(), "överst i dokumentet") == "known"
                   for s in text.split("\t") if s.strip()):
                continue
            if self._value(text):
                self.found.leading.append(paragraph)

    def _address_line(self, text: str) -> bool:
        return any(pattern.match(text.strip()) for pattern in _LABELS.values())

    def _address(self, paragraphs: Sequence[Para], source: str) -> None:
        """Handläggare, phone, e-mail, Till, committee and meeting, label by label."""
        state = ""
        for paragraph in paragraphs:
            for line in _ADDRESS_BREAK.split(paragraph.text):
                line = line.strip()
                if not line:
                    continue
                state = self._address_piece(line, state, source, paragraph)

    def _address_piece(self, line: str, state: str, source: str, paragraph: Para) -> str:
        """Use one line of the address block; returns the state for the next line.

        ``officer`` expects the officer's name, ``to`` the committee, ``meeting``
        the meeting line; a placeholder fills its slot as an empty value.
        """
        for label, path in (("officer", "officer.name"), ("to", "meeting.committee")):
            match = _LABELS[label].match(line)
            if match:
                rest = match.group("rest").strip()
                if rest:
                    self._set(path, rest, source)
                    return "" if label == "officer" else "meeting"
                return label
        for label, path in (("phone", "officer.phone"), ("email", "officer.email")):
            match = _LABELS[label].match(line)
            if match:
                self._set(path, match.group("rest"), source)
                return state
        if _EMAIL.match(line):
            self._set("officer.email", line, source)
            return state
        meeting = _LABELS["meeting"].match(line)
        if meeting:
            self._meeting_line(meeting.group("rest"), source)
            return state
        if state == "officer":
            self._set("officer.name", line, source)
            return ""
        if state == "to":
            self._set("meeting.committee", line, source)
            return "meeting"
        if state == "meeting" and self._meeting_line(line, source):
            return ""
        if self._header_segment(line, source) == "known":
            return state
        if not self.found.values.get("statement.organisation") and \
                _ORGANISATION_WORDS.search(line) and len(line) <= 60:
            self._set("statement.organisation", line, source, guessed=True)
        else:
            self.found.leading.append(paragraph if paragraph.text.strip() == line
                                      else Para((Run(line),)))
        return state

    def _meeting_line(self, line: str, source: str) -> bool:
        """``2016-09-20, p. 10``: the meeting date and item (each may be missing)."""
        head, _, tail = line.rpartition(",")
        if head and (_ITEM.match(tail.strip()) or _PLACEHOLDER.match(tail.strip())):
            date_text, item = head.strip(), tail.strip()
        elif _ITEM.match(line.strip()):
            date_text, item = "", line.strip()
        else:
            date_text, item = line.strip(), ""
        if date_text and parse_date(date_text) is None and not _PLACEHOLDER.match(date_text):
            return False
        self._set("meeting.date", date_text, source)
        self._set("meeting.item", item, source)
        return True

    # ------------------------------------------------------------ decisions

    def _decisions(self, section: _Section) -> None:
        paragraphs = [b for b in section.blocks if isinstance(b, Para) and b.text.strip()]
        items = [p for p in paragraphs if p.mark is not None]
        if items:
            first = paragraphs.index(items[0])
            last = paragraphs.index(items[-1])
            lead = paragraphs[:first]
            middle = [p for p in paragraphs[first:last + 1] if p.mark is None]
            tail = paragraphs[last + 1:]
            decisions = [p for p in paragraphs[first:last + 1] if p.mark is not None]
        else:
            lead, middle = [], []
            sentences = [p for p in paragraphs if not _short_line(p.text)]
            tail = [p for p in paragraphs if _short_line(p.text)]
            decisions = sentences
            if sentences:
                self.report.guessed(f"{len(sentences)} stycken utan numrering under rubriken "
                                    f"{quote(section.heading)} blev beslutspunkter", "decisions")
        for paragraph in decisions:
            text = self._value(paragraph.text)
            if text:
                self.found.decisions.append(text)
        if self.found.decisions and says_immediate_adjustment(self.found.decisions[-1]):
            last_text = self.found.decisions.pop()
            self.found.immediate = True
            if last_text != IMMEDIATE_TEXT:
                self.report.guessed(f"den sista beslutspunkten {quote(last_text)} blev "
                                    "omedelbar justering", "meeting.immediate")
            else:
                self.report.found("meeting.immediate", "ja (den sista beslutspunkten)")
        if self.found.decisions:
            self.report.found("decisions", f"{len(self.found.decisions)} beslutspunkter")
        self.found.leading.extend(lead + middle)
        if tail and not self.found.signatures and all(_short_line(p.text) for p in tail):
            self._signature_lines(tail, "raderna efter beslutspunkterna")
        else:
            self.found.leading.extend(tail)

    def _add_signatures(self, pairs: list[tuple[str, str]], source: str) -> None:
        added = 0
        for name, title in pairs:
            name, title = self._value(name), self._value(title)
            if name or title:
                self.found.signatures.append((name, title))
                added += 1
        if added and source:
            self.report.found("signatures", f"{added} från {source}")

    # ------------------------------------------------------------ text sections

    def _summary(self, section: _Section) -> None:
        paragraphs = self._paragraphs(section, "texts.summary")
        self.found.texts.setdefault("texts.summary", []).extend(paragraphs)

    def _paragraphs(self, section: _Section, path: str) -> list[Para]:
        """The section's paragraphs, placeholders dropped, unknown sub-headings kept as bold."""
        result = []
        for block in section.blocks:
            if not isinstance(block, Para) or not block.text.strip():
                continue
            if _PLACEHOLDER.match(block.text.strip()):
                self.placeholders += 1
                continue
            result.append(block)
        return result

    def _background(self, section: _Section) -> None:
        paragraphs = self._paragraphs(section, "texts.background")
        found = _direction_list(paragraphs)
        if found is None:
            self.found.texts.setdefault("texts.background", []).extend(paragraphs)
            return
        start, items, end, guessed = found
        self.found.texts.setdefault("texts.background", []).extend(paragraphs[:start])
        self.found.texts.setdefault("texts.background_after", []).extend(paragraphs[end:])
        for index, (position, name, rest) in enumerate(items):
            stop = items[index + 1][0] if index + 1 < len(items) else end
            description = ([Para(rest)] if canonical(rest) else []) + [
                _unnest(p) for p in paragraphs[position + 1:stop]]
            self.found.directions.append((self._value(name), description, []))
        names = ", ".join(quote(name, 30) for _, name, _ in items)
        message = f"{len(items)} från listan under Bakgrund: {names}"
        if guessed:
            self.report.guessed(message + " (namnet före tankstrecket, utan fetstil)",
                                "directions")
        else:
            self.report.found("directions", message)

    def _views(self, section: _Section) -> None:
        paragraphs = self._paragraphs(section, "texts.views")
        target = self.found.texts.setdefault("texts.views", [])
        by_name: dict[str, int] = {}
        for number, (name, _, _) in enumerate(self.found.directions):
            by_name.setdefault(key(_DIRECTION_PREFIX.sub("", name)), number)
        for paragraph in paragraphs:
            if _subheading(paragraph):
                heading = paragraph.text.strip()
                index: int | None = by_name.pop(key(_DIRECTION_PREFIX.sub("", heading)), None)
                if index is None:
                    index = next((i for k, i in by_name.items() if k and
                                  key(heading).startswith(k)), None)
                    by_name = {k: i for k, i in by_name.items() if i != index}
                if index is not None:
                    target = self.found.directions[index][2]
                    continue
                if paragraph.outline is not None or paragraph.style_bold:
                    paragraph = Para(tuple(Run(r.text, True, r.italic) for r in paragraph.runs))
                self.report.guessed(f"underrubriken {quote(heading)} motsvarar ingen "
                                    "inriktning; den står kvar som fetstil i texten")
            target.append(paragraph)
        commented = sum(1 for _, _, comment in self.found.directions if comment)
        if commented:
            self.report.found("directions", f"synpunkter på {commented} inriktningar från "
                                            "underrubrikerna under synpunkterna")

    def _attachments(self, section: _Section) -> None:
        for paragraph in self._paragraphs(section, "attachments"):
            for line in paragraph.text.split("\n"):
                text = line.strip()
                stripped = _ATTACHMENT_PREFIX.sub("", text)
                if stripped != text and stripped:
                    self.report.guessed(f"{quote(text)}: ”Bilaga N” togs bort ur titeln",
                                        "attachments")
                    text = stripped
                if self._value(text):
                    self.found.attachments.append(text)
        if self.found.attachments:
            self.report.found("attachments", f"{len(self.found.attachments)} st.")

    def _after_end(self, section: _Section) -> None:
        paragraphs = self._paragraphs(section, "texts.views")
        if paragraphs and not self.found.signatures and all(
                _short_line(p.text) and p.mark is None for p in paragraphs):
            self._signature_lines(paragraphs, "raderna efter SLUT")
            return
        self.found.trailing.extend(paragraphs)

    def _signature_lines(self, paragraphs: list[Para], where: str) -> None:
        """Name and title lines typed as paragraphs (name, then title), as signatures."""
        lines = [line.strip() for p in paragraphs for line in p.text.split("\n") if line.strip()]
        pairs = [(lines[i], lines[i + 1] if i + 1 < len(lines) else "")
                 for i in range(0, len(lines), 2)]
        self.report.guessed(f"{len(pairs)} underskrifter från {where} (namn, sedan titel)",
                            "signatures")
        self._add_signatures(pairs, "")

    # ------------------------------------------------------------ the draft

    def _markup(self, path: str, paragraphs: list[Para]) -> str:
        """A field's markdown-lite; the [texts] end with a line end, as the format writes them."""
        lines, flattened = lines_of(paragraphs)
        text, exact = to_markup(lines)
        if text and (path.startswith("texts.") or "\n" in text):
            text += "\n"
        if flattened:
            self.report.guessed("listor i flera nivåer blev listor i en nivå", path)
        if not exact:
            self.report.warning("texten kan inte skrivas exakt som i dokumentet (t.ex. "
                                "asterisker, fetstil mot skiljetecken eller en rad som börjar "
                                "som en lista); kontrollera den", path)
        return text

    def _draft(self) -> Draft:
        found = self.found
        texts = found.texts
        if found.leading:
            names = "; ".join(quote(p.text, 40) for p in found.leading[:5])
            self.report.warning(f"{len(found.leading)} stycken utan plats lades först i "
                                f"Sammanfattning: {names}", "texts.summary")
            texts["texts.summary"] = found.leading + texts.get("texts.summary", [])
        if found.trailing:
            names = "; ".join(quote(p.text, 40) for p in found.trailing[:5])
            self.report.warning(f"{len(found.trailing)} stycken efter SLUT lades sist i "
                                f"synpunkterna: {names}", "texts.views")
            texts["texts.views"] = texts.get("texts.views", []) + found.trailing
        if not any(texts.values()) and not found.decisions and self.document.blocks:
            self.report.warning("inga kända rubriker (Sammanfattning, Bakgrund …) hittades")
        values = found.values
        for path in ("texts.summary", "texts.background", "texts.background_after",
                     "texts.views"):
            count = len(texts.get(path, []))
            if count:
                self.report.found(path, "1 stycke" if count == 1 else f"{count} stycken")
        directions = [
            Direction(name, self._markup(f"directions[{i}].description", description),
                      self._markup(f"directions[{i}].comment", comment))
            for i, (name, description, comment) in enumerate(found.directions, 1)
        ]
        draft = Draft(
            referral=Referral(values.get("referral.title", ""),
                              values.get("referral.referred_by", ""),
                              values.get("referral.dnr", ""),
                              self._date("referral.deadline")),
            statement=Statement(values.get("statement.organisation", ""),
                                values.get("statement.dnr", ""),
                                self._date("statement.date")),
            meeting=Meeting(values.get("meeting.committee", ""), self._date("meeting.date"),
                            values.get("meeting.item", ""), found.immediate),
            officer=Officer(values.get("officer.name", ""), values.get("officer.phone", ""),
                            values.get("officer.email", "")),
            texts=Texts(*(self._markup(path, texts.get(path, [])) for path in
                          ("texts.summary", "texts.background", "texts.background_after",
                           "texts.views"))),
            directions=directions,
            decisions=[Decision(text) for text in found.decisions],
            signatures=[Signature(name, title) for name, title in found.signatures],
            attachments=[Attachment(title) for title in found.attachments],
        )
        if self.placeholders:
            self.report.guessed(f"{self.placeholders} platshållare ”[… saknas]” lämnades tomma")
        return draft

    def _date(self, path: str) -> DateValue:
        text = self.found.values.get(path, "")
        if not text:
            return None
        parsed = parse_date(text)
        if parsed is None:
            self.report.guessed(f"{quote(text)} är inget datum; det står kvar som det skrevs",
                                path)
            return text
        return parsed

    # ------------------------------------------------------------ left out

    def _report_left_out(self, sections: list[_Section]) -> None:
        names = {"image": "bild", "textbox": "textruta", "figure": "figur",
                 "footnote": "fotnot", "endnote": "slutnot", "formula": "formel",
                 "hidden": "dold text", "embedded": "inbäddat dokument"}
        for section in sections:
            dropped: Counter[str] = Counter()
            for block in section.blocks:
                paragraphs = [block] if isinstance(block, Para) else [
                    p for cell in block.cells() for p in cell]
                for paragraph in paragraphs:
                    dropped.update(paragraph.dropped)
            where = SECTION_TITLES.get(section.name, section.heading)
            for kind, count in dropped.items():
                self.report.left_out(f"{count} × {names.get(kind, kind)} {_where(where)}: "
                                     "utkastet kan bara hålla text")
        document = self.document
        if document.left_out.get("header_image"):
            self.report.left_out("bild i sidhuvudet (t.ex. en logotyp): kommer från mallen "
                                 "när dokumentet skapas")
        changes = document.changes
        if changes.get("ins") or changes.get("del") or changes.get("format"):
            self.report.left_out(
                f"spårade ändringar ({changes.get('ins', 0)} infogningar, "
                f"{changes.get('del', 0)} borttagningar, {changes.get('format', 0)} "
                "formatändringar): texten importerades som om alla ändringar var godkända")
        if document.comments:
            shown = "; ".join(quote(text, 40) for text in document.comments[:5])
            self.report.left_out(f"{len(document.comments)} kommentarer: {shown}")


def _where(where: str) -> str:
    return where if where.startswith(("överst", "efter")) else f"under {quote(where)}"


def _short_line(text: str) -> bool:
    """A name or a title rather than a sentence: short lines, no full stop."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return bool(lines) and all(len(line) <= 60 and not line.endswith((".", ":", ";"))
                               for line in lines)


def _subheading(paragraph: Para) -> bool:
    text = paragraph.text.strip()
    if paragraph.mark is not None or not text or len(text) > 100:
        return False
    if paragraph.outline is not None:
        return True
    return paragraph.all_bold and not text.endswith((".", ";", ","))


def _known_line(line: str) -> bool:
    """A fact of the header or address block ("Dnr …", "Tjänsteutlåtande", a date).

    Not "Handläggare" or "Till": a signatory's title may be "Handläggare".
    """
    return (any(_LABELS[label].match(line) for label in ("phone", "email", "dnr", "date",
                                                         "meeting"))
            or key(line) == "tjänsteutlåtande" or _PAGE.match(line) is not None
            or parse_date(line) is not None)


def _signature_table(table: Table) -> list[tuple[str, str]] | None:
    """Name-over-title cells; None for a table that is not a signature block."""
    pairs = []
    for cell in table.cells():
        lines = [p.text.strip() for p in cell]
        filled = [line for line in lines if line]
        if not filled:
            continue
        if len(filled) > 4 or not _short_line("\n".join(filled)) or any(
                _known_line(line) for line in filled):
            return None
        if len(lines) == 2:
            pairs.append((lines[0], lines[1]))
        else:
            pairs.append((filled[0], " ".join(filled[1:])))
    return pairs or None


def _split_direction(runs: tuple[Run, ...]) -> tuple[str, tuple[Run, ...]] | None:
    """``**Namn** – beskrivning``: the name and the description's runs, or None."""
    runs = canonical(runs)
    bold: list[str] = []
    index = 0
    while index < len(runs) and runs[index].bold:
        bold.append(runs[index].text)
        index += 1
    name = "".join(bold).strip()
    rest = runs[index:]
    if not name:
        return None
    rest_text = "".join(run.text for run in rest)
    trailing = _TRAILING_SEPARATOR.search(name)
    if trailing:
        name = name[: trailing.start()].strip()
        return (name, canonical(rest)) if name else None
    if not rest_text.strip():
        return name, ()
    separator = _SEPARATOR.match(rest_text)
    if separator is None:
        return None
    return name, canonical(strip_prefix(rest, separator.end()))


_PLAIN_DIRECTION = re.compile(r"^(?P<name>[^\s–—:-][^–—:]{0,40}?)\s+[–—-]\s+(?P<rest>\S.*)$",
                              re.S)


def _split_plain_direction(runs: tuple[Run, ...]) -> tuple[str, tuple[Run, ...]] | None:
    text = "".join(run.text for run in canonical(runs))
    match = _PLAIN_DIRECTION.match(text)
    if not match or len(match.group("name").split()) > 5:
        return None
    return match.group("name").strip(), canonical(strip_prefix(canonical(runs),
                                                               match.start("rest")))


def _continuation(paragraph: Para, base_indent: int, item_indent: int) -> bool:
    """A paragraph that belongs to the list item above it: nested, indented or so styled."""
    mark = paragraph.mark
    if mark is not None:
        return mark.level >= 1 or (mark.typed and paragraph.indent > item_indent)
    return paragraph.indent > base_indent or paragraph.has_style("continue", "fortsättning")


def _direction_list(
    paragraphs: list[Para],
) -> tuple[int, list[tuple[int, str, tuple[Run, ...]]], int, bool] | None:
    """The inriktningar: (start, [(position, name, first runs)], end, guessed) or None."""
    base_indent = min((p.indent for p in paragraphs), default=0)
    groups: list[tuple[int, list[int], int]] = []
    index = 0
    while index < len(paragraphs):
        mark = paragraphs[index].mark
        if mark is None or mark.level != 0:
            index += 1
            continue
        items = [index]
        end = index + 1
        item_indent = paragraphs[index].indent
        number = mark.number
        while end < len(paragraphs):
            other = paragraphs[end].mark
            if _continuation(paragraphs[end], base_indent, item_indent):
                end += 1
                continue
            # A typed list goes on while its numbers do ("1." after "2." begins another).
            follows = not (mark.typed and mark.ordered) or (
                other is not None and number is not None and other.number == number + 1)
            if other is None or other.level != 0 or other.key != mark.key or not follows:
                break
            items.append(end)
            number = other.number
            end += 1
        groups.append((index, items, end))
        index = end
    for splitter, guessed in ((_split_direction, False), (_split_plain_direction, True)):
        for start, items, end in groups:
            split = [splitter(paragraphs[i].runs) for i in items]
            if all(s is not None for s in split):
                return start, [(i, s[0], s[1]) for i, s in zip(items, split, strict=True)
                               if s is not None], end, guessed
    return None


def _unnest(paragraph: Para) -> Para:
    """A paragraph under a list item, as it stands in the item's own text (one level up)."""
    mark = paragraph.mark
    if mark is None or mark.level == 0:
        return paragraph
    from dataclasses import replace

    return Para(paragraph.runs, paragraph.styles, paragraph.outline,
                replace(mark, level=mark.level - 1), 0, paragraph.style_bold, paragraph.dropped)
