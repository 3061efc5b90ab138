"""Commands that make documents: ``wizard render`` and ``wizard template check``.

Thin: the work is `wizard.render.render_statements` (the same code the TUI
calls) and `wizard.render.check.check_template`. Nothing here imports Textual,
and the renderer itself is imported only when a command runs, so that
``wizard --help`` and ``wizard check`` stay fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

from wizard.cli.errors import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNREADABLE,
    allow_quick_exit,
    fail,
    message_of,
    real_console,
    reported_errors,
    shown,
    stderr,
    stdout,
)
from wizard.errors import os_reason

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from wizard.render.api import BatchItem

# A line of output: plain text and (text, rich style) pieces. Names and messages
# are never read as markup, so a file called "[x].toml" is printed as it is.
Piece = str | tuple[str, str]

FAIL: Piece = ("✗", "bold red")
DONE: Piece = ("✓", "bold green")


def _plain(stream: TextIO) -> bool:
    """True when rich would print no styles anyway (not a terminal, nothing forcing it)."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE"):
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


def say(*pieces: Piece, error: bool = False) -> None:
    """Print one line to stdout (or stderr); rich is loaded only for a terminal.

    Piped or redirected output is written directly, as plain text that is
    never wrapped: a script reading it gets each file name whole. Every piece
    has its control characters drawn and is shortened (`shown`): names,
    messages and warnings hold text from drafts, templates and file names.
    """
    pieces = tuple(_safe(piece) for piece in pieces)
    stream = sys.stderr if error else sys.stdout
    if _plain(stream):
        stream.write("".join(p if isinstance(p, str) else p[0] for p in pieces) + "\n")
        stream.flush()
        return
    from rich.text import Text

    (stderr if error else stdout).print(Text.assemble(*pieces), soft_wrap=True)


def _safe(piece: Piece) -> Piece:
    if isinstance(piece, str):
        return shown(piece, PIECE_LIMIT, one_line=True)
    return (shown(piece[0], PIECE_LIMIT, one_line=True), piece[1])


PIECE_LIMIT = 600  # characters of one name or message on a line


template_app = typer.Typer(
    name="template",
    help="Word-mallar: kontrollera en mall innan du använder den.",
    no_args_is_help=True,
)


def _targets(files: list[Path], output: Path | None, out_dir: Path | None) -> list[Path]:
    if output is not None and out_dir is not None:
        raise fail("Ange antingen -o/--output eller --out-dir, inte båda.")
    if output is not None:
        if len(files) > 1:
            raise fail("-o/--output går bara med ett utkast; använd --out-dir för flera.")
        return [output]
    if out_dir is not None:
        if os.path.lexists(out_dir) and not out_dir.is_dir():  # a file, a FIFO, a broken link
            raise fail(f"{out_dir}: finns redan och är inte en mapp.")
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise fail(f"{out_dir}: mappen kan inte skapas ({os_reason(error)}).") from None
        return [out_dir / (path.stem + ".docx") for path in files]
    return [path.with_suffix(".docx") for path in files]


FilesArg = Annotated[
    list[Path],
    typer.Argument(help="Utkasten (.toml) att göra dokument av.", show_default=False,
                   readable=False),  # storage says why a file cannot be read, in Swedish
]
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time on Python 3.10
    typer.Option("-o", "--output", help="Filen att skapa (bara med ett utkast).",
                 show_default=False, readable=False),
]
OutDirOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--out-dir", help="Mappen där dokumenten sparas.", show_default=False,
                 readable=False),
]
TemplateOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--template", help="Word-mallen att använda i stället för standardmallen.",
                 show_default=False, readable=False),
]
PdfOpt = Annotated[bool, typer.Option("--pdf", help="Gör också en PDF (kräver LibreOffice).")]
ForceOpt = Annotated[
    bool,
    typer.Option("--force",
                 help="Ersätt en befintlig vanlig fil som inte är ett dokument "
                      "(aldrig ett utkast, en mapp eller en enhetsfil)."),
]
IncompleteOpt = Annotated[
    bool,
    typer.Option("--allow-incomplete",
                 help="Gör dokument av ofärdiga utkast, märkta UTKAST på varje sida."),
]


