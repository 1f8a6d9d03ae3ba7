"""Hostile files for the import, made in a second or two (see test_hostile.py and
benchmarks/hostile_bench.py).

A gigabyte of one repeated byte deflates to a megabyte; rather than compress it, one
compressed megabyte is repeated (a raw deflate piece that ends on a full flush can be
followed by another), and the zip around it is written here, so a zip bomb costs one
pass of CRC over its content and nothing else.
"""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
GIB = 1024 * MIB

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = ["Mã nhiệm vụ", "Ngày báo cáo", "Tiến độ (%)", "Trạng thái", "Ghi chú"]


@dataclass
class Member:
    """One zip member: its raw deflate data, the CRC and size of what it inflates to."""

    name: str
    deflated: bytes
    crc: int
    size: int


def member(name: str, data: bytes) -> Member:
    return Member(name, _piece(data, zlib.Z_FINISH), zlib.crc32(data), len(data))


def repeated(name: str, head: bytes, chunk: bytes, times: int, tail: bytes) -> Member:
    """``head + chunk * times + tail``, deflated by repeating ``chunk`` deflated once."""
    body = _piece(chunk, zlib.Z_FULL_FLUSH)
    deflated = _piece(head, zlib.Z_FULL_FLUSH) + body * times + _piece(tail, zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return Member(name, deflated, zlib.crc32(tail, crc), len(head) + len(chunk) * times + len(tail))


def _piece(data: bytes, mode: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(mode)


def zip_bytes(members: list[Member], declared: dict[str, int] | None = None) -> bytes:
    """A zip of ``members``; ``declared`` gives a size to state instead of the real one."""
    out = bytearray()
    directory = bytearray()
    for m in members:
        size = (declared or {}).get(m.name, m.size)
        name = m.name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, 0, 0x21, m.crc,
                           len(m.deflated), size, len(name), 0) + name + m.deflated  # fmt: skip
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, 8, 0, 0x21,
                                 m.crc, len(m.deflated), size, len(name), 0, 0, 0, 0, 0,
                                 offset) + name  # fmt: skip
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members),
                      len(directory), len(out), 0)  # fmt: skip
    return bytes(out + directory + end)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;")


def inline_row(number: int, cells: list[str]) -> bytes:
    """A row of inline-string cells, A, B, C, ... (empty cells left out)."""
    parts = [
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{_text(v)}</t></is></c>'
        for i, v in enumerate(cells)
        if v
    ]
    return f'<row r="{number}">{"".join(parts)}</row>'.encode()


def sheet_head(prolog: str = "") -> bytes:
    start = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">'
    return (start + "<sheetData>").encode()


SHEET_TAIL = b"</sheetData></worksheet>"
SHEET = "xl/worksheets/sheet1.xml"


def workbook_members(sheet: Member, shared: Member | None = None, prolog: str = "") -> list[Member]:
    """The parts of a one-sheet workbook around ``sheet`` (and a shared string table)."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = [("/xl/workbook.xml", "sheet.main"), ("/" + SHEET, "worksheet")]
    if shared:
        overrides.append(("/xl/sharedStrings.xml", "sharedStrings"))
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/>'
        + "".join(
            f'<Override PartName="{p}" ContentType="{office}.{t}+xml"/>' for p, t in overrides
        )
        + "</Types>"
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}"><Relationship '
        f'Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<workbook xmlns="{MAIN}" '
        f'xmlns:r="{rel}"><sheets><sheet name="Tiến độ" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    )
    shared_rel = (
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        if shared
        else ""
    )
    workbook_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}"><Relationship '
        f'Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>{shared_rel}'
        "</Relationships>"
    )
    members = [
        member("[Content_Types].xml", types.encode()),
        member("_rels/.rels", root_rels.encode()),
        member("xl/workbook.xml", workbook.encode()),
        member("xl/_rels/workbook.xml.rels", workbook_rels.encode()),
        sheet,
    ]
    return members + ([shared] if shared else [])


def huge_inline_cell(size: int = GIB) -> bytes:
    """About 1 MB of XLSX whose one data row holds a ``size``-byte inline string."""
    head = sheet_head() + inline_row(1, HEADER) + b'<row r="2"><c r="E2" t="inlineStr"><is><t>'
    sheet = repeated(SHEET, head, b"A" * MIB, size // MIB, b"</t></is></c></row>" + SHEET_TAIL)
    return zip_bytes(workbook_members(sheet))


def huge_shared_string(size: int = GIB) -> bytes:
    """About 1 MB of XLSX whose shared string table holds one ``size``-byte string."""
    sheet = member(
        SHEET,
        sheet_head() + inline_row(1, HEADER)
        + b'<row r="2"><c r="E2" t="s"><v>0</v></c></row>' + SHEET_TAIL,
    )  # fmt: skip
    shared = repeated(
        "xl/sharedStrings.xml",
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="1" '
        'uniqueCount="1"><si><t>'.encode(),
        b"B" * MIB,
        size // MIB,
        b"</t></si></sst>",
    )
    return zip_bytes(workbook_members(sheet, shared))


def lying_sizes(size: int = GIB) -> bytes:
    """The huge inline cell, its zip stating that the sheet inflates to 1 MB only."""
    members = workbook_members(
        repeated(
            SHEET,
            sheet_head() + b'<row r="1"><c t="inlineStr"><is><t>',
            b"A" * MIB,
            size // MIB,
            b"</t></is></c></row>" + SHEET_TAIL,
        )
    )
    return zip_bytes(members, declared={SHEET: MIB})


def sparse(row: int, code: str = "KHONG-CO") -> bytes:
    """A 2 KB XLSX: the header, then one progress row numbered ``row``."""
    body = inline_row(1, HEADER) + inline_row(row, [code, "01/01/2024", "5"])
    return zip_bytes(workbook_members(member(SHEET, sheet_head() + body + SHEET_TAIL)))


def many_rows(rows: int = 3_000_000) -> bytes:
    """An XLSX of ``rows`` progress rows: the rows repeat and carry no numbers, so they
    deflate to little; 4 MB of picture beside them make the file as large as one whose rows
    differ (a real 3,000,000-row file inflates about ten times, within the budget)."""
    block = 10_000
    row = b"".join(
        f'<row><c t="inlineStr"><is><t>{v}</t></is></c></row>'.encode()
        for v in ("DP01-GD", "01/01/2024", "5")
    )
    row = row.replace(b"</row><row>", b"")  # one row of three cells
    sheet = repeated(SHEET, sheet_head() + inline_row(1, HEADER), row * block,
                     rows // block, SHEET_TAIL)  # fmt: skip
    picture = member("xl/media/image1.png", random.Random(1).randbytes(4 * MIB))
    return zip_bytes([*workbook_members(sheet), picture])


def long_cell(chars: int = 100_000) -> bytes:
    """A small XLSX whose note in E2 holds ``chars`` characters (past a cell's 32,767)."""
    body = inline_row(1, HEADER) + inline_row(2, ["DP01-GD", "01/01/2024", "5", "", "n" * chars])
    return zip_bytes(workbook_members(member(SHEET, sheet_head() + body + SHEET_TAIL)))


def huge_attribute(size: int = 10 * MIB) -> bytes:
    """A sheet whose one cell carries a ``size``-byte attribute: one unfinished token."""
    body = inline_row(1, HEADER) + b'<row r="2"><c r="A2" x="' + b"x" * size + b'"/></row>'
    return zip_bytes(workbook_members(member(SHEET, sheet_head() + body + SHEET_TAIL)))


XXE = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "' + "x" * 100 + '">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)  # fmt: skip


