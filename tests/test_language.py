"""Klarspråk and the text analysis under spelling: LIX, sentences, repetitions, officialese.

Pure model code and the data files; no dictionary (see test_spelling.py for that).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wizard.cli import app
from wizard.model.draft import Decision, Direction, Draft
from wizard.model.language import (
    LanguageIssue,
    OfficialeseList,
    compound_known,
    language_findings,
    lix,
    lix_band,
    spelling_parts,
    text_findings,
)
from wizard.storage.language import (
    WordListError,
    add_word,
    load_officialese,
    parse_word_list,
    read_word_list,
)
from wizard.storage.reading import read_draft

FIXTURE = Path(__file__).parent / "fixtures" / "remissvar-2016.toml"


@pytest.fixture(scope="module")
def officialese() -> OfficialeseList:
    return load_officialese()


# ---------------------------------------------------------------- LIX, counted by hand


def test_lix_of_a_hand_counted_passage() -> None:
    # 9 words, 2 sentences; long (over six letters): Nämnden, godkänner, förslaget,
    # Förvaltningen, synpunkter, remissen = 6. LIX = 9/2 + 100·6/9 = 71.17.
    value = lix("Nämnden godkänner förslaget. Förvaltningen har inga synpunkter på remissen.")
    assert value is not None
    assert (value.words, value.sentences, value.long_words) == (9, 2, 6)
    assert value.value == pytest.approx(9 / 2 + 100 * 6 / 9)
    assert value.band == "mycket svår"


def test_lix_abbreviations_do_not_end_a_sentence_and_list_items_do() -> None:
    # "t.ex." is one word and, followed by "att", ends nothing; each list item is a
    # sentence: 7 + 4 + 1 = 12 words, 3 sentences, no long word: LIX 4.
    value = lix("Vi ser t.ex. att det går bra.\n- En punkt utan punkt\n- Två")
    assert value is not None
    assert (value.words, value.sentences, value.long_words) == (12, 3, 0)
    assert value.value == pytest.approx(4.0)
    assert value.band == "mycket lätt"


def test_lix_a_colon_before_a_capital_ends_a_sentence() -> None:
    # Kommunfullmäktige beslutade följande | Strategin antas: 5 words, 2 sentences, 4 long.
    value = lix("Kommunfullmäktige beslutade följande: Strategin antas.")
    assert value is not None
    assert (value.words, value.sentences, value.long_words) == (5, 2, 4)
    assert value.value == pytest.approx(2.5 + 80)


@pytest.mark.parametrize(("value", "band"), [
    (18, "mycket lätt"), (25, "lätt"), (29.9, "lätt"), (30, "medelsvår"), (39, "medelsvår"),
    (40, "svår"), (49.9, "svår"), (50.1, "mycket svår"), (70, "mycket svår"),
])
def test_lix_bands(value: float, band: str) -> None:
    assert lix_band(value) == band


def test_lix_of_nothing_is_none() -> None:
    assert lix("") is None
    assert lix("  \n - ") is None


# ---------------------------------------------------------------- sentences and repetitions


def test_a_sentence_over_35_words_is_advised_at_its_line(officialese: OfficialeseList) -> None:
    long = " ".join(["en", "till"] * 18) + "."
    text = "Kort mening.\n" + long + "\nEn till kort."
    found = [i for i in text_findings("texts.views", text, officialese)
             if i.kind == "long_sentence"]
    assert len(found) == 1
    assert found[0].line == 2 and found[0].severity == "warning"
    assert "36 ord" in found[0].message
    assert text_findings("texts.views", " ".join(["en", "till"] * 17) + " en.", officialese) == []


def test_the_same_word_twice_in_a_row(officialese: OfficialeseList) -> None:
    text = "Förvaltningen anser att att strategin är bra.\nDen är bra. Bra att den finns."
    found = [i for i in text_findings("texts.views", text, officialese) if i.kind == "repeated"]
    assert [(i.line, text[i.start:i.end]) for i in found] == [(1, "att att")]


def test_a_word_repeated_densely_is_told_once() -> None:
    from wizard.model.language import dense_repeats

    text = ("Strategin är bra. Strategin är tydlig. Vi tycker att strategin ska antas, "
            "och strategin bör följas upp. Strategin igen.")
    found = dense_repeats("texts.views", text)
    assert len(found) == 1 and "Strategin" in found[0].message
    assert dense_repeats("texts.views", "Strategin är bra. Strategin är tydlig.") == []


# ---------------------------------------------------------------- officialese


@pytest.mark.parametrize(("text", "phrase"), [
    ("De erforderliga medlen finns.", "erforderliga"),
    ("Ett erforderligt beslut.", "erforderligt"),
    ("Staden tillhandahåller lokaler.", "tillhandahåller"),
    ("Lokaler har tillhandahållits.", "tillhandahållits"),
    ("Lokaler tillhandahölls förra året.", "tillhandahölls"),
    ("I syfte att nå målen.", "I syfte att"),
    ("Vi har  beaktat\nsynpunkterna.", "beaktat"),
    ("Beslutet delgavs nämnden.", "delgavs"),
])
def test_officialese_is_found_in_inflected_forms(officialese: OfficialeseList, text: str,
                                                 phrase: str) -> None:
    found = [i for i in text_findings("texts.views", text, officialese) if i.kind == "officialese"]
    assert [text[i.start:i.end] for i in found] == [phrase]
    assert "skriv hellre" in found[0].message


@pytest.mark.parametrize("text", [
    "Syftet med strategin är tydligt.", "Det är inte nödvändigt.", "Kommunen ger stöd.",
    "Oerforderliga ord finns inte.",
])
def test_plain_words_are_not_officialese(officialese: OfficialeseList, text: str) -> None:
    assert [i for i in text_findings("texts.views", text, officialese)
            if i.kind == "officialese"] == []


def test_the_organisation_extends_and_changes_the_list(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "klarsprak.toml").write_text(
        '[[ord]]\nord = "handläggningstid"\nhellre = "tid"\n\n'
        '[[ord]]\nord = "erforderlig"\nhellre = "som behövs"\n', encoding="utf-8")
    monkeypatch.setenv("WIZARD_ORG_DIR", str(tmp_path))
    entries = load_officialese()
    found = list(entries.find("Handläggningstiden är erforderlig."))
    assert [(span.word, entry.plainer) for span, entry in found] == [
        ("Handläggningstiden", "tid"), ("erforderlig", "som behövs")]


def test_the_profiles_organisation_folder_gives_its_lists_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without WIZARD_ORG_DIR, the folder named in the profile is the organisation's, for
    its word list and officialese list as for its templates; a broken profile gives none."""
    from wizard.storage.language import proofing_words, word_list_paths
    from wizard.storage.profile import Profile, profile_path, save_profile

    org = tmp_path / "org"
    org.mkdir()
    (org / "ordlista.txt").write_text("Årstafältet\n", encoding="utf-8")
    (org / "klarsprak.toml").write_text('[[ord]]\nord = "handläggningstid"\nhellre = "tid"\n',
                                        encoding="utf-8")
    monkeypatch.delenv("WIZARD_ORG_DIR", raising=False)
    assert org / "ordlista.txt" not in word_list_paths()
    save_profile(Profile(name="Anna", organisation_dir=str(org)))
    assert org / "ordlista.txt" in word_list_paths()
    assert "Årstafältet" in proofing_words()[0]
    assert [entry.plainer for _span, entry in load_officialese().find("handläggningstiden")] \
        == ["tid"]
    profile_path().write_text("organisation_dir = [\n", encoding="utf-8")
    assert org / "ordlista.txt" not in word_list_paths()