def render(
    files: FilesArg,
    output: OutputOpt = None,
    out_dir: OutDirOpt = None,
    template: TemplateOpt = None,
    pdf: PdfOpt = False,
    allow_incomplete: IncompleteOpt = False,
    force: ForceOpt = False,
) -> None:
    """Gör tjänsteutlåtanden (.docx) av utkast.

    Slutkod 0 klart, 1 utkast med fel, 2 fil som inte kunde läsas eller skrivas.
    """
    with reported_errors():
        from wizard.errors import WizardError
        from wizard.render.api import get_template, render_statements
        from wizard.storage.language import proofing_words

        targets = _targets(files, output, out_dir)
        code = EXIT_OK
        seen: dict[Path, Path] = {}
        jobs: list[tuple[Path, Path]] = []
        sources = {_real(source) for source in files}
        for path, target in zip(files, targets, strict=True):
            key = _real(target)
            if key in sources:
                say(FAIL, f" {path}: {target} är ett utkast; det skrivs inte över.", error=True)
                code = EXIT_UNREADABLE
                continue
            try:
                checked = _checked_target(target, pdf, force)
            except WizardError as not_ours:
                say(FAIL, f" {path}: {message_of(not_ours)}", error=True)
                code = EXIT_UNREADABLE
                continue
            target = checked
            if key in seen:
                say(FAIL, f" {path}: ger samma fil som {seen[key]} ({target}); hoppas över.",
                    error=True)
                code = EXIT_UNREADABLE
                continue
            seen[key] = path
            jobs.append((path, target))  # read where the document is made
        soffice_missing = False
        if pdf:
            from wizard.render.pdf import NOT_INSTALLED, find_soffice

            if find_soffice() is None:
                soffice_missing = True
                say(("PDF:", "bold yellow"), f" {NOT_INSTALLED} Word-dokumenten görs ändå.",
                    error=True)
        get_template(template)  # a bad template is one clear error before any draft
        # The spell checker's word lists: their words are not proofed again in Word.
        words, word_list_problems = proofing_words()
        for problem in word_list_problems:
            say(("varning", "yellow"), f" {problem}", error=True)
        made = refused = failed = 0
        # Many drafts are shared among the processor cores (render_statements forks
        # before the progress bar starts its thread).
        workers = min(os.cpu_count() or 1, 4)
        outcomes = render_statements(jobs, template=template, allow_incomplete=allow_incomplete,
                                     workers=workers, accepted_words=words)
        for item in _with_progress(outcomes, len(jobs)):
            source = jobs[item.index][0]
            status = _report(source, item, pdf and not soffice_missing)
            if status == EXIT_OK:
                made += 1
            elif status == EXIT_INVALID:
                refused += 1
                code = max(code, EXIT_INVALID)
            else:
                failed += 1
                code = EXIT_UNREADABLE
        if soffice_missing:
            code = EXIT_UNREADABLE
        if len(files) > 1:
            failed += len(files) - len(jobs)
            say(
                f"{made} av {len(files)} dokument skapade"
                + (f", {refused} utkast med fel" if refused else "")
                + (f", {failed} misslyckades" if failed else "")
                + "."
            )
        allow_quick_exit()  # every document written and closed, the workers joined
        raise typer.Exit(code)


