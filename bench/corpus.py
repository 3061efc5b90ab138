"""Drafts for the benchmarks, made from the example draft.

`large_draft` grows the example's texts to about 200 KB with varied Swedish
paragraphs, bullets and emphasis, so that parsing, saving, rendering and the
TUI see the shapes real statements have, only more of them.
"""

from __future__ import annotations

import random
from pathlib import Path

from wizard.storage.draftfile import DraftFile
from wizard.storage.reading import read_draft

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "drafts" / "exempel.toml"

_WORDS = [
    "förvaltningen",
    "staden",
    "nämnden",
    "strategin",
    "internationella",
    "arbetet",
    "samverkan",
    "verksamheten",
    "utveckling",
    "påverkan",
    "omvärldsbevakning",
    "profilering",
    "kulturliv",
    "bibliotek",
    "projekt",
    "europeiska",
    "städer",
    "regioner",
    "kunskap",
    "erfarenheter",
    "mål",
    "budget",
    "visionen",
    "hållbarhet",
    "invånarna",
    "ansvar",
    "uppföljning",
    "linjeorganisationen",
]


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(25, 60))]
    if rng.random() < 0.3:
        i = rng.randrange(len(words) - 2)
        words[i] = f"*{words[i]}*"
    if rng.random() < 0.2:
        i = rng.randrange(len(words) - 2)
        words[i] = f"**{words[i]}**"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def long_text(size: int, seed: int = 1) -> str:
    """About ``size`` characters of markdown-lite: paragraphs with a list now and then."""
    rng = random.Random(seed)
    lines: list[str] = []
    total = 0
    while total < size:
        if rng.random() < 0.15:
            marker = "-" if rng.random() < 0.5 else "1."
            items = [f"{marker} {_paragraph(rng)[:120]}" for _ in range(rng.randint(2, 5))]
            lines.extend(items)
            total += sum(len(item) + 1 for item in items)
        else:
            line = _paragraph(rng)
            lines.append(line)
            total += len(line) + 1
    return "\n".join(lines) + "\n"


def large_draft(target: Path, size: int = 200_000) -> Path:
    """Write a complete draft whose texts hold about ``size`` characters in all."""
    draft = read_draft(EXAMPLE)
    draft.texts.summary = long_text(size // 10, seed=1)
    draft.texts.background = long_text(size * 3 // 10, seed=2)
    draft.texts.views = long_text(size * 6 // 10, seed=3)
    out = DraftFile.load(EXAMPLE)
    out.save(draft, path=target)
    return target


def many_drafts(folder: Path, count: int) -> list[Path]:
    """``count`` distinct, complete drafts of ordinary size (a few KB each)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = DraftFile.load(EXAMPLE)
    paths = []
    for number in range(count):
        draft = read_draft(EXAMPLE)
        draft.texts.views = long_text(6_000, seed=100 + number)
        draft.referral.title = f"{draft.referral.title} ({number + 1})"
        path = folder / f"utkast-{number + 1:04d}.toml"
        base.save(draft, path=path)
        paths.append(path)
    return paths


def as_markdown(path: Path) -> str:
    """The draft's text as plain Markdown: what pandoc is given for the same document."""
    draft = read_draft(path)
    parts = [f"# {draft.referral.title}", "", f"Remiss från {draft.referral.referred_by}", ""]
    parts += ["## Förvaltningens förslag till beslut", ""]
    parts += [f"{i}. {d.text}" for i, d in enumerate(draft.decisions, 1)] + [""]
    for heading, text in (
        ("Sammanfattning", draft.texts.summary),
        ("Bakgrund", draft.texts.background),
        ("Förvaltningens synpunkter och förslag", draft.texts.views),
    ):
        parts += [f"## {heading}", ""]
        for line in text.splitlines():
            parts += [line, ""]
    parts += ["SLUT", ""]
    return "\n".join(parts)