def test_a_broken_officialese_list_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "klarsprak.toml"
    path.write_text('[[ord]]\nord = "x"\nhellre = "y\n', encoding="utf-8")
    with pytest.raises(WordListError) as caught:
        load_officialese([path])
    assert str(path) in str(caught.value) and "rad 3" in str(caught.value)
    path.write_text('[[ord]]\nord = "x"\n', encoding="utf-8")
    with pytest.raises(WordListError, match="saknar hellre"):
        load_officialese([path])


# ---------------------------------------------------------------- the whole draft


def test_language_findings_name_fields_and_lines_and_are_warnings(
        officialese: OfficialeseList) -> None:
    draft = Draft()
    draft.texts.views = "Bra.\nVi har erforderliga resurser."
    draft.directions = [Direction(name="A", comment="Det är är bra.")]
    draft.decisions = [Decision(text="Nämnden tillhandahåller svar.")]
    found = language_findings(draft, officialese)
    assert all(isinstance(i, LanguageIssue) and i.severity == "warning" for i in found)
    assert [(i.field, i.line, i.kind) for i in found] == [
        ("texts.views", 2, "officialese"),
        ("directions[1].comment", 1, "repeated"),
        ("decisions[1].text", 1, "officialese"),
    ]


def test_the_seed_statement_gets_lix_per_section_and_advice(officialese: OfficialeseList) -> None:
    from wizard.model.language import section_lix

    draft = read_draft(FIXTURE)
    sections = {s.field: s.lix for s in section_lix(draft)}
    assert set(sections) == {"texts.summary", "texts.background", "texts.background_after",
                             "texts.views", "directions"}
    assert all(value.value > 50 for value in sections.values())  # officialese prose
    kinds = {i.kind for i in language_findings(draft, officialese)}
    assert {"long_sentence", "officialese", "repeated"} <= kinds
    from wizard.model.language import lix_findings

    lines = [i.message for i in lix_findings(draft)]
    assert lines[0].startswith("LIX Sammanfattning 55 (mycket svår): korta meningarna")


