"""The zip documents (XLSX, DOCX): the same content whatever the level, a large body fast."""

from __future__ import annotations

import io
import zipfile
import zlib

from matchdesk.store.exchange.export._zip import BODY_LEVEL, ZIP_EPOCH, restamp_zip


def _archive(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_body_made_piece_by_piece_is_deflated_fast_and_reads_back_whole() -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n) for n in range(50_000)
    )
    source = _archive({"head.xml": b"<head/>", "sheet.xml": b"<sheet/>"})
    made = restamp_zip(source, ZIP_EPOCH, {"sheet.xml": lambda part: (part, rows)})
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert archive.read("sheet.xml") == b"<sheet/>" + rows
        assert archive.read("head.xml") == b"<head/>"
        body = archive.getinfo("sheet.xml")
        assert body.date_time == (1980, 1, 1, 0, 0, 0)
    # The body's deflate stream is level 1's (a level the zip module ignored would be 6's).
    deflate = zlib.compressobj(BODY_LEVEL, zlib.DEFLATED, -15)
    fast = deflate.compress(b"<sheet/>" + rows) + deflate.flush()
    default = zlib.compressobj(6, zlib.DEFLATED, -15)
    slow = default.compress(b"<sheet/>" + rows) + default.flush()
    assert len(fast) != len(slow)
    assert body.compress_size == len(fast)
