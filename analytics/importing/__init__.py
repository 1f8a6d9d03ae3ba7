"""Importing tasks, progress reports and appraisals from CSV or XLSX files.

The pipeline, one module per step: ``source`` (bytes and limits) → ``filetype``
(XLSX or text, by content) → ``encoding`` (to NFC UTF-8) → ``delimiter`` and
``csvtable`` / ``xlsxtable`` (cells with spreadsheet row numbers; ``xlsxparts``
reads the workbook's zip within bounds) → ``headers``
(folding, the kind of file) → ``values`` and ``validate`` (every row checked, all
errors collected) → ``analytics.store.imports_sql`` (one transaction). ``history``
lists imports and undoes them; ``templates`` writes the blank files. No Streamlit here.
"""

from analytics.importing.history import UndoResult, list_imports, undo_import
from analytics.importing.pipeline import ImportConflict, ImportResult, default_user, import_file

__all__ = [
    "ImportConflict",
    "ImportResult",
    "UndoResult",
    "default_user",
    "import_file",
    "list_imports",
    "undo_import",
]
