"""Hostile templates stop early, within 12 s and 1 GB, in `template check` and `render`.

Each case runs the real command in a child process; its peak memory is the
maximum resident set that ``wait4`` reports for that child (``resource``).
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import docx
import pytest

from tests.test_render_support import EXAMPLE

WIZARD = [sys.executable, "-m", "wizard"]
SECONDS = 12
PEAK_BYTES = 1024 * 1024 * 1024

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the memory limit is Linux's RLIMIT_AS")


def _measured(args: list[str], cwd: Path) -> tuple[int, float, int, str]:
    """Run a wizard command as a direct child and read its own peak RSS with os.wait4."""
    started = time.monotonic()
    out_path = cwd / "output.txt"
    with out_path.open("wb") as out:
        process = subprocess.Popen([*WIZARD, *args], cwd=cwd, stdout=out,
                                   stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    peak = usage.ru_maxrss * 1024  # kilobytes on Linux
    return process.returncode, seconds, peak, out_path.read_text("utf-8", "replace")


def _template(path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _zip_bomb(path: Path, inflated: int = 1024 * 1024 * 1024) -> Path:
    """A .docx whose word/document.xml is declared as, and inflates to, ``inflated`` bytes.

    The deflate stream is one 16 MB block of spaces, flushed so that it stands
    alone, repeated: building it takes a moment, not the seconds that
    compressing a gigabyte would.
    """
    import io
    import zipfile

    source = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("{{ referral.title }}")
    document.save(source)
    chunk = b" " * (16 * 1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = inflated // len(chunk)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    data = block * count + b"\x03\x00"  # an empty final block ends the stream
    size = len(chunk) * count

    out = io.BytesIO()
    central = []
    with zipfile.ZipFile(source) as archive:
        members = [(info.filename, zlib.crc32(archive.read(info)), archive.read(info))
                   for info in archive.infolist() if info.filename != "word/document.xml"]
    entries = [(name, crc_, len(raw), _deflate(raw), len(raw)) for name, crc_, raw in members]
    entries.append(("word/document.xml", crc, size, data, size))
    for name, crc_, _, packed, raw_size in entries:
        encoded = name.encode()
        offset = out.tell()
        out.write(struct.pack("<4sHHHHHLLLHH", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc_,
                              len(packed), raw_size, len(encoded), 0) + encoded)
        out.write(packed)
        central.append(struct.pack("<4sHHHHHHLLLHHHHHLL", b"PK\x01\x02", 20, 20, 0, 8, 0,
                                   0x21, crc_, len(packed), raw_size, len(encoded), 0, 0, 0, 0,
                                   0, offset) + encoded)
    directory = b"".join(central)
    start = out.tell()
    out.write(directory)
    out.write(struct.pack("<4sHHHHLLH", b"PK\x05\x06", 0, 0, len(central), len(central),
                          len(directory), start, 0))
    path.write_bytes(out.getvalue())
    return path


def _deflate(raw: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(raw) + compressor.flush()


def _assert_bounded(code: int, seconds: float, peak: int, output: str) -> None:
    assert code in (1, 2), output
    assert seconds < SECONDS, f"{seconds:.1f} s: {output}"
    assert 0 < peak < PEAK_BYTES, f"{peak / 2**20:.0f} MB: {output}"
    assert "Traceback" not in output


def test_zip_bomb_stops_early_in_check_and_render(tmp_path: Path) -> None:
    bomb = _zip_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 5 * 1024 * 1024
    for args in (["template", "check", str(bomb)],
                 ["render", str(EXAMPLE), "--template", str(bomb), "-o",
                  str(tmp_path / "ut.docx")]):
        code, seconds, peak, output = _measured(args, tmp_path)
        _assert_bounded(code, seconds, peak, output)
        assert code == 2
        assert "packas upp till mer än" in output and "word/document.xml" in output
    assert not (tmp_path / "ut.docx").exists()


BOMBS = {
    # The probe's case: 10,000 references to one 1 MB string, joined (10 GB).
    "join": "{{ (['x' * 1000000] * 10000)|join }}",
    "join_method": "{{ ''.join(['x' * 1000000] * 10000) }}",
    # Doubling a string in a loop; no single step is large.
    "doubling": "{% set ns = namespace(x='x' * 1000000) %}{% for i in range(100) %}"
                "{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x|length }}",
    "format_width": "{{ '%2000000000s'|format('x') }}",
    "sum_of_lists": "{{ ([['x'] * 100000] * 10000)|sum(start=[])|length }}",
    "replace": "{{ ('x' * 1000000)|replace('x', 'y' * 1000000) }}",
    "padding": "{{ 'x'.ljust(2000000000) }}",
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_memory_bombs_stop_in_render(name: str, tmp_path: Path) -> None:
    template = _template(tmp_path / f"{name}.docx", BOMBS[name])
    target = tmp_path / "ut.docx"
    code, seconds, peak, output = _measured(
        ["render", str(EXAMPLE), "--template", str(template), "-o", str(target)], tmp_path
    )
    _assert_bounded(code, seconds, peak, output)
    assert code == 2
    assert "mallen" in output and "stoppades" in output
    assert BOMBS[name][:20] in output  # the paragraph it came from
    assert not target.exists()


def test_join_bomb_is_reported_by_check_first(tmp_path: Path) -> None:
    template = _template(tmp_path / "join.docx", BOMBS["join"])
    code, seconds, peak, output = _measured(["template", "check", str(template)], tmp_path)
    _assert_bounded(code, seconds, peak, output)
    assert code == 1
    assert "stoppas" in output and "för lång text" in output
