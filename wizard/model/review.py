"""Every issue a draft has, as `wizard check`, `wizard render` and the review step show them.

The format's validation (errors and warnings) and the genre checks (warnings
from plain-Swedish guidance), in one list, so that the command line and the
wizard's review never disagree about a draft.
"""

from __future__ import annotations

import datetime as dt

from wizard.model.draft import Draft
from wizard.model.genre import genre_checks
from wizard.model.steps import STEP_IDS
from wizard.model.text import unprintable, unprintable_note
from wizard.model.validation import Issue, label_for, validate


def unprintable_issues(draft: Draft) -> list[Issue]:
    """A warning for each field holding characters the document leaves out (control characters).

    The renderer removes them with the same words; saying it here lets
    `wizard check` and the review tell the person before a document is made.
    """
    issues = []
    for path, value in draft.text_fields():
        found = unprintable(value)
        if found:
            issues.append(Issue("warning", path, f"{label_for(path)}: {unprintable_note(found)}"))
    return issues


def review_issues(draft: Draft, today: dt.date | None = None) -> list[Issue]:
    """Errors, then warnings, in step order; a genre warning on a field with an error is left out.

    (A missing summary is an error already; saying that it is also expected
    because the text is long would only repeat it.)
    """
    issues = validate(draft, today=today) + unprintable_issues(draft)
    error_fields = {issue.field for issue in issues if issue.is_error}
    issues += [issue for issue in genre_checks(draft) if issue.field not in error_fields]
    order = {step: position for position, step in enumerate(STEP_IDS)}
    return sorted(issues, key=lambda issue: (not issue.is_error, order.get(issue.step, 0)))
