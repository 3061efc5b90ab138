"""Making the tjänsteutlåtande: a Word document (and PDF) from a draft.

The public functions are imported lazily, so that ``wizard.render.preview``
(used by the TUI on every keystroke) does not load lxml, Jinja or the Word code.

- `render_statement` makes one .docx; `render_statements` makes many with one
  loaded template; both are what the CLI and the TUI call.
- `convert_to_pdf` turns a .docx into a PDF with LibreOffice.
- `wizard.render.preview.statement_markdown` gives the statement as Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.render.api import (
        DraftHasErrorsError,
        RenderResult,
        render_statement,
        render_statements,
    )
    from wizard.render.pdf import convert_to_pdf

__all__ = [
    "DraftHasErrorsError",
    "RenderResult",
    "convert_to_pdf",
    "render_statement",
    "render_statements",
]

_LAZY = {
    "DraftHasErrorsError": "wizard.render.api",
    "RenderResult": "wizard.render.api",
    "render_statement": "wizard.render.api",
    "render_statements": "wizard.render.api",
    "convert_to_pdf": "wizard.render.pdf",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'wizard.render' has no attribute {name!r}")
