"""The meeting report: the overview's figures, charts, tables and definitions for a
period and filters, as PDF (fpdf2) or DOCX (python-docx). No Streamlit here.

``collect`` reads what a report shows (as the overview page computes it), ``render``
lays it out; ``build_report`` does both for a database path or connection.
"""

from analytics.report.build import FORMATS, MIME_TYPES, build_report, file_name, render
from analytics.report.source import ReportData, collect

__all__ = [
    "FORMATS",
    "MIME_TYPES",
    "ReportData",
    "build_report",
    "collect",
    "file_name",
    "render",
]
