"""Fonts with every Vietnamese glyph, embedded in the PDF.

Noto Serif (the body text, in the look of an administrative document) and Noto Sans
(tables and small print), as Debian's ``fonts-noto-core`` installs them. A folder
given in ``REPORT_FONT_DIR`` is searched first. Without Noto Serif the sans face is
used for everything.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SEARCH_DIRS = (
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/noto",
    "/usr/share/fonts/truetype/noto-core",
    "/usr/local/share/fonts",
)
STYLES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}


class FontsMissing(RuntimeError):
    """No font with Vietnamese glyphs was found."""

    def __init__(self) -> None:
        super().__init__(
            "Không tìm thấy phông chữ Noto (NotoSans-Regular.ttf) để viết tiếng Việt trong "
            "báo cáo PDF; hãy cài gói fonts-noto-core (apt-get install fonts-noto-core) "
            "hoặc đặt REPORT_FONT_DIR. (Noto fonts not found: install fonts-noto-core.)"
        )


@dataclass(frozen=True)
class FontSet:
    """Font files per face (``serif``, ``sans``) and style (``""``, ``B``, ``I``, ``BI``)."""

    serif: dict[str, Path]
    sans: dict[str, Path]


def _dirs() -> list[Path]:
    chosen = os.environ.get("REPORT_FONT_DIR", "").strip()
    return [Path(d) for d in ((chosen,) if chosen else ()) + SEARCH_DIRS]


def _family(name: str) -> dict[str, Path]:
    for folder in _dirs():
        regular = folder / f"{name}-Regular.ttf"
        if regular.is_file():
            found = {}
            for style, suffix in STYLES.items():
                path = folder / f"{name}-{suffix}.ttf"
                found[style] = path if path.is_file() else regular
            if not (folder / f"{name}-Bold.ttf").is_file():
                found["BI"] = found["B"]
            return found
    return {}


def find_fonts() -> FontSet:
    """The Noto fonts found; raises :class:`FontsMissing` when Noto Sans is not there."""
    sans = _family("NotoSans")
    if not sans:
        raise FontsMissing()
    serif = _family("NotoSerif") or sans
    return FontSet(serif=serif, sans=sans)
