"""The draft model: what a tjänsteutlåtande holds, and how it is checked.

Nothing here knows of the screen or of files: the TUI, the command line, the
storage and the renderer all build on it.
"""

from wizard.model.draft import (
    FORMAT_VERSION,
    Attachment,
    Decision,
    Direction,
    Draft,
    Meeting,
    Officer,
    Referral,
    Signature,
    Statement,
    Texts,
)
from wizard.model.steps import STEPS, Step, step_for_field
from wizard.model.validation import Issue, completeness, validate

__all__ = [
    "FORMAT_VERSION",
    "STEPS",
    "Attachment",
    "Decision",
    "Direction",
    "Draft",
    "Issue",
    "Meeting",
    "Officer",
    "Referral",
    "Signature",
    "Statement",
    "Step",
    "Texts",
    "completeness",
    "step_for_field",
    "validate",
]
