"""Tải lên: choose a file, see the preview (nothing written), confirm to write, undo."""

import streamlit as st

from analytics.importing import ImportConflict, import_file, undo_import
from analytics.importing.display import error_rows, kind_name
from analytics.importing.headers import KINDS
from analytics.importing.templates import template_bytes, template_name
from analytics.labels import text
from ui import auth
from ui.data import store_location
from ui.sidebar import current_view
from ui.widgets import inert

MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

account = auth.require("upload")  # signed in, with a role that may open it
view = current_view()
lang = view.language
db = store_location()


@st.cache_data(max_entries=8, show_spinner=False)
def template(kind: str, fmt: str) -> bytes:
    return template_bytes(kind, fmt)


st.title(text("page_upload", lang))
st.caption(text("upload_intro", lang))

# The outcome of the last action (a write or an undo), shown once.
notice = st.session_state.pop("upload_notice", None)
if notice is not None:
    (st.success if notice[0] else st.error)(inert(notice[1]))

last = st.session_state.get("last_import")
if last is not None:
    st.success(inert(text("import_written", lang, **last)))
    st.caption(text("import_undo_hint", lang))
    if st.button(text("undo", lang), key="undo_last"):
        result = undo_import(last["id"], db, user=last["by"])
        st.session_state["upload_notice"] = (result.ok, result.message(lang))
        del st.session_state["last_import"]
        st.rerun()
    st.page_link("pages/imports.py", label=text("go_to_history", lang), icon=":material/history:")

round_ = st.session_state.setdefault("upload_round", 0)  # a new round empties the chooser
chooser = f"upload_{round_}"
with st.expander(
    text("download_template", lang), expanded=last is None and not st.session_state.get(chooser)
):
    st.caption(text("templates_intro", lang))
    for column, kind in zip(st.columns(len(KINDS)), KINDS, strict=True):
        for fmt in ("xlsx", "csv"):
            column.download_button(
                text("template_button", lang, kind=kind_name(kind, lang), fmt=f".{fmt}"),
                data=template(kind, fmt), file_name=template_name(kind, fmt), mime=MIME[fmt],
                on_click="ignore", key=f"mau_{kind}_{fmt}", icon=":material/download:",
            )  # fmt: skip

uploaded = st.file_uploader(
    text("choose_file", lang), type=["csv", "txt", "tsv", "xlsx"], key=chooser
)
user = (
    st.text_input(
        text("uploader_name", lang), key="uploader_name", help=text("uploader_name_help", lang)
    ).strip()
    if account.local  # local mode: no account, so who uploads is asked
    else account.name
)
if account.allowed_bodies:
    st.caption(text("scope_note", lang, bodies=", ".join(account.allowed_bodies)))

if uploaded is None:
    st.stop()

data = uploaded.getvalue()
cached = st.session_state.get("upload_preview")
if cached is None or cached[0] != uploaded.file_id:
    with st.spinner(text("checking_file", lang)):
        preview = import_file(
            data, db, file_name=uploaded.name, dry_run=True,
            allowed_bodies=account.allowed_bodies,
        )  # fmt: skip
    st.session_state["upload_preview"] = (uploaded.file_id, preview)
else:
    preview = cached[1]

st.subheader(text("preview", lang))
if not preview.ok:
    st.error(text("preview_rejected", lang, n=len(preview.errors)))
    errors = error_rows(preview, lang)
    widths = dict(zip(errors.columns, (70, 140, 140, 760), strict=True))
    st.dataframe(
        errors, hide_index=True, width="stretch",
        column_config={name: st.column_config.Column(width=w) for name, w in widths.items()},
    )  # fmt: skip
    st.stop()

cards = (
    ("file_kind", kind_name(preview.kind, lang)),
    ("rows_in_file", preview.rows),
    ("new_rows", preview.inserted),
    ("changed_rows", preview.updated),
    ("unchanged_rows", preview.unchanged),
)
for column, (key, value) in zip(st.columns(len(cards)), cards, strict=True):
    column.metric(text(key, lang), value, border=True)
if preview.inserted + preview.updated == 0:
    st.info(text("preview_nothing_new", lang))
else:
    st.info(text("preview_ok", lang))
if not user:
    st.caption(text("need_name", lang))
if st.button(text("confirm_write", lang), type="primary", disabled=not user, key="confirm"):
    try:
        with st.spinner(text("writing_file", lang)):
            result = import_file(
                data, db, file_name=uploaded.name, user=user,
                allowed_bodies=account.allowed_bodies,
            )  # fmt: skip
    except ImportConflict:
        st.warning(text("import_conflict", lang))
        st.stop()
    if not result.ok:  # the database changed since the preview
        st.session_state["upload_preview"] = (uploaded.file_id, result)
        st.rerun()
    st.session_state["last_import"] = {
        "id": result.import_id, "file": result.file_name, "new": result.inserted,
        "changed": result.updated, "unchanged": result.unchanged, "by": user,
    }  # fmt: skip
    st.session_state.pop("upload_preview", None)
    st.session_state["upload_round"] = round_ + 1
    st.rerun()
