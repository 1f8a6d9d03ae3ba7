"""The XML parts of an XLSX workbook, found and parsed within bounds.

A workbook is a zip of XML parts; a few kilobytes of zip can inflate to gigabytes. So,
before any part is parsed, the sizes the zip directory declares for the parts to read
are added up and held to a budget tied to the upload limit (``xml_budget``); while a
part is parsed, the bytes actually inflated are counted against the same budget, so a
zip that declares less than it holds stops there too (``zipfile`` also stops at the
declared size and checks the CRC).

Parsing is expat's, fed a megabyte at a time, with handlers that see text in pieces,
so nothing here ever holds a whole part. A document type declaration (the way to
external entities and to entity expansion; no OOXML part has one) refuses the file,
and so does a single tag, comment or attribute that grows past ``MAX_TOKEN_BYTES``
unfinished (expat keeps an unfinished token whole in its buffer).
"""

from __future__ import annotations

import io
import posixpath
import pyexpat
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from analytics.formats import number as thousands
from analytics.importing.issues import Rejected, reject_file

MIB = 1024 * 1024
EXPANSION = 100  # the XML read may be this many times the file's size ...
XML_GRACE = 16 * MIB  # ... or this much, for small files ...
MAX_XML_BYTES = 1024 * MIB  # ... and never more (about 3,000,000 rows of a progress sheet)
MAX_TOKEN_BYTES = 4 * MIB  # one tag or comment: real ones are a few hundred bytes
CHUNK = MIB

_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_DOC_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"

StartHandler = Callable[[str, dict[str, str]], None]
EndHandler = Callable[[str], None]
TextHandler = Callable[[str], None]


def xml_budget(file_size: int) -> int:
    """How many bytes of XML a workbook of ``file_size`` bytes may inflate to."""
    return min(MAX_XML_BYTES, max(XML_GRACE, EXPANSION * file_size))


@dataclass
class Budget:
    """XML bytes still allowed for this workbook."""

    total: int
    left: int = field(init=False)

    def __post_init__(self) -> None:
        self.left = self.total

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise too_large(self.total)


def too_large(total: int) -> Rejected:
    return reject_file("xlsx_too_large", detail=thousands(total // MIB))


@dataclass
class Parts:
    """Where the parts of one workbook are, and how much XML may still be read."""

    archive: zipfile.ZipFile
    sheet: str
    shared_strings: str | None
    styles: str | None
    date1904: bool
    budget: Budget


def local(name: str) -> str:
    """``c`` of ``http://...main c`` (expat's name with its namespace)."""
    return name.rpartition(" ")[2]


def parse_part(
    parts: Parts | tuple[zipfile.ZipFile, Budget],
    name: str,
    start: StartHandler | None = None,
    end: EndHandler | None = None,
    text: TextHandler | None = None,
    namespaces: bool = True,
) -> None:
    """Stream the part ``name`` through expat with these handlers, within the budget.

    Element names reach the handlers as ``namespace local`` (see :func:`local`), or as
    written (``c``, ``x:c``) without ``namespaces``, which is faster.
    Exceptions the handlers raise (a :class:`Rejected`) come out of here unchanged.
    """
    archive, budget = (parts.archive, parts.budget) if isinstance(parts, Parts) else parts
    parser = pyexpat.ParserCreate(namespace_separator=" " if namespaces else None)
    parser.buffer_text = True
    parser.buffer_size = 64 * 1024
    parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    if start is not None:
        parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    fed = 0
    try:
        _check_declared(archive, [name], budget)
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                budget.take(len(chunk))
                parser.Parse(chunk, False)
                fed += len(chunk)
                if fed - parser.CurrentByteIndex > MAX_TOKEN_BYTES:
                    raise reject_file("bad_xlsx", detail=f"{name}: XML token too large")
            parser.Parse(b"", True)
    except pyexpat.ExpatError as error:
        raise reject_file("bad_xlsx", detail=f"{name}: {error}"[:100]) from None
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError, OSError) as error:
        raise reject_file("bad_xlsx", detail=f"{name}: {error}"[:100]) from None


# The root of a sheet, to learn the namespace prefix its elements are written with.
_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s/>]")


