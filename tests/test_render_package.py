"""The .docx package the wizard writes, and the template copy each document starts from.

Each document starts from a deep copy of the template as python-docx opened
it, and is written with `zipfile`, the parts no render changes copied as they
were compressed when the template was read. These tests hold that to what
python-docx's own save writes, and make sure nothing of one document reaches
the next one made from the same loaded template.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.test_render_docxtpl import _feature_template, _png
from tests.test_render_support import EXAMPLE, STATEMENT_2016, open_docx
from wizard.paths import default_template
from wizard.render.content import build_content
from wizard.render.output import make_docx
from wizard.render.template import WizardTemplate, load_template
from wizard.storage.reading import read_draft

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def _content_type_of(types: bytes, names: list[str]) -> dict[str, str]:
    """Each part's content type, as a reader resolves it (an override, else its extension's)."""
    root = etree.fromstring(types)
    defaults = {d.get("Extension").lower(): d.get("ContentType")
                for d in root.iter(f"{TYPES}Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in root.iter(f"{TYPES}Override")}
    return {name: overrides.get("/" + name) or defaults[name.rsplit(".", 1)[-1].lower()]
            for name in names if name != "[Content_Types].xml"}


def _canonical(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


@pytest.mark.parametrize("with_logo", [False, True])
def test_the_package_holds_what_python_docx_would_save(
    tmp_path: Path, with_logo: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every part as python-docx's own writer would save the same finished document."""
    saved: list[bytes] = []
    package_bytes = WizardTemplate.package_bytes

    def saved_both_ways(template: WizardTemplate) -> bytes:
        buffer = io.BytesIO()
        template.docx.save(buffer)
        saved.append(buffer.getvalue())
        return package_bytes(template)

    monkeypatch.setattr(WizardTemplate, "package_bytes", saved_both_ways)
    path = _feature_template(tmp_path / "mall.docx") if with_logo else default_template()
    made = make_docx(load_template(path), build_content(read_draft(STATEMENT_2016)),
                     logo=_png() if with_logo else None, draft_mark=True, now=NOW)
    ours, theirs = _members(made), _members(saved[0])

    assert sorted(ours) == sorted(theirs)
    names = sorted(ours)
    assert (_content_type_of(ours["[Content_Types].xml"], names)
            == _content_type_of(theirs["[Content_Types].xml"], names))
    for name in names:
        if name == "[Content_Types].xml":
            continue
        if name.endswith((".xml", ".rels")):
            assert _canonical(ours[name]) == _canonical(theirs[name]), name
        else:
            assert ours[name] == theirs[name], name
    if with_logo:
        assert any(name.startswith("word/media/") for name in names)


def test_a_document_made_after_another_has_nothing_of_it(tmp_path: Path) -> None:
    """The template copy a render changes is its own: the next document starts clean."""
    path = _feature_template(tmp_path / "mall.docx")
    shared = load_template(path)
    # The first document has lists, a logo, the UTKAST mark and other texts.
    make_docx(shared, build_content(read_draft(STATEMENT_2016)), logo=_png(), draft_mark=True,
              now=NOW)

    second = build_content(read_draft(EXAMPLE))
    after_another = make_docx(shared, second, now=NOW)
    alone = make_docx(load_template(path), second, now=NOW)
    assert after_another == alone
    assert not any(name.startswith("word/media/") for name in _members(after_another))


def test_the_written_package_opens_strictly(tmp_path: Path) -> None:
    target = tmp_path / "ut.docx"
    target.write_bytes(make_docx(load_template(default_template()),
                                 build_content(read_draft(STATEMENT_2016)), now=NOW))
    document = open_docx(target)
    assert "Internationell strategi" in "\n".join(p.text for p in document.paragraphs)
    with zipfile.ZipFile(target) as archive:
        dates = {info.date_time for info in archive.infolist()}
        kinds = {info.compress_type for info in archive.infolist()}
    assert dates == {(1980, 1, 1, 0, 0, 0)}  # the same draft gives the same bytes
    assert kinds == {zipfile.ZIP_DEFLATED}


def test_each_copy_owns_what_a_render_changes_and_shares_the_rest() -> None:
    loaded = load_template(default_template())
    first, second = loaded.fresh_document(), loaded.fresh_document()
    assert first.element is not second.element is not loaded.document.element
    assert first.settings.element is not second.settings.element
    assert first.part.numbering_part is not second.part.numbering_part
    # The styles are in the archive of unchanged parts: one object for all copies.
    assert first.styles.element is second.styles.element is loaded.document.styles.element
    assert "/word/styles.xml" in loaded.unchanged.names  # type: ignore[union-attr]