def _real(path: Path) -> Path:
    """The path with links followed, for comparing; a link loop is compared as written."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a link loop, before Python 3.13
        return Path(os.path.abspath(path))


def _checked_target(target: Path, pdf: bool, force: bool) -> Path:
    """Where the document goes, by the one rule for output files (`check_output_target`).

    Raises a `WizardError` for a file that is not ours to replace; a followed
    symbolic link is said on the way.
    """
    from wizard.errors import OutputTargetError
    from wizard.storage.targets import check_output_target

    checked = check_output_target(target, "docx", force=force)
    if pdf:
        pdf_target = check_output_target(checked.path.with_suffix(".pdf"), "pdf", force=force)
        if pdf_target.link is not None:  # LibreOffice's PDF is moved into place, not through
            raise OutputTargetError(pdf_target.link, "är en symbolisk länk; ingen PDF skrivs "
                                    "genom en länk (ta bort länken eller välj ett annat namn)")
    if checked.note:
        say(("obs", "yellow"), f" {checked.note}")
    return checked.path


def _with_progress(items: Iterable[BatchItem], total: int) -> Iterator[BatchItem]:
    """Show a progress bar while many documents are made (none for one, nor off a terminal)."""
    if total < 2 or _plain(sys.stdout):
        yield from items
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("Skapar dokument"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
    )
    with Progress(*columns, console=real_console(stdout), transient=True) as progress:
        task = progress.add_task("render", total=total)
        for item in items:
            yield item
            progress.advance(task)


def _report(source: Path, item: BatchItem, make_pdf: bool) -> int:
    from wizard.render.api import DraftHasErrorsError

    error = item.error
    if isinstance(error, DraftHasErrorsError):
        say(FAIL, " ", (str(source), "bold"), f": {len(error.issues)} fel, inget dokument "
            "skapat (--allow-incomplete gör ett UTKAST)")
        for issue in error.issues:
            say("  ", ("fel", "red"), f"      {issue.field}: {issue.message}")
        return EXIT_INVALID
    if error is not None:
        # A read error names the file itself; others get it in front.
        if not error.message.startswith(str(source)):
            say(FAIL, " ", (str(source), "bold"), f": {error.message}", error=True)
        else:
            say(FAIL, f" {error.message}", error=True)
        return EXIT_UNREADABLE
    result = item.result
    assert result is not None
    mark: list[Piece] = [" ", ("(UTKAST)", "yellow")] if result.draft_mark else []
    say(DONE, f" {source} → ", (str(result.path), "bold"), *mark)
    for warning in result.warnings:
        say("  ", ("varning", "yellow"), f"  {warning}")
    if make_pdf:
        from wizard.errors import WizardError
        from wizard.render.pdf import convert_to_pdf, missing_glyphs
        from wizard.storage.reading import read_draft

        try:
            pdf_path = convert_to_pdf(result.path)
        except WizardError as pdf_error:
            say("  ", ("PDF:", "bold red"), f" {pdf_error.message}", error=True)
            return EXIT_UNREADABLE
        say("  PDF → ", (str(pdf_path), "bold"))
        with contextlib.suppress(WizardError):  # read a moment ago; a change since is no matter
            for warning in missing_glyphs(read_draft(source)):
                say("  ", ("varning", "yellow"), f"  {warning}")
    return EXIT_OK


def template_check(
    template: Annotated[
        Path, typer.Argument(help="Word-mallen (.docx) att kontrollera.", readable=False)
    ],
) -> None:
    """Kontrollera en Word-mall: taggfel, det sandlådan förbjuder, okända namn och fält som
    aldrig visas.

    Slutkod 0 bra, 1 brister, 2 filen kan inte läsas.
    """
    with reported_errors():
        from wizard.model.text import visible
        from wizard.render.check import check_template

        problems = check_template(template)
        if not problems:
            say(DONE, " ", (str(template), "bold"), ": mallen är bra.")
            raise typer.Exit(EXIT_OK)
        say(FAIL, " ", (str(template), "bold"), f": {len(problems)} brister")
        labels = {"syntax": "taggfel", "forbidden": "förbjudet", "placement": "placering",
                  "unknown": "okänt", "render": "stoppas", "unused": "visas ej"}
        for problem in problems:
            label = f"{labels.get(problem.kind, problem.kind):9}"
            say("  ", (label, "red"), f" {visible(problem.message, limit=2000)}")
        raise typer.Exit(EXIT_INVALID)


def register(app: typer.Typer) -> None:
    """Add ``render`` and ``template check`` to the application."""
    app.command("render")(render)
    template_app.command("check")(template_check)
    app.add_typer(template_app, name="template")