def count_rows(parts: Parts, name: str) -> int:
    """How many row elements the part ``name`` holds, counted in the inflated bytes alone
    (no parsing: seconds for the largest sheet allowed), which also must not pass what is
    left of the budget."""
    rows = 0
    inflated = 0
    tags: list[bytes] | None = None
    carry = b""
    try:
        _check_declared(parts.archive, [name], parts.budget)
        with parts.archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                inflated += len(chunk)
                if inflated > parts.budget.left:
                    raise too_large(parts.budget.total)
                if tags is None:
                    root = _ROOT_TAG.search(chunk)
                    prefix = (root.group(1) or b"") if root else b""
                    start = b"<" + prefix + b"row"
                    tags = [start + end for end in (b" ", b">", b"/", b"\t", b"\n", b"\r")]
                data = carry + chunk  # a tag cut by the chunk's end is whole here
                rows += sum(data.count(tag) for tag in tags)
                carry = data[-len(tags[0]) + 1 :]  # too short to hold a whole tag twice
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError, OSError) as error:
        raise reject_file("bad_xlsx", detail=f"{name}: {error}"[:100]) from None
    return rows


def _refuse_dtd(*_: object) -> None:
    raise reject_file("xlsx_dtd")


def open_parts(data: bytes) -> Parts:
    """The first worksheet, shared strings and styles of the workbook in ``data``.

    Follows the package's relationships as Excel does (with the usual names as a
    fallback); refuses the file when the declared sizes of the parts to read already
    pass the budget.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise reject_file("bad_xlsx", detail=str(error)[:100]) from None
    budget = Budget(xml_budget(len(data)))
    small = (archive, budget)
    workbook = _office_document(small, names)
    relations = _relations(small, names, _rels_of(workbook))
    sheets, date1904 = _workbook(small, workbook)
    folder = posixpath.dirname(workbook)
    sheet = None
    for rel_id in sheets:
        kind, target = relations.get(rel_id, ("", ""))
        if kind == "worksheet":
            sheet = _resolve(folder, target)
            break
    if sheet is None and not sheets and "xl/worksheets/sheet1.xml" in names:
        sheet = "xl/worksheets/sheet1.xml"
    if sheet is None or sheet not in names:
        raise reject_file("empty_file")
    by_kind = {kind: _resolve(folder, target) for kind, target in relations.values()}
    shared = by_kind.get("sharedStrings")
    styles = by_kind.get("styles")
    shared = shared if shared in names else None
    styles = styles if styles in names else None
    _check_declared(archive, [p for p in (sheet, shared, styles) if p], budget)
    return Parts(archive, sheet, shared, styles, date1904, budget)


def _check_declared(archive: zipfile.ZipFile, members: list[str], budget: Budget) -> None:
    """Refuse when the sizes the zip declares for ``members`` pass what is left."""
    declared = sum(archive.getinfo(m).file_size for m in members)
    if declared > budget.left:
        raise too_large(budget.total)


def _office_document(small: tuple[zipfile.ZipFile, Budget], names: set[str]) -> str:
    for kind, target in _relations(small, names, "_rels/.rels").values():
        if kind == "officeDocument":
            path = _resolve("", target)
            if path in names:
                return path
    return "xl/workbook.xml"


def _rels_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve(folder: str, target: str) -> str:
    path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path).lstrip("/")


def _relations(
    small: tuple[zipfile.ZipFile, Budget], names: set[str], rels: str
) -> dict[str, tuple[str, str]]:
    """Id -> (the last word of the relationship type, target) of one ``.rels`` part."""
    found: dict[str, tuple[str, str]] = {}
    if rels not in names:
        return found

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == f"{_RELS} Relationship" and len(found) < 10_000:
            kind = attrs.get("Type", "").rpartition("/")[2]
            found[attrs.get("Id", "")] = (kind, attrs.get("Target", ""))

    parse_part(small, rels, start=start)
    return found


def _workbook(small: tuple[zipfile.ZipFile, Budget], workbook: str) -> tuple[list[str], bool]:
    """The relationship ids of the sheets in order, and whether dates count from 1904."""
    sheets: list[str] = []
    date1904 = [False]

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "sheet" and len(sheets) < 10_000:
            rel_id = attrs.get(f"{_DOC_REL} id") or attrs.get(f"{_STRICT_DOC_REL} id") or ""
            sheets.append(rel_id)
        elif tag == "workbookPr":
            date1904[0] = attrs.get("date1904", "").lower() in ("1", "true")

    parse_part(small, workbook, start=start)
    return sheets, date1904[0]
