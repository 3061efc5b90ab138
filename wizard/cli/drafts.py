"""Commands on drafts: new, open, list, check.

Storage and rich's tables are imported inside the commands that use them, so
that every other command (``render``, ``--help``) starts without them.

Every path is taken with ``readable=False``: typer would otherwise check it
itself, in English, and stop before the other files are read; storage reads
each file and says in Swedish why one cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wizard.cli.errors import (
    CELL_LIMIT,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNREADABLE,
    ISSUE_LIMIT,
    fail,
    reported_errors,
    shown,
    stderr,
    stdout,
)
from wizard.model.steps import STEP_IDS
from wizard.model.text import visible

if TYPE_CHECKING:
    from wizard.model.draft import Draft
    from wizard.model.referral import ReferralFacts
    from wizard.model.validation import Issue


def escape(text: object, limit: int | None = None) -> str:
    """``text`` safe inside rich markup: control characters drawn, shortened to ``limit``.

    Markup is escaped by rich's own function, loaded only when something is printed.
    """
    from rich.markup import escape as rich_escape

    return rich_escape(shown(text, limit, one_line=True))


def _json(data: object) -> str:
    """JSON whose strings cannot drive a terminal: C1 controls and bidi overrides escaped too.

    (``json.dumps`` escapes only the C0 controls when it keeps non-ASCII text.)
    """
    import json
    import re

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return re.sub("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]",
                  lambda match: f"\\u{ord(match.group()):04x}", text)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _run_tui(path: Path | None = None, step: str | None = None,
             new_statement: dict[str, str] | None = None) -> None:
    """Open the TUI (loaded only now, so the other commands never import Textual)."""
    if not _interactive():
        raise fail("Guiden behöver en terminal, men in- eller utmatningen är omdirigerad. "
                   "I skript: använd wizard check, list eller render.")
    try:
        from wizard.tui.app import make_app
    except ModuleNotFoundError as error:
        if error.name not in {"wizard.tui", "wizard.tui.app"}:
            raise  # a real bug in the TUI: reported as one, not as "not ready"
        if path is not None:
            stdout.print(f"Utkastet finns i [bold]{escape(path)}[/]. Öppna det i en "
                         "texteditor så länge; guiden i terminalen är inte klar än.",
                         soft_wrap=True)
            return
        message = "Guiden i terminalen är inte klar än; använd wizard new, list och check."
        raise fail(message) from None
    app = make_app(path=path, step=step)
    if new_statement is not None:
        app.new_statement = new_statement  # the start screen opens the dialog at once
    exit_code = app.run()
    if isinstance(exit_code, int) and exit_code:
        raise typer.Exit(exit_code)


def open_start_screen() -> None:
    """Plain ``wizard``: the start screen listing the drafts."""
    with reported_errors():
        _run_tui()


def new(
    file: Annotated[
        Path | None,
        typer.Argument(help="Filen att skapa; utan den ett namn av rubriken i drafts/.",
                       show_default=False, readable=False),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Remissens rubrik.",
                                              show_default=False)] = None,
    referred_by: Annotated[
        str | None,
        typer.Option("--referred-by", help="Remittenten, t.ex. kommunstyrelsen.",
                     show_default=False),
    ] = None,
    dnr: Annotated[str | None, typer.Option("--dnr", help="Remissens diarienummer.",
                                            show_default=False)] = None,
    deadline: Annotated[
        str | None,
        typer.Option("--deadline", help="Sista svarsdag (ÅÅÅÅ-MM-DD).", show_default=False),
    ] = None,
    referral: Annotated[
        Path | None,
        typer.Option("--referral", help="Remissen (.pdf eller .docx) att hämta uppgifter ur.",
                     show_default=False),
    ] = None,
    preset: Annotated[
        Path | None,
        typer.Option("--from", help="Remissmall att börja från (fil eller namn).",
                     show_default=False, readable=False),
    ] = None,
    open_after: Annotated[
        bool, typer.Option("--open/--no-open", help="Öppna utkastet i guiden efteråt.")
    ] = True,
) -> None:
    """Skapa ett nytt utkast för en remiss och öppna det.

    I en terminal frågar guiden efter remissens uppgifter; annars tas de från
    flaggorna och från remissen (--referral), och sökvägen skrivs ut.
    """
    from wizard.model.referral import ReferralFacts, parse_deadline
    from wizard.paths import drafts_dir
    from wizard.storage.presets import create_draft, find_preset
    from wizard.storage.profile import load_settings

    with reported_errors():
        iso_deadline = None
        if deadline is not None and deadline.strip():
            iso_deadline = parse_deadline(deadline)
            if iso_deadline is None:
                raise fail(f"--deadline {visible(deadline, one_line=True)}: ogiltigt datum; "
                           "skriv ÅÅÅÅ-MM-DD, t.ex. 2016-10-17")
        settings = load_settings()
        for problem in settings.problems:
            stderr.print(f"Obs: {visible(problem, one_line=True)}", markup=False, soft_wrap=True)
        preset_path = find_preset(preset, settings) if preset is not None else None
        if open_after and _interactive() and file is None:
            _run_tui(new_statement={
                "title": title or "", "referred_by": referred_by or "", "dnr": dnr or "",
                "deadline": iso_deadline or "", "referral": str(referral or ""),
                "preset": str(preset_path or "")})
            return
        facts = ReferralFacts()
        if referral is not None:
            facts = _facts_from_referral(referral)
        typed = False
        for key, value in (("title", title), ("referred_by", referred_by), ("dnr", dnr),
                           ("deadline", iso_deadline)):
            if value is not None and value.strip():
                setattr(facts, key, value.strip())
                typed = True
        path = create_draft(drafts_dir(), facts=facts, settings=settings, preset=preset_path,
                            target=file, typed=typed or referral is None)
        stdout.print(f"Nytt utkast: {visible(str(path), one_line=True)}", markup=False,
                     soft_wrap=True)
        if settings.profile is None:
            stdout.print("Tips: skapa din profil med wizard profil, så fylls namn, telefon och "
                         "e-post i varje nytt utkast.", markup=False, soft_wrap=True)
        if open_after and _interactive():
            _run_tui(path)


def _facts_from_referral(path: Path) -> ReferralFacts:
    """Every proposal the referral document gives, each printed with its line."""
    from wizard.model.referral import ReferralFacts, missing, propose
    from wizard.storage.referral_doc import read_referral_text

    proposals = propose(read_referral_text(path))
    facts = ReferralFacts()
    stdout.print(f"Ur remissen {visible(str(path), one_line=True)}:", markup=False,
                 soft_wrap=True)
    for proposal in proposals:
        facts.take(proposal)
        value = visible(proposal.value, one_line=True, limit=120)
        source = visible(proposal.source, one_line=True, limit=160)
        stdout.print(f"  {proposal.label}: {value}  (rad {proposal.line}: {source})",
                     markup=False, soft_wrap=True)
        if proposal.description:
            description = visible(proposal.description, one_line=True, limit=200)
            stdout.print(f"    beskrivning: {description}  (rad {proposal.description_line})",
                         markup=False, soft_wrap=True)
    not_found = missing(proposals)
    if not_found:
        stdout.print(f"  Hittades inte: {', '.join(not_found).lower()}; fyll i dem i guiden.",
                     markup=False, soft_wrap=True)
    return facts


def open_(
    file: Annotated[Path, typer.Argument(help="Utkastet att öppna.", readable=False)],
    step: Annotated[
        str | None,
        typer.Option("--step", help=f"Steget att börja på: {', '.join(STEP_IDS)}.",
                     show_default=False),
    ] = None,
) -> None:
    """Öppna ett utkast i guiden, på steget där du slutade."""
    from wizard.storage.reading import read_draft

    with reported_errors():
        if step is not None and step not in STEP_IDS:
            raise fail(f"--step {shown(step, 40, one_line=True)}: okänt steg; "
                       f"välj ett av {', '.join(STEP_IDS)}.")
        read_draft(file)  # a clear message for a bad file before the screen opens
        _run_tui(file, step)


def list_(
    folder: Annotated[
        Path | None,
        typer.Argument(help="Mappen med utkast (drafts/).", show_default=False, readable=False),
    ] = None,
) -> None:
    """Visa utkasten, det senast ändrade först."""
    from rich.table import Table

    from wizard.errors import DraftReadError
    from wizard.paths import drafts_dir
    from wizard.storage.catalog import list_drafts
    from wizard.storage.profile import load_settings

    with reported_errors():
        folder = folder or drafts_dir()
        if folder.exists() and not folder.is_dir():
            raise DraftReadError(folder, "är inte en mapp")
        settings = load_settings()
        stdout.print(visible(settings.describe(), one_line=True), markup=False, soft_wrap=True)
        for problem in settings.problems:
            stderr.print(f"Obs: {visible(problem, one_line=True)}", markup=False, soft_wrap=True)
        summaries = list_drafts(folder)
        if not summaries:
            stdout.print(f"Inga utkast i {escape(folder)}. Skapa ett med [bold]wizard new[/].",
                         soft_wrap=True)
            return
        table = Table(title=f"Utkast i {escape(folder)}", title_justify="left")
        table.add_column("Fil", overflow="fold")
        table.add_column("Rubrik", overflow="fold")
        table.add_column("Nämnd", overflow="fold")
        table.add_column("Sammanträde", no_wrap=True)
        table.add_column("Klart", justify="right", no_wrap=True)
        table.add_column("Ändrad", no_wrap=True)
        for row in summaries:
            changed = row.modified.strftime("%Y-%m-%d %H:%M")
            name = escape(row.path.name, CELL_LIMIT)
            if not row.readable:
                table.add_row(name, f"[red]kan inte läsas: {escape(row.error, 2 * CELL_LIMIT)}[/]",
                              "", "", "", changed)
                continue
            done = f"{row.filled}/{row.required}"
            style = "green" if row.filled == row.required else "yellow"
            table.add_row(name, escape(row.title, CELL_LIMIT) or "[dim](utan rubrik)[/]",
                          escape(row.committee, CELL_LIMIT), escape(row.meeting_date, 20),
                          f"[{style}]{done}[/]", changed)
        stdout.print(table)


def _issue_json(issue: Issue) -> dict[str, str]:
    """An issue for ``--json``: whole (JSON escapes what a terminal could act on)."""
    return {"field": issue.field, "label": issue.label, "step": issue.step,
            "message": issue.message}


def check(
    files: Annotated[list[Path], typer.Argument(help="Utkasten att granska.", readable=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Skriv resultatet som JSON.")] = False,
    language: Annotated[bool, typer.Option(
        "--sprak", help="Klarspråksråd också: LIX per avsnitt, långa meningar, upprepade ord "
        "och myndighetsord (bara råd: slutkoden ändras inte).")] = False,
) -> None:
    """Granska utkast: vad som saknas eller är fel. Slutkod 0 klart, 1 brister, 2 oläslig fil."""

    from wizard.errors import WizardError
    from wizard.model.review import review_issues
    from wizard.model.validation import completeness
    from wizard.storage.reading import read_draft

    # The report is collected and printed in large pieces: one rich print per
    # line cost more than reading and checking the drafts.
    lines: list[str] = []

    def flush() -> None:
        if lines:
            stdout.print("\n".join(lines), soft_wrap=True)
            lines.clear()

    with reported_errors():
        advice = _LanguageAdvice() if language else None
        code = EXIT_OK
        results = []
        try:
            for path in files:
                if len(lines) >= 1000:
                    flush()
                try:
                    draft = read_draft(path)
                except WizardError as error:
                    code = EXIT_UNREADABLE
                    results.append({"file": str(path), "ok": False, "read_error": error.message,
                                    "errors": [], "warnings": []})
                    lines.append(f"[bold red]✗[/] [bold]{escape(path)}[/]: kan inte läsas")
                    lines.append(f"  {escape(error.message, ISSUE_LIMIT * 2)}")
                    continue
                issues = review_issues(draft)
                errors = [i for i in issues if i.is_error]
                warnings = [i for i in issues if not i.is_error]
                if errors and code == EXIT_OK:
                    code = EXIT_INVALID
                filled, required = completeness(draft)
                if as_json:
                    results.append({"file": str(path), "ok": not errors, "read_error": None,
                                    "complete": [filled, required],
                                    "errors": [_issue_json(i) for i in errors],
                                    "warnings": [_issue_json(i) for i in warnings]})
                    if advice is not None:
                        results[-1]["language"] = advice.as_json(draft)
                else:
                    lines.extend(_check_lines(path, errors, warnings, filled, required))
                    if advice is not None:
                        lines.extend(advice.lines(draft))
        finally:
            # --json always prints JSON: after an unexpected error too, with the files
            # done so far (the error itself goes to stderr, exit 70).
            if as_json:
                print(_json(results))
            else:
                flush()
        raise typer.Exit(code)


def _warnings(warnings: list[Issue]) -> str:
    return "1 varning" if len(warnings) == 1 else f"{len(warnings)} varningar"


def _check_lines(path: Path, errors: list[Issue], warnings: list[Issue], filled: int,
                 required: int) -> list[str]:
    """One draft's report, as lines of rich markup."""
    name = escape(path)
    if errors:
        head = (f"[bold red]✗[/] [bold]{name}[/]: {len(errors)} fel, {_warnings(warnings)} "
                f"({filled}/{required} ifyllda)")
    elif warnings:
        head = f"[bold yellow]![/] [bold]{name}[/]: klart, {_warnings(warnings)}"
    else:
        head = f"[bold green]✓[/] [bold]{name}[/]: klart"
    lines = [head]
    lines += [f"  [red]fel[/]      {escape(i.field, 60)}: {escape(i.message, ISSUE_LIMIT)}"
              for i in errors]
    lines += [f"  [yellow]varning[/]  {escape(i.field, 60)}: {escape(i.message, ISSUE_LIMIT)}"
              for i in warnings]
    return lines