def test_wizard_check_sprak_prints_advice_and_keeps_the_exit_code(tmp_path: Path) -> None:
    runner = CliRunner()
    plain = runner.invoke(app, ["check", str(FIXTURE)])
    result = runner.invoke(app, ["check", "--sprak", str(FIXTURE)])
    assert result.exit_code == plain.exit_code == 0
    assert "LIX" in result.output and "Sammanfattning: 55" in result.output
    assert "”samtliga” (rad 9) är myndighetsspråk" in result.output
    as_json = runner.invoke(app, ["check", "--sprak", "--json", str(FIXTURE)])
    report = json.loads(as_json.output)[0]
    assert report["ok"] and report["language"]["lix"][0]["band"] == "mycket svår"
    advice = report["language"]["advice"]
    assert {"field", "line", "kind", "message", "label", "step"} <= set(advice[0])
    assert "language" not in json.loads(runner.invoke(app, ["check", "--json",
                                                            str(FIXTURE)]).output)[0]


# ---------------------------------------------------------------- tokens for spelling


def test_numbers_dnr_addresses_and_abbreviations_are_not_checked() -> None:
    text = "Dnr 171-482/2016, 2016-09-20, namn@stad.se, t.ex. och m.fl. samt https://x.se/a"
    words = [part.word for _, parts in spelling_parts(text) for part in parts]
    assert words == ["Dnr", "och", "samt"]


def test_hyphenated_words_are_checked_part_by_part_at_their_offsets() -> None:
    text = "EU-kommissionen och miljö- och hälsoskyddsnämnden, KF och SoL."
    found = [(whole.word, [(p.start, p.end, p.word) for p in parts])
             for whole, parts in spelling_parts(text)]
    assert found[0] == ("EU-kommissionen", [(3, 15, "kommissionen")])
    assert found[2] == ("miljö", [(20, 25, "miljö")])
    assert "KF" not in [w for w, _ in found] and "SoL" not in [w for w, _ in found]


def test_compounds_split_into_known_parts_with_the_linking_s() -> None:
    words = {"stadsdel", "förvaltning", "kommun", "koncern", "övergripande", "skola", "gård"}
    known = words.__contains__
    assert compound_known("stadsdelsförvaltning", known)
    assert compound_known("kommunkoncernövergripande", known)
    assert compound_known("skolgård", known)  # skol(a)|gård
    assert not compound_known("förvaltnig", known)
    assert not compound_known("kommunden", {"kommun", "den"}.__contains__)  # no function words


# ---------------------------------------------------------------- word lists


def test_a_broken_word_list_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "ordlista.txt"
    path.write_bytes("# mina ord\nEurocities\ntvå ord\n".encode())
    with pytest.raises(WordListError) as caught:
        read_word_list(path)
    assert str(caught.value).startswith(f"{path}, rad 3: ”två ord” är inte ett ord")
    path.write_bytes(b"ok\n\xff\xfe\n")
    with pytest.raises(WordListError, match="rad 2: raden är inte sparad som UTF-8"):
        read_word_list(path)
    assert read_word_list(tmp_path / "finns-inte.txt") == []
    assert parse_word_list(path, b"\xef\xbb\xbfICLEI  # n\xc3\xa4tverk\n\n") == ["ICLEI"]


def test_adding_a_word_keeps_the_list_and_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "config" / "ordlista.txt"
    add_word(path, "Eurocities")
    add_word(path, "ICLEI")
    add_word(path, "Eurocities")
    assert read_word_list(path) == ["Eurocities", "ICLEI"]
    assert path.read_text(encoding="utf-8").startswith("# Min ordlista")


# ---------------------------------------------------------------- the draft's ignored words


def test_ignored_words_are_kept_in_the_wizard_table(tmp_path: Path) -> None:
    from wizard.errors import DraftTypeError
    from wizard.storage import DraftFile

    path = tmp_path / "utkast.toml"
    path.write_text('format = 1\n\n[wizard]\nstep = "summary"\n', encoding="utf-8")
    draft_file = DraftFile.load(path)
    draft_file.draft.ignored_words += ["Eurocities", "it's"]
    assert draft_file.save(draft_file.draft)
    text = path.read_text(encoding="utf-8")
    assert text.endswith('[wizard]\nstep = "summary"\nignored_words = ["Eurocities", "it\'s"]\n')
    assert read_draft(path).ignored_words == ["Eurocities", "it's"]
    with pytest.raises(DraftTypeError, match=r"wizard\.ignored_words"):
        Draft.from_mapping({"wizard": {"ignored_words": "Eurocities"}})
