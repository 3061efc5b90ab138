"""Swedish phone numbers: what is allowed, and the usual written form.

The usual form is the area code, a hyphen and the subscriber number in groups
(``08-508 28 780``, ``070-123 45 67``), as Stockholms stad writes them.
"""

from __future__ import annotations

import re

ALLOWED = re.compile(r"^[0-9 ()+\-]*$")
USUAL = re.compile(r"^0\d{1,3}-\d{2,3}( \d{2,3})*$")

# Groups for a subscriber number of each length, as Stockholms stad writes them.
_GROUPS = {5: (3, 2), 6: (2, 2, 2), 7: (3, 2, 2), 8: (3, 2, 3)}


def has_only_allowed_characters(phone: str) -> bool:
    """Digits, spaces, ``-``, ``+`` and parentheses only."""
    return bool(ALLOWED.match(phone))


def is_usual_form(phone: str) -> bool:
    """True for the usual Swedish form, e.g. ``08-508 28 780``."""
    return bool(USUAL.match(phone.strip()))


def normalise(phone: str) -> str | None:
    """Return the usual form of a Swedish number, or None when it cannot be told.

    ``+46 8 508 28 780``, ``0850828780`` and ``08 - 50828780`` all become
    ``08-508 28 780``. Area codes: ``08`` (Stockholm), three digits for mobiles
    (``07x``) and other places; four-digit area codes cannot be told apart from
    three-digit ones without a table, so such numbers keep three.
    """
    if not has_only_allowed_characters(phone):
        return None
    explicit_area = None
    match = re.match(r"^\s*(\+46|0046)?\s*\(?0?(\d{1,3})\)?\s*-\s*(.*)$", phone)
    digits = re.sub(r"\D", "", phone)
    if match:
        explicit_area = "0" + match.group(2)
        digits = "0" + match.group(2) + re.sub(r"\D", "", match.group(3))
    elif digits.startswith("0046"):
        digits = "0" + digits[4:]
    elif phone.strip().startswith("+46"):
        digits = "0" + digits[2:]
    if not digits.startswith("0") or len(digits) < 7:
        return None
    if explicit_area is not None:
        area = explicit_area
    elif digits.startswith("08"):
        area = "08"
    else:
        area = digits[:3]
    subscriber = digits[len(area) :]
    groups = _GROUPS.get(len(subscriber))
    if groups is None:
        return None
    parts, start = [], 0
    for size in groups:
        parts.append(subscriber[start : start + size])
        start += size
    return f"{area}-{' '.join(parts)}"
