"""E-mail addresses: what counts as one, and the obvious repair of a slip.

Deliberately modest: a name, ``@`` and a domain with at least one dot and a
top-level part of letters. The repair only undoes slips a person makes while
typing (a comma for a dot, a space, ``(at)`` for ``@``); anything else is left
for the person to fix, since guessing an address sends mail to a stranger.
"""

from __future__ import annotations

import re

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-ÅÄÖåäöÉéÜü]+"
_LOCAL = rf"{_ATOM}(?:\.{_ATOM})*"
_LABEL = r"[A-Za-z0-9ÅÄÖåäöÉéÜü](?:[A-Za-z0-9ÅÄÖåäöÉéÜü\-]*[A-Za-z0-9ÅÄÖåäöÉéÜü])?"
ADDRESS = re.compile(rf"^{_LOCAL}@(?:{_LABEL}\.)+[A-Za-z]{{2,}}$")
_AT_WORDS = re.compile(r"\s*(?:\(at\)|\[at\]|\{at\}|\s+at\s+)\s*", re.IGNORECASE)


def is_address(text: str) -> bool:
    """True for ``name@domain.tld`` (no spaces, one ``@``, a dotted domain)."""
    return bool(ADDRESS.match(text.strip()))


def suggest(text: str) -> str | None:
    """The address ``text`` was obviously meant to be, or None when that cannot be told.

    ``anna.svensson@stockholm,se`` → ``anna.svensson@stockholm.se``;
    ``anna (at) stad.se`` → ``anna@stad.se``; ``mailto:anna@stad.se.`` → ``anna@stad.se``.
    """
    candidate = text.strip()
    if candidate.lower().startswith("mailto:"):
        candidate = candidate[len("mailto:"):]
    candidate = _AT_WORDS.sub("@", candidate).strip("<>")
    candidate = re.sub(r"\s*([@.,;])\s*", r"\1", candidate)  # spaces beside @ or a dot
    candidate = re.sub(r"@{2,}", "@", candidate)
    if re.search(r"\s", candidate) or candidate.count("@") != 1:
        return None
    local, domain = candidate.split("@")
    domain = re.sub(r"[,;:]", ".", domain)
    domain = re.sub(r"\.{2,}", ".", domain).strip(".")
    local = local.rstrip(".,;")
    fixed = f"{local}@{domain}"
    if fixed == text or not is_address(fixed):
        return None
    return fixed
