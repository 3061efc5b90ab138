"""Step "Underskrifter och bilagor": who signs, in signing order, and the bilagor."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Label

from wizard.model import Attachment, Signature
from wizard.tui.widgets.record_list import FieldSpec, RecordList
from wizard.tui.widgets.record_step import RecordStepView


def describe_signature(signature: Signature, number: int) -> str:
    return ", ".join(part for part in (signature.name.strip(), signature.title.strip()) if part)


def signature_lacks(signature: Signature) -> bool:
    return not signature.name.strip() or not signature.title.strip()


def describe_attachment(attachment: Attachment, number: int) -> str:
    title = attachment.title.strip()
    return f"Bilaga {number}. {title}" if title else ""


class SignaturesView(RecordStepView):
    """Two lists: the signatories with their titles, then the attachments."""

    step_id = "signatures"
    NOUNS: ClassVar[dict[str, tuple[str, str]]] = {
        "signatures": ("underskrift", "underskriften"),
        "attachments": ("bilaga", "bilagan"),
    }

    def compose(self) -> ComposeResult:
        yield Label("Underskrifter och bilagor", classes="step-title")
        yield RecordList(
            "signatures",
            Signature,
            (
                FieldSpec("name", "Namn", placeholder="t.ex. Karin Bergström"),
                FieldSpec("title", "Titel", placeholder="t.ex. Förvaltningsdirektör"),
            ),
            title="Underskrifter",
            describe=describe_signature,
            lacks=signature_lacks,
            empty_hint="Inga underskrifter ännu. Tryck n för att lägga till en.",
        )
        yield RecordList(
            "attachments",
            Attachment,
            (FieldSpec("title", "Bilagans rubrik"),),
            title="Bilagor",
            describe=describe_attachment,
            lacks=lambda attachment: not attachment.title.strip(),
            empty_hint="Inga bilagor. Tryck n för att lägga till en.",
        )
