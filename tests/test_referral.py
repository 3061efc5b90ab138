"""Prefill from a referral document: letters written by the tests (python-docx, LibreOffice).

Every proposal is checked against the line it names, in the text it was read
from; the wordings of dnr and deadline vary between the letters; one strategy
has four numbered inriktningar, one bullet lines, one none. Files that cannot
be read are refused with a Swedish message and no draft.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter
from typer.testing import CliRunner

from wizard.cli import app
from wizard.errors import WizardError
from wizard.model.referral import Proposal, parse_deadline, propose
from wizard.storage import read_draft
from wizard.storage.referral_doc import read_referral_text

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed")

NUMBERED = [
    ("Profilering", "Staden ska stärka sin position internationellt. Syftet är att locka "
                    "företag och besökare."),
    ("Omvärldsbevakning", "Händelser och trender bevakas och analyseras. Det gör staden "
                          "bättre rustad."),
    ("Samverkan", "Stadens verksamheter utvecklas genom samverkan. Staden lär av andra."),
    ("Påverkan", "Staden ska påverka beslut på europeisk nivå. Det gäller lagförslag."),
]
BULLETS = [
    ("Säkrare cykelvägar", "Staden bygger fler separerade cykelvägar. Det tar tid."),
    ("Fler cykelställ", "Vid stationer och skolor ska det finnas ställ. Mer kommer."),
    ("Vinterväghållning", "Cykelvägar snöröjs först. Sedan gatorna."),
]

# (file stem, paragraphs as (style, text), what each proposal must say)
LETTERS: dict[str, tuple[list[tuple[str, str]], dict[str, str], list[tuple[str, str]]]] = {
    "numrerad": (
        [("", "Kommunstyrelsen"), ("", "Stadsledningskontoret"), ("", "Dnr 171-482/2016"),
         ("", "Remiss av Internationell strategi för Stockholms stad"),
         ("", "Remissen skickas till samtliga facknämnder. Svar ska ha kommit in senast den "
              "17 oktober 2016."),
         ("", "Strategin har fyra inriktningar:")]
        + [item for name, text in NUMBERED for item in (("List Number", name), ("", text))],
        {"referral.title": "Internationell strategi för Stockholms stad",
         "referral.referred_by": "kommunstyrelsen", "referral.dnr": "171-482/2016",
         "referral.deadline": "2016-10-17"},
        [(name, text.split(". ")[0] + ".") for name, text in NUMBERED],
    ),
    "punkter": (
        [("", "Från: Trafiknämnden"), ("", "KS 2016/482"),
         ("", "Remiss: Handlingsplan för cykling"),
         ("", "Remisstiden går ut 2016-11-30."),
         ("", "Planen pekar ut tre områden:")]
        + [("List Bullet", f"{name} – {text}") for name, text in BULLETS],
        {"referral.title": "Handlingsplan för cykling", "referral.referred_by": "Trafiknämnden",
         "referral.dnr": "KS 2016/482", "referral.deadline": "2016-11-30"},
        [(name, text.split(". ")[0] + ".") for name, text in BULLETS],
    ),
    "utan": (
        [("", "Ärende: Biblioteksplan 2018–2021"),
         ("", "Remiss från kulturnämnden, diarienummer: KUN 2017/33."),
         ("", "Sista dag för svar är 3 mars 2017."),
         ("", "Planen beskriver bibliotekens uppdrag. Den har inga särskilda inriktningar.")],
        {"referral.title": "Biblioteksplan 2018–2021", "referral.referred_by": "kulturnämnden",
         "referral.dnr": "KUN 2017/33", "referral.deadline": "2017-03-03"},
        [],
    ),
}


def write_letter(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style or None)
    document.save(str(path))
    return path


@pytest.fixture(scope="session")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("remisser")
    for stem, (paragraphs, _, _) in LETTERS.items():
        write_letter(folder / f"{stem}.docx", paragraphs)
    return folder


@pytest.fixture(scope="session")
def pdf_letters(letters: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The letters as PDF through LibreOffice, and a scan (an image of a page), made once."""
    folder = tmp_path_factory.mktemp("remisser-pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(folder)]
    subprocess.run([*command, *map(str, sorted(letters.glob("*.docx")))], check=True,
                   capture_output=True, timeout=180)
    subprocess.run(["pdftoppm", "-gray", "-r", "50", "-singlefile", str(folder / "utan.pdf"),
                    str(folder / "skannad")], check=True, capture_output=True, timeout=60)
    image_pdf(folder / "skannad.pgm", folder / "skannad.pdf")
    return folder


def image_pdf(pgm: Path, target: Path) -> None:
    """A PDF whose page is only an image of a letter, as a scanner makes it."""
    from pypdf.generic import (
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        StreamObject,
    )

    data = pgm.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert header is not None
    width, height = int(header.group(1)), int(header.group(2))
    pixels = data[header.end():]
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    image = StreamObject()
    image.set_data(pixels[: width * height])
    image.update({NameObject("/Type"): NameObject("/XObject"),
                  NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(width),
                  NameObject("/Height"): NumberObject(height),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                  NameObject("/BitsPerComponent"): NumberObject(8)})
    content = DecodedStreamObject()
    content.set_data(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/Im0"): writer._add_object(image)})})
    page[NameObject("/Contents")] = writer._add_object(content)
    with target.open("wb") as handle:
        writer.write(handle)


def check_against_source(text: str, proposals: list[Proposal]) -> None:
    """Each proposal names a real line of the text, and its value is on it."""
    lines = text.splitlines()
    for proposal in proposals:
        source_line = lines[proposal.line - 1].strip()
        assert proposal.source == source_line or proposal.source.startswith(source_line)
        if proposal.field == "referral.deadline":
            day = int(proposal.value[-2:])
            assert proposal.value in proposal.source or f"{day} " in proposal.source
        else:
            assert proposal.value.casefold() in proposal.source.casefold(), proposal
        if proposal.description:
            described = lines[proposal.description_line - 1].strip()
            assert described == proposal.description_source
            assert " ".join(proposal.description.split()[:4]) in " ".join(
                " ".join(lines[proposal.description_line - 1:proposal.description_line + 2])
                .split())


def check_letter(stem: str, text: str) -> None:
    _, facts, directions = LETTERS[stem]
    proposals = propose(text)
    check_against_source(text, proposals)
    found = {p.field: p.value for p in proposals if p.field != "directions"}
    assert found == facts
    assert [(p.value, p.description) for p in proposals if p.field == "directions"] == directions


@pytest.mark.parametrize("stem", sorted(LETTERS))
def test_docx_letters_propose_what_they_say(letters: Path, stem: str) -> None:
    check_letter(stem, read_referral_text(letters / f"{stem}.docx"))


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("stem", sorted(LETTERS))
def test_pdf_letters_propose_what_they_say(pdf_letters: Path, stem: str) -> None:
    check_letter(stem, read_referral_text(pdf_letters / f"{stem}.pdf"))


@pytest.mark.parametrize(("text", "value"), [
    ("Dnr 171-482/2016", "171-482/2016"),
    ("Vårt dnr: KS 2016/482", "KS 2016/482"),
    ("Diarienummer 3.1.2-55/2018", "3.1.2-55/2018"),
    ("Ärendet har KF 2019/12 hos oss", "KF 2019/12"),
])
def test_dnr_wordings(text: str, value: str) -> None:
    assert [p.value for p in propose(text) if p.field == "referral.dnr"] == [value]


@pytest.mark.parametrize(("text", "value"), [
    ("Svaret ska ha kommit in senast den 17 oktober 2016.", "2016-10-17"),
    ("Remisstiden går ut 2016-10-17", "2016-10-17"),
    ("svar ska ha kommit in senast 1 feb. 2017", "2017-02-01"),
    ("Remisstiden sträcker sig till den 17 oktober 2016.", "2016-10-17"),
    ("Sista svarsdag: 2020-01-31", "2020-01-31"),
    ("Svar ska ha kommit in senast\nden 5 maj 2021 till registrator.", "2021-05-05"),
])
def test_deadline_wordings(text: str, value: str) -> None:
    found = [p for p in propose(text) if p.field == "referral.deadline"]
    assert [p.value for p in found] == [value]
    assert found[0].line == 1


def test_no_deadline_guessed_from_any_date() -> None:
    text = "Kommunfullmäktige antog 2008-05-12 riktlinjer.\nSammanträde 2016-09-20."
    assert [p for p in propose(text) if p.field == "referral.deadline"] == []
    assert parse_deadline("30 februari 2016") is None


# ---------------------------------------------------------------- refused files


def refused(path: Path, words: str) -> None:
    with pytest.raises(WizardError) as caught:
        read_referral_text(path)
    assert str(path) in caught.value.message and words in caught.value.message


def blank_pdf(path: Path, *, password: str | None = None) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_encrypted_pdf_refused(tmp_path: Path) -> None:
    refused(blank_pdf(tmp_path / "hemlig.pdf", password="hemligt"), "lösenordsskyddad")


def test_pdf_without_text_refused(tmp_path: Path) -> None:
    refused(blank_pdf(tmp_path / "tom.pdf"), "ingen text")


def test_truncated_and_macro_documents_refused(letters: Path, tmp_path: Path) -> None:
    data = (letters / "numrerad.docx").read_bytes()
    (tmp_path / "halv.docx").write_bytes(data[: len(data) // 2])
    refused(tmp_path / "halv.docx", "skadat")
    (tmp_path / "remiss.docm").write_bytes(data)
    refused(tmp_path / "remiss.docm", "makron")
    # A macro document renamed .docx is known by its content type.
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"document.main+xml", b"document.macroEnabled.main+xml")
    with zipfile.ZipFile(tmp_path / "omdopt.docx", "w") as target:
        for name, body in members.items():
            target.writestr(name, body)
    refused(tmp_path / "omdopt.docx", "makron")
    (tmp_path / "remiss.txt").write_text("Dnr 1/2016", encoding="utf-8")
    refused(tmp_path / "remiss.txt", ".pdf eller en .docx")


def test_oversized_files_refused(tmp_path: Path) -> None:
    for name in ("stor.pdf", "stor.docx"):
        path = tmp_path / name
        with path.open("wb") as handle:
            handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
        refused(path, "för stor")


@pytest.mark.slow
@needs_soffice
def test_scanned_and_truncated_pdfs_refused(pdf_letters: Path, tmp_path: Path) -> None:
    refused(pdf_letters / "skannad.pdf", "ingen text")
    data = (pdf_letters / "numrerad.pdf").read_bytes()
    (tmp_path / "halv.pdf").write_bytes(data[:200])
    refused(tmp_path / "halv.pdf", "PDF:en")


# ---------------------------------------------------------------- wizard new --referral


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "drafts"
    monkeypatch.setenv("WIZARD_DRAFTS", str(folder))
    return folder


def test_new_with_a_referral_takes_every_proposal_and_prints_its_line(
        letters: Path, drafts: Path) -> None:
    result = CliRunner().invoke(app, ["new", "--referral", str(letters / "numrerad.docx"),
                                      "--no-open"])
    assert result.exit_code == 0, result.output
    assert "Ärendets rubrik: Internationell strategi för Stockholms stad" in result.output
    assert "rad 3: Dnr 171-482/2016" in result.output
    assert "Inriktning: Påverkan" in result.output
    path = drafts / "internationell-strategi-för-stockholms-stad.toml"
    draft = read_draft(path)
    assert draft.referral.dnr == "171-482/2016" and str(draft.referral.deadline) == "2016-10-17"
    assert [d.name for d in draft.directions] == [name for name, _ in NUMBERED]
    assert draft.prefilled_steps == {"case", "directions"}  # nothing typed by the officer yet


def test_new_with_a_referral_says_what_was_not_found_and_options_win(
        letters: Path, drafts: Path) -> None:
    result = CliRunner().invoke(app, ["new", "--referral", str(letters / "utan.docx"),
                                      "--title", "Egen rubrik", "--no-open"])
    assert result.exit_code == 0, result.output
    assert "Hittades inte: inriktning" in result.output
    draft = read_draft(drafts / "egen-rubrik.toml")
    assert draft.referral.dnr == "KUN 2017/33" and draft.directions == []


@pytest.mark.parametrize("name", ["hemlig.pdf", "remiss.docm", "stor.pdf"])
def test_new_with_an_unreadable_referral_exits_2_and_writes_nothing(
        tmp_path: Path, drafts: Path, name: str) -> None:
    path = tmp_path / name
    if name == "hemlig.pdf":
        blank_pdf(path, password="x")
    elif name == "stor.pdf":
        with path.open("wb") as handle:
            handle.truncate(100 * 1024 * 1024)
    else:
        path.write_bytes(b"PK\x03\x04")
    result = CliRunner().invoke(app, ["new", "--referral", str(path), "--title", "X"])
    assert result.exit_code == 2
    assert f"Fel: {path}" in result.output
    assert "Traceback" not in result.output
    assert not drafts.exists()


def test_a_wrapped_bullet_line_keeps_its_whole_first_sentence() -> None:
    """A PDF wraps long bullet lines: the description runs on to the sentence's end."""
    text = ("Planen:\n• Säkrare cykelvägar – Staden bygger fler\nseparerade cykelvägar. Det tar "
            "tid.\n• Fler cykelställ – Vid stationer.\nEfter listan kommer annan text.\n")
    found = [(p.value, p.description) for p in propose(text) if p.field == "directions"]
    assert found == [("Säkrare cykelvägar", "Staden bygger fler separerade cykelvägar."),
                     ("Fler cykelställ", "Vid stationer.")]
