"""Toasts that go when what they reported is resolved.

A toast about a failed save or an unreadable file stays for many seconds; once
a save succeeds or the file is read again it reports something no longer true,
and it covers part of the window. `dismiss_errors` takes such toasts away.
(Where toasts are drawn, away from the field being edited, is in wizard.tcss.)
"""

from __future__ import annotations

from textual.app import App


def dismiss_errors(app: App[object]) -> None:
    """Take away every error toast still shown (what they said has been resolved)."""
    notifications = getattr(app, "_notifications", None)
    unnotify = getattr(app, "_unnotify", None)
    if notifications is None or unnotify is None:  # Textual changed: clear them all
        app.clear_notifications()
        return
    stale = [note for note in list(notifications) if note.severity == "error"]
    for note in stale:
        unnotify(note, refresh=False)
    if stale:
        app._refresh_notifications()
