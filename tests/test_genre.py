"""Genre checks: warnings from plain-Swedish guidance, never errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.model import Decision, Direction, Draft
from wizard.model.genre import LINE_WIDTH, LONG_TEXT_LINES, body_lines, genre_checks, printed_lines
from wizard.storage import read_draft

EXAMPLE = Path(__file__).resolve().parent.parent / "drafts" / "exempel.toml"


def fields_of(draft: Draft) -> list[str]:
    return [issue.field for issue in genre_checks(draft)]


def test_printed_lines_counts_wrapped_paragraphs_and_skips_blank_lines() -> None:
    assert printed_lines("") == 0
    assert printed_lines("kort\n\n\nrad") == 2
    assert printed_lines("x" * LINE_WIDTH) == 1
    assert printed_lines("x" * (LINE_WIDTH + 1)) == 2


def test_body_counts_background_views_and_directions() -> None:
    draft = Draft()
    draft.texts.background = "a\nb"
    draft.texts.background_after = "c"
    draft.texts.views = "d"
    draft.directions = [Direction(name="X", description="e", comment="f\ng")]
    assert body_lines(draft) == 7


def long_draft(lines: int) -> Draft:
    draft = Draft()
    draft.texts.views = "\n".join(f"Stycke {n}." for n in range(lines))
    return draft


def test_long_text_without_summary_warns() -> None:
    draft = long_draft(LONG_TEXT_LINES + 1)
    issues = [i for i in genre_checks(draft) if i.field == "texts.summary"]
    assert len(issues) == 1
    assert issues[0].severity == "warning"
    assert "sammanfattning" in issues[0].message


def test_short_text_without_summary_is_not_a_genre_warning() -> None:
    assert "texts.summary" not in fields_of(long_draft(LONG_TEXT_LINES))


def test_summary_as_long_as_the_body_warns() -> None:
    draft = long_draft(3)
    draft.texts.summary = "Ett.\nTvå.\nTre."
    assert "texts.summary" in fields_of(draft)
    draft.texts.summary = "Kort."
    assert "texts.summary" not in fields_of(draft)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("att godkänna tjänsteutlåtandet.", "börjar med ”att”"),
        ("Att godkänna tjänsteutlåtandet.", "börjar med ”att”"),
        ("nämnden godkänner tjänsteutlåtandet.", "stor bokstav"),
        ("Nämnden godkänner tjänsteutlåtandet", "punkt"),
    ],
)
def test_decision_must_be_a_whole_sentence(text: str, reason: str) -> None:
    draft = Draft(decisions=[Decision(text="Nämnden svarar."), Decision(text=text)])
    issues = genre_checks(draft)
    decision_issues = [i for i in issues if i.field.startswith("decisions")]
    assert [i.field for i in decision_issues] == ["decisions[2].text"]
    assert reason in decision_issues[0].message


def test_decision_starting_with_attention_word_is_fine() -> None:
    # "Attityden ..." starts with the letters "att" but is not the "att"-style list.
    draft = Draft(decisions=[Decision(text="Attityden i förslaget stöds.")])
    assert not [f for f in fields_of(draft) if f.startswith("decisions")]


def test_directions_without_comment_warn_by_number() -> None:
    draft = Draft(
        directions=[
            Direction(name="Profilering", comment="Bra."),
            Direction(name="Samverkan"),
            Direction(name="", description="utan namn"),  # validate() reports the name
        ]
    )
    assert [f for f in fields_of(draft) if f.startswith("directions")] == [
        "directions[2].comment"
    ]


def test_title_must_appear_in_background_or_decisions() -> None:
    draft = Draft()
    draft.referral.title = "Internationell strategi för Stockholms stad"
    draft.texts.background = "Kommunstyrelsen har skickat en remiss."
    assert "texts.background" in fields_of(draft)
    text = "Nämnden svarar på remissen om internationell  strategi för Stockholms stad."
    draft.decisions = [Decision(text=text)]
    assert "texts.background" not in fields_of(draft)
    draft.decisions = []
    draft.texts.background = "Förslaget till *Internationell strategi\nför Stockholms stad* är ute."
    assert "texts.background" not in fields_of(draft)


def test_empty_draft_has_no_genre_warnings() -> None:
    assert genre_checks(Draft()) == []


def test_example_draft_has_no_genre_warnings() -> None:
    """The example is meant to be followed: it passes the genre checks too."""
    assert genre_checks(read_draft(EXAMPLE)) == []


def test_uncommented_directions_are_named() -> None:
    draft = read_draft(EXAMPLE)
    draft.directions[1].comment = ""
    draft.directions[3].comment = " "
    issues = genre_checks(draft)
    assert all(issue.severity == "warning" for issue in issues)
    assert [i.field for i in issues] == ["directions[2].comment", "directions[4].comment"]


def test_immediate_item_is_the_flag_not_a_decision() -> None:
    draft = Draft(decisions=[Decision(text="Nämnden svarar."),
                             Decision(text="Paragrafen justeras omedelbart.")])
    issues = [i for i in genre_checks(draft) if i.field == "decisions[2].text"]
    assert len(issues) == 1 and "kryssa" in issues[0].message
    draft.meeting.immediate = True
    issues = [i for i in genre_checks(draft) if i.field == "decisions[2].text"]
    assert len(issues) == 1 and "upprepar" in issues[0].message
    draft.decisions.pop()
    assert not [i for i in genre_checks(draft) if i.field.startswith("decisions")]
