"""The fixed choices the command line offers, in a module that imports nothing heavy.

``python -m analytics --help`` builds every command's arguments; keeping these lists here
(and not beside the pandas code that uses them) lets it start without pandas, pyarrow or
openpyxl. Their users import them from here.
"""

from __future__ import annotations

# Groups of the figures (CONTRACT.md section 2, `summary --by`).
GROUPS = ("body", "area", "position", "official", "assigner", "period", "all")
# What `export` writes.
RAW_KINDS = ("tasks", "progress")
# Groupings of the year-end ratings (`appraisal --by`).
APPRAISAL_GROUPS = ("official", "body")
# What an account may do (`user add --role`).
ROLES = ("committee", "analyst", "staff", "admin", "official")
