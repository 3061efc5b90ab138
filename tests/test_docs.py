"""The project's own documents exist, and the code cites them and nothing else.

``docs/draft-format.md`` (for people who edit drafts by hand) and
``docs/document-layout.md`` are written from the code; a module that points a
reader at a document must point at one the repository has.
"""

from __future__ import annotations

import re
from pathlib import Path

from wizard.model.draft import FIELD_KINDS

ROOT = Path(__file__).resolve().parent.parent
CITED = re.compile(r"\b((?:docs|design)/[\w.-]+\.md)\b")


def _cited() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in [*ROOT.joinpath("wizard").rglob("*.py"), ROOT / "templates" / "build_template.py"]:
        for name in CITED.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def test_the_code_cites_only_documents_the_repository_has() -> None:
    cited = _cited()
    assert {"docs/draft-format.md", "docs/document-layout.md"} <= set(cited)
    for name, where in cited.items():
        assert (ROOT / name).is_file(), f"{name}, cited in {sorted(where)}"


def test_draft_format_names_every_key_of_the_model() -> None:
    text = (ROOT / "docs" / "draft-format.md").read_text(encoding="utf-8")
    for table, kinds in FIELD_KINDS.items():
        for name in kinds:
            row = re.search(rf"^\| `\[\[?{table}\]\]?` `[^|]*\b{name}\b", text, re.M)
            assert row, f"{table}.{name} is not in the table of keys"


def test_document_layout_names_every_table_of_the_template_context() -> None:
    text = (ROOT / "docs" / "document-layout.md").read_text(encoding="utf-8")
    for table in FIELD_KINDS:
        assert f"| `{table}" in text, table
