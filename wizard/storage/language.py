"""The files of the writing aids: the Swedish dictionary, word lists and the officialese list.

- **The dictionary** is Hunspell's sv_SE, from the PyPI package ``hunspell-sv``
  (it installs ``share/hunspell/sv_SE.aff`` and ``.dic`` into the environment),
  read by ``spylls``, Hunspell in pure Python: no system package and no compiler,
  so ``make run`` gives it on a fresh machine. ``WIZARD_DICTIONARY`` names
  another one (``/path/sv_SE`` or its ``.dic``).
- **Word lists**, one word per line, ``#`` starts a comment: the municipal
  terms shipped with the wizard (``templates/ordlista-kommun.txt``), the
  organisation's (``ordlista.txt`` in the organisation folder in use, read only) and the
  person's own (``ordlista.txt`` in the user's config folder, or in
  ``WIZARD_CONFIG_DIR``), which "Lägg till i min ordlista" writes.
- **The officialese list**: ``templates/klarsprak.toml``, extended by the
  organisation folder's ``klarsprak.toml``.

The organisation folder is the one `wizard.storage.profile` says is in use
(``WIZARD_ORG_DIR``, else the profile's), as for its templates and phrases.

Every file is read through `read_bounded`; a broken one gives a Swedish
message naming the file and the line.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.errors import WizardError, os_reason, where
from wizard.model.text import visible
from wizard.paths import templates_dir
from wizard.storage import toml_errors
from wizard.storage.atomic import atomic_write
from wizard.storage.bounded import MB, FileReadError, read_bounded
from wizard.storage.profile import config_dir, organisation_folder

if TYPE_CHECKING:  # the writing aids are loaded when used: rendering reads only word lists
    from wizard.model.language import Officialese, OfficialeseList

# tomli, as for drafts (`reading`): one TOML parser loaded, not tomli and tomllib.
import tomli as tomllib

DICTIONARY_NAME = "sv_SE"
DICTIONARY_LIMIT = 32 * MB
WORD_LIST_LIMIT = 8 * MB
WORD_LIST = "ordlista.txt"
MUNICIPAL_WORD_LIST = "ordlista-kommun.txt"
OFFICIALESE_FILE = "klarsprak.toml"
INSTALL_HINT = (
    "Stavningskontrollen är avstängd: den svenska ordlistan (Hunspell sv_SE) eller "
    "stavningsmotorn saknas. Installera dem med: .venv/bin/pip install hunspell-sv spylls "
    "(eller kör make run igen)."
)


class DictionaryMissingError(WizardError):
    """No Swedish dictionary, or no engine to read it: spell checking is off."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(INSTALL_HINT + (f" ({detail})" if detail else ""))