def with_entities(prolog: str, where: str = "sheet") -> bytes:
    """An XLSX whose sheet (or workbook part) declares entities and uses the last one."""
    entity = "&xxe;" if "xxe" in prolog else "&j;"
    body = (
        inline_row(1, HEADER)
        + (f'<row r="2"><c r="A2" t="inlineStr"><is><t>DP01-GD{entity}</t></is></c></row>').encode()
    )
    sheet_prolog = prolog if where == "sheet" else ""
    sheet = member(SHEET, sheet_head(sheet_prolog) + body + SHEET_TAIL)
    return zip_bytes(workbook_members(sheet, prolog=prolog if where == "workbook" else ""))


def csv_rows(path: Path, rows: int = 2_000_001) -> None:
    """A progress CSV with ``rows`` data rows."""
    with path.open("wb") as out:
        out.write("Mã nhiệm vụ,Ngày báo cáo,Tiến độ (%)\n".encode())
        line = b"DP01-GD,01/01/2024,5\n"
        for _ in range(rows // 100_000):
            out.write(line * 100_000)
        out.write(line * (rows % 100_000))


def csv_long_note(path: Path, size: int = 50 * 1000 * 1000) -> None:
    """A valid progress CSV row whose note holds ``size`` characters."""
    with path.open("wb") as out:
        out.write("Mã nhiệm vụ,Ngày báo cáo,Tiến độ (%),Ghi chú\nDP01-GD,01/01/2024,5,".encode())
        for _ in range(size // MIB):
            out.write(b"g" * MIB)
        out.write(b"g" * (size % MIB) + b"\n")


# name -> a function writing the file to a path
Writer = Callable[[Path], None]


def _bytes(make: Callable[[], bytes]) -> Writer:
    return lambda path: path.write_bytes(make())


FILES: dict[str, tuple[str, Writer]] = {
    "huge_inline_cell": ("xlsx", _bytes(huge_inline_cell)),
    "huge_shared_string": ("xlsx", _bytes(huge_shared_string)),
    "lying_sizes": ("xlsx", _bytes(lying_sizes)),
    "sparse_2000000000": ("xlsx", _bytes(lambda: sparse(2_000_000_000))),
    "sparse_1048576": ("xlsx", _bytes(lambda: sparse(1_048_576))),
    "rows_3000000": ("xlsx", _bytes(many_rows)),
    "long_cell": ("xlsx", _bytes(long_cell)),
    "huge_attribute": ("xlsx", _bytes(huge_attribute)),
    "xxe": ("xlsx", _bytes(lambda: with_entities(XXE))),
    "entity_expansion": ("xlsx", _bytes(lambda: with_entities(LAUGHS))),
    "entities_in_workbook": ("xlsx", _bytes(lambda: with_entities(LAUGHS, "workbook"))),
    "csv_2000001_rows": ("csv", csv_rows),
    "csv_50mb_note": ("csv", csv_long_note),
}
