"""The public way to make documents: one function for one draft, one for many.

The CLI (`wizard render`) and the TUI's "Skapa dokument" both call these, so a
document is made the same way everywhere. A template is loaded and compiled
once per process and kept (keyed by path, size and modification time), so
making many documents, or the same one again, costs only the rendering.
An organisation's logo (``logo``: a PNG or JPEG file) is shown where the
template says ``{{ logo }}``.

``accepted_words`` are the words of the spell checker's word lists (the
shipped municipal terms, the organisation's and the person's own, as
`wizard.storage.language.proofing_words` reads them): the caller gives them,
the renderer reads no configuration by itself. With each draft's own ignored
words (``[wizard] ignored_words``) they are put in runs that Word does not
proof, so that Word does not underline again what the person accepted.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard.errors import RenderError, TemplateError, WizardError
from wizard.model.draft import Draft
from wizard.model.review import review_issues
from wizard.model.validation import Issue
from wizard.paths import default_template
from wizard.render import sandbox
from wizard.render.clean import RemovedCharacters
from wizard.render.content import build_content
from wizard.render.output import make_docx, read_logo, write_docx
from wizard.render.proofing import ProofWords, proof_words
from wizard.render.template import LoadedTemplate, load_template


class DraftHasErrorsError(RenderError):
    """The draft is not finished; it is only made with ``allow_incomplete``."""

    exit_code = 1

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = list(issues)
        count = len(issues)
        super().__init__(
            f"utkastet har {count} fel och kan inte bli ett färdigt dokument "
            "(skapa ett utkast med UTKAST på varje sida med --allow-incomplete)."
        )

    def __reduce__(self) -> tuple[type, tuple[list[Issue]]]:
        return (type(self), (self.issues,))


@dataclass
class RenderResult:
    """A document that was made: where it is, and what the person should know."""

    path: Path
    removed: list[RemovedCharacters] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    draft_mark: bool = False

    @property
    def warnings(self) -> list[str]:
        """The draft's warnings in Swedish, characters left out among them (see `removed`).

        The draft's errors (only there with ``allow_incomplete``) are in `issues`.
        """
        return [f"{issue.field}: {issue.message}" for issue in self.issues if not issue.is_error]


_cache: dict[tuple[str, int, int], LoadedTemplate] = {}
_cache_lock = threading.Lock()


def get_template(path: Path | None = None) -> LoadedTemplate:
    """The loaded template at ``path`` (the default template when None), loaded once."""
    path = Path(path) if path is not None else default_template()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise TemplateError(f"{path}: mallen finns inte.") from None
    except OSError as error:
        raise TemplateError(f"{path}: mallen kan inte läsas ({error.strerror}).") from None
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _cache_lock:
        loaded = _cache.get(key)
    if loaded is None:
        loaded = load_template(path)
        with _cache_lock:
            _cache.clear()  # keep one template: a session uses one at a time
            _cache[key] = loaded
    return loaded


def render_statement(
    draft: Draft,
    out_path: Path | str,
    *,
    template: Path | str | None = None,
    allow_incomplete: bool = False,
    today: dt.date | None = None,
    time_limit: float = sandbox.TIME_LIMIT,
    logo: Path | str | None = None,
    accepted_words: Iterable[str] = (),
) -> RenderResult:
    """Make the .docx of ``draft`` at ``out_path``.

    Raises `DraftHasErrorsError` (with the issues) when the draft has errors and
    ``allow_incomplete`` is false; with it, every page is marked UTKAST. Raises
    `TemplateError` for a template that cannot be used and `RenderError` when
    the document cannot be made or written; the target is then as it was.
    """
    loaded = get_template(Path(template) if template is not None else None)
    return _render(loaded, draft, Path(out_path), allow_incomplete=allow_incomplete,
                   today=today, time_limit=time_limit,
                   logo=read_logo(logo) if logo is not None else None,
                   proof=proof_words(accepted_words))


def _render(
    loaded: LoadedTemplate,
    draft: Draft,
    out_path: Path,
    *,
    allow_incomplete: bool,
    today: dt.date | None,
    time_limit: float,
    logo: bytes | None = None,
    proof: ProofWords | None = None,
) -> RenderResult:
    issues = review_issues(draft, today=today)
    errors = [issue for issue in issues if issue.is_error]
    if errors and not allow_incomplete:
        raise DraftHasErrorsError(errors)
    draft_mark = bool(errors)
    content = build_content(draft, today=today)
    proof = (proof or ProofWords()).with_ignored(draft.ignored_words)
    data = make_docx(loaded, content, draft_mark=draft_mark, logo=logo, time_limit=time_limit,
                     proof=proof)
    write_docx(out_path, data)
    return RenderResult(out_path, list(content.removed), issues, draft_mark)


@dataclass
class BatchItem:
    """The outcome for one draft of many: a result, or the error that stopped it."""

    index: int
    out_path: Path
    result: RenderResult | None = None
    error: WizardError | None = None


PARALLEL_MIN_DRAFTS = 16  # below this, starting worker processes costs more than it saves


def render_statements(
    jobs: Iterable[tuple[Draft | Path, Path | str]],
    *,
    template: Path | str | None = None,
    allow_incomplete: bool = False,
    today: dt.date | None = None,
    time_limit: float = sandbox.TIME_LIMIT,
    workers: int = 1,
    logo: Path | str | None = None,
    accepted_words: Iterable[str] = (),
) -> Iterator[BatchItem]:
    """Make many documents with one loaded template; yields each outcome in order.

    Each job is a draft (or the path of a draft file, read where the document
    is made) and the .docx to write. An error in one draft does not stop the
    others; a template that cannot be used raises `TemplateError` here, before
    the first document. With
    ``workers`` > 1 and many drafts, on Linux, the documents are made in that
    many forked processes that share the loaded template (the command line
    does this; the TUI makes one document at a time). Call this before
    starting any thread (such as a progress bar), since it may fork.
    """
    loaded = get_template(Path(template) if template is not None else None)
    options = {"allow_incomplete": allow_incomplete, "today": today, "time_limit": time_limit,
               "logo": read_logo(logo) if logo is not None else None,
               "proof": proof_words(accepted_words)}
    job_list = [(draft, Path(out_path)) for draft, out_path in jobs]
    if workers > 1 and len(job_list) >= PARALLEL_MIN_DRAFTS and sys.platform.startswith("linux"):
        return _parallel(loaded, job_list, options, workers)
    return _sequential(loaded, job_list, options)


def _one(loaded: LoadedTemplate, index: int, draft: Draft | Path, target: Path,
         options: dict[str, Any]) -> BatchItem:
    try:
        if isinstance(draft, Path):
            from wizard.storage.reading import read_draft

            draft = read_draft(draft)
        result = _render(loaded, draft, target, **options)
    except WizardError as error:
        return BatchItem(index, target, error=error)
    return BatchItem(index, target, result=result)


def _sequential(loaded: LoadedTemplate, jobs: list[tuple[Draft | Path, Path]],
                options: dict[str, Any]) -> Iterator[BatchItem]:
    for index, (draft, target) in enumerate(jobs):
        yield _one(loaded, index, draft, target, options)


# What forked workers inherit: the loaded template and the options of the batch.
_worker_state: tuple[LoadedTemplate, dict[str, Any]] | None = None


def _work(job: tuple[int, tuple[Draft | Path, Path]]) -> BatchItem:
    """Run in a worker process: one document, its outcome made safe to send back."""
    assert _worker_state is not None
    loaded, options = _worker_state
    index, (draft, target) = job
    item = _one(loaded, index, draft, target, options)
    if item.error is not None and not isinstance(item.error, DraftHasErrorsError):
        item.error = RenderError(item.error.message)  # subclasses may not survive pickling
    return item


def _prepare_workers() -> None:
    """Load here, once, what every worker needs, so that the fork shares it.

    Otherwise each worker would import storage (to read) and set up
    markdown-it (to parse) on its own. `gc.freeze` keeps the
    collector from touching, and so copying, the shared objects in each worker
    (the caller unfreezes once the workers have forked).
    """
    import gc

    from wizard.render.markup import _parser
    from wizard.storage.reading import read_draft  # noqa: F401

    _parser()
    gc.freeze()


def _parallel(loaded: LoadedTemplate, jobs: list[tuple[Draft | Path, Path]],
              options: dict[str, Any],
              workers: int) -> Iterator[BatchItem]:
    import gc
    import multiprocessing

    global _worker_state
    _prepare_workers()
    _worker_state = (loaded, options)
    try:
        pool = multiprocessing.get_context("fork").Pool(processes=min(workers, len(jobs)))
    finally:
        gc.unfreeze()  # the workers have forked with the frozen objects

    def outcomes() -> Iterator[BatchItem]:
        try:
            yield from pool.imap(_work, enumerate(jobs), chunksize=2)
            pool.close()
        finally:
            pool.terminate()
            pool.join()

    return outcomes()