class WordListError(WizardError):
    """A word list or the officialese list that cannot be used; names the file and line."""

    def __init__(self, path: Path, detail: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        super().__init__(f"{where(path, line)}: {detail}")


# ---------------------------------------------------------------- where the files are


def dictionary_base() -> Path | None:
    """``…/sv_SE`` (without extension) of the dictionary to use, or None when there is none."""
    named = os.environ.get("WIZARD_DICTIONARY")
    if named:
        base = Path(named)
        base = base.with_suffix("") if base.suffix in (".dic", ".aff") else base
        return base if base.with_suffix(".dic").is_file() else None
    import sysconfig

    places = [Path(sys.prefix), Path(sysconfig.get_path("data"))]
    user_base = getattr(__import__("site"), "USER_BASE", None)
    if user_base:
        places.append(Path(user_base))
    places += [Path("/usr/local"), Path("/usr")]
    for place in places:
        base = place / "share" / "hunspell" / DICTIONARY_NAME
        if base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file():
            return base
    return None


def personal_word_list() -> Path:
    """The person's own word list, in their config folder beside the profile."""
    return config_dir() / WORD_LIST


def organisation_dir() -> Path | None:
    """The organisation folder in use (``WIZARD_ORG_DIR``, else the profile's), if any."""
    return organisation_folder()


def word_list_paths() -> list[Path]:
    """The shipped municipal list and the organisation's: the lists the checker itself uses."""
    paths = [templates_dir() / MUNICIPAL_WORD_LIST]
    org = organisation_dir()
    if org is not None:
        paths.append(org / WORD_LIST)
    return paths


# ---------------------------------------------------------------- the dictionary


class _BytesReader:
    """spylls' line reader over bytes already read (spylls opens files itself otherwise)."""

    def __new__(cls, data: bytes, encoding: str = "Windows-1252") -> Any:
        from spylls.hunspell.readers.file_reader import BaseReader

        class Reader(BaseReader):
            def __init__(self) -> None:
                self.data = data
                super().__init__(self._open(encoding))

            def reset_encoding(self, new_encoding: str) -> None:
                self.reset_io(self._open(new_encoding))

            def _open(self, name: str) -> io.StringIO:
                return io.StringIO(self.data.decode(name, errors="surrogateescape"))

        return Reader()


def load_dictionary(base: Path | None = None) -> Any:
    """Read the Hunspell dictionary with spylls (about 2–6 s); raise `DictionaryMissingError`."""
    base = base or dictionary_base()
    if base is None:
        raise DictionaryMissingError("hunspell-sv hittades inte")
    try:
        from spylls.hunspell import Dictionary, readers
    except ImportError:
        raise DictionaryMissingError("spylls saknas") from None
    aff_data = read_bounded(base.with_suffix(".aff"), limit=DICTIONARY_LIMIT, what="ordlistan")
    dic_data = read_bounded(base.with_suffix(".dic"), limit=DICTIONARY_LIMIT, what="ordlistan")
    try:
        aff, context = readers.read_aff(_BytesReader(aff_data))
        dic = readers.read_dic(_BytesReader(dic_data, context.encoding), aff=aff,
                               context=context)
    except Exception as error:  # a damaged dictionary: spell checking off, said once
        raise DictionaryMissingError(
            f"{base}.dic kan inte läsas ({type(error).__name__})") from None
    return Dictionary(aff, dic)


# ---------------------------------------------------------------- word lists


def parse_word_list(path: Path, data: bytes) -> list[str]:
    """The words of a word list's bytes; `WordListError` naming the line of a bad one."""
    words = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise WordListError(path, "raden är inte sparad som UTF-8", line=number) from None
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if any(char.isspace() for char in line) or not line.isprintable():
            raise WordListError(
                path, f"”{visible(line, limit=40, one_line=True)}” är inte ett ord; skriv ett "
                "ord per rad (# inleder en kommentar)", line=number)
        words.append(line)
    return words


def read_word_list(path: Path) -> list[str]:
    """A word list's words; an absent list is empty, a broken one raises `WordListError`."""
    if not path.exists() and not path.is_symlink():
        return []
    try:
        data = read_bounded(path, limit=WORD_LIST_LIMIT, what="ordlistan")
    except FileReadError as error:
        raise WordListError(path, error.detail) from None
    return parse_word_list(path, data)


def read_word_lists(paths: Iterable[Path]) -> list[str]:
    """The words of several lists, in order."""
    words: list[str] = []
    for path in paths:
        words.extend(read_word_list(path))
    return words


def proofing_words() -> tuple[list[str], list[str]]:
    """The words a document leaves to the person: every word list the spell checker uses.

    The shipped municipal list, the organisation's and the person's own, for
    ``wizard render`` and "Skapa dokument" alike (the draft's ignored words come
    with the draft). Returns the words and a message for each list that cannot
    be read, which is left out.
    """
    words: list[str] = []
    problems: list[str] = []
    for path in (*word_list_paths(), personal_word_list()):
        try:
            words.extend(read_word_list(path))
        except WordListError as error:
            problems.append(f"Ordlistan används inte i dokumentet: {error}")
        except OSError as error:  # its folder cannot be searched (another user's config)
            problems.append(
                f"Ordlistan används inte i dokumentet: {WordListError(path, os_reason(error))}")
    return words, problems


def add_word(path: Path, word: str) -> None:
    """Add ``word`` to the word list at ``path`` (made with its folder when absent)."""
    words = read_word_list(path)
    if word in words:
        return
    old = read_bounded(path, limit=WORD_LIST_LIMIT) if path.exists() else b""
    if old and not old.endswith(b"\n"):
        old += b"\n"
    if not old:
        old = b"# Min ordlista: ord som stavningskontrollen ska godta, ett per rad.\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, old + word.encode("utf-8") + b"\n", backup=False)


# ---------------------------------------------------------------- officialese


def officialese_paths() -> list[Path]:
    """The shipped officialese list and the organisation's extension of it."""
    paths = [templates_dir() / OFFICIALESE_FILE]
    org = organisation_dir()
    if org is not None and (org / OFFICIALESE_FILE).exists():
        paths.append(org / OFFICIALESE_FILE)
    return paths


def load_officialese(paths: Iterable[Path] | None = None) -> OfficialeseList:
    """Read the officialese lists (``[[ord]]`` tables of ``ord``, ``hellre``, ``former``)."""
    from wizard.model.language import OfficialeseList

    entries: dict[str, Officialese] = {}
    for path in officialese_paths() if paths is None else paths:
        for entry in _officialese(path):
            entries[entry.phrase.casefold()] = entry  # a later list may change an entry
    return OfficialeseList(tuple(entries.values()))


def _officialese(path: Path) -> list[Officialese]:
    try:
        text = read_bounded(path, limit=WORD_LIST_LIMIT, what="listan").decode("utf-8-sig")
    except FileReadError as error:
        raise WordListError(path, error.detail) from None
    except UnicodeDecodeError:
        raise WordListError(path, "listan är inte sparad som UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, _ = toml_errors.position(str(error), text)
        raise WordListError(path, toml_errors.describe(str(error)), line=line) from None
    items = data.get("ord", [])
    if not isinstance(items, list):
        raise WordListError(path, "ord ska vara en lista av tabeller [[ord]]")
    return [_entry(path, number, item) for number, item in enumerate(items, 1)]


def _entry(path: Path, number: int, item: Any) -> Officialese:
    if not isinstance(item, Mapping):
        raise WordListError(path, f"post {number} ska vara en tabell [[ord]]")
    phrase, plainer, forms = item.get("ord"), item.get("hellre"), item.get("former", [])
    if not isinstance(phrase, str) or not phrase.split():
        raise WordListError(path, f"post {number} saknar ord (nyckeln ord)")
    if not isinstance(plainer, str) or not plainer.strip():
        raise WordListError(path, f"post {number} ({phrase}) saknar hellre (ett enklare ord)")
    if not isinstance(forms, list) or not all(isinstance(f, str) and f.split() for f in forms):
        raise WordListError(path, f"post {number} ({phrase}): former ska vara en lista av ord")
    from wizard.model.language import Officialese

    return Officialese(" ".join(phrase.split()), plainer.strip(), tuple(forms))