class _LanguageAdvice:
    """``--sprak``: klarspråk advice per draft (`wizard.model.language`), never an error."""

    def __init__(self) -> None:
        from wizard.storage.language import load_officialese

        self.officialese = load_officialese()  # a broken list: exit 2, naming file and line

    def as_json(self, draft: Draft) -> dict[str, object]:
        from wizard.model.language import language_findings, section_lix

        return {
            "lix": [{"field": s.field, "title": s.title, "lix": round(s.lix.value, 1),
                     "band": s.lix.band, "words": s.lix.words, "sentences": s.lix.sentences,
                     "long_words": s.lix.long_words} for s in section_lix(draft)],
            "advice": [{**_issue_json(i), "line": i.line, "kind": i.kind}
                       for i in language_findings(draft, self.officialese)],
        }

    def lines(self, draft: Draft) -> list[str]:
        from wizard.model.language import language_findings, section_lix

        sections = section_lix(draft)
        found = [f"  [cyan]LIX[/]      {escape(s.title)}: {s.lix.value:.0f} ({s.lix.band}; "
                 f"{s.lix.words} ord, {s.lix.sentences} meningar)" for s in sections]
        if not sections:
            found.append("  [cyan]LIX[/]      (texterna är för korta för LIX)")
        advice = language_findings(draft, self.officialese)
        found += [f"  [cyan]språk[/]    {escape(i.field)}: {escape(i.message)}" for i in advice]
        if not advice:
            found.append("  [cyan]språk[/]    inga klarspråksråd")
        return found


def register(app: typer.Typer) -> None:
    """Add the draft commands to the application."""
    app.command("new")(new)
    app.command("open")(open_)
    app.command("list")(list_)
    app.command("check")(check)
