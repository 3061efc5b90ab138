"""The phrase library: the shipped file loads, placeholders fill, broken files explain."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.model import Decision, Draft
from wizard.model.genre import genre_checks
from wizard.model.phrases import Phrase
from wizard.storage.phrases import PhraseLibraryError, default_phrases_path, load_phrases


def test_shipped_library_has_the_usual_wordings() -> None:
    texts = [phrase.fill() for phrase in load_phrases()]
    assert "Nämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen." in texts
    assert "Paragrafen justeras omedelbart." in texts
    assert any(text.startswith("Nämnden överlämnar tjänsteutlåtandet till") for text in texts)
    assert len(texts) >= 5
    assert [p.text for p in load_phrases() if p.immediate] == ["Paragrafen justeras omedelbart."]


def test_shipped_phrases_filled_from_a_draft_pass_the_genre_checks() -> None:
    draft = Draft()
    draft.meeting.committee = "Kulturnämnden"
    draft.referral.referred_by = "kommunstyrelsen"
    draft.referral.title = "Internationell strategi för Stockholms stad"
    draft.decisions = [
        Decision(text=phrase.fill(draft)) for phrase in load_phrases() if not phrase.immediate
    ]
    assert [i for i in genre_checks(draft) if i.field.startswith("decisions")] == []
    assert "Kulturnämnden överlämnar tjänsteutlåtandet till kommunstyrelsen." in [
        d.text for d in draft.decisions
    ]


def test_missing_values_become_a_visible_gap() -> None:
    phrase = Phrase("x", "{nämnd} överlämnar tjänsteutlåtandet till {remittent}.")
    assert phrase.fill(Draft()) == "Nämnden överlämnar tjänsteutlåtandet till …."


def test_templates_folder_can_be_overridden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIZARD_TEMPLATES", str(tmp_path))
    (tmp_path / "phrases.toml").write_text(
        'format = 1\n[[phrases]]\ntitle = "Egen"\ntext = "{förvaltning} föreslår detta."\n',
        encoding="utf-8",
    )
    assert default_phrases_path() == tmp_path / "phrases.toml"
    assert [p.fill() for p in load_phrases()] == ["förvaltningen föreslår detta."]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[[phrases]]\ntitle = "A"\ntext = "ok."\n[[phrases]\n', "rad 4"),
        ('[[phrases]]\ntitle = "A"\n', "fras 1 saknar text"),
        ('[[phrases]]\ntext = "{kommun} beslutar."\n', "okänd platshållare {kommun}"),
        ('phrases = "inte en lista"\n', "lista av tabeller"),
        ('[[phrases]]\ntitle = 3\ntext = "ok."\n', "title ska vara text"),
        ('[[phrases]]\ntext = "ok."\nimmediate = "ja"\n', "immediate ska vara true eller false"),
    ],
)
def test_broken_library_names_file_and_problem(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "phrases.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PhraseLibraryError) as caught:
        load_phrases(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert expected in message


def test_missing_library_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PhraseLibraryError, match="frasbanken finns inte"):
        load_phrases(tmp_path / "saknas.toml")
