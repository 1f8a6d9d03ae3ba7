"""Đánh giá cuối năm: ratings per official or body, one official's sheet, and entry."""

from datetime import date

import streamlit as st

from analytics import appraisal_sheet, exports
from analytics.cycle import APPRAISAL_GROUPS, appraisal_entry
from analytics.importing import import_file
from analytics.labels import text
from analytics.statuses import APPRAISAL_RATINGS, NOT_APPRAISED
from ui import auth, data, url_state, widgets
from ui.sidebar import current_view

account = auth.require("appraisal")  # signed in, with a role that may open it
view = current_view()
lang = view.language
today = date.today()
dims = data.reference()["dimensions"]
years = list(range(today.year, int(dims["first_year"] or today.year) - 1, -1))
index = 0 if lang == "vi" else 1

st.title(text("page_appraisal", lang))
left, right = st.columns(2)
url_state.restore(
    "nam_dg", years, parse=int, default=today.year - 1 if today.year - 1 in years else today.year
)
year = left.selectbox(text("appraisal_year", lang), years, key="nam_dg")
url_state.restore("dg_theo", APPRAISAL_GROUPS, default="body")
by = right.selectbox(
    text("appraisal_by", lang), APPRAISAL_GROUPS, format_func=lambda g: text(g, lang),
    key="dg_theo",
)  # fmt: skip
summary = data.appraisal_summary(year, by)
if summary.empty:
    st.info(text("no_tasks_year", lang))
    st.stop()
st.dataframe(widgets.appraisal_summary_table(summary, lang), hide_index=True, width="stretch")

st.subheader(text("official_sheet", lang))
officials = sorted(data.appraisal_rows(year)["official"].unique())
official = st.selectbox(
    text("choose_official", lang), officials,
    format_func=lambda o: o or text("not_recorded", lang), key="nguoi_dg",
)  # fmt: skip
table = appraisal_sheet.sheet_table(data.official_sheet(official, year), year, lang)
st.dataframe(table, hide_index=True, width="stretch")
left, right = st.columns(2)
left.download_button(
    text("download_xlsx", lang), exports.xlsx_bytes(table, str(year)),
    file_name=f"danh-gia-{year}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)  # fmt: skip
right.download_button(
    text("download_docx", lang), appraisal_sheet.sheet_docx(table, official, year, lang),
    file_name=f"danh-gia-{year}.docx",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)  # fmt: skip

if not account.can("upload"):  # entering a rating writes data: staff and admin
    st.stop()
with st.expander(text("enter_appraisal", lang)):
    st.caption(text("enter_appraisal_note", lang))
    tasks = data.appraisal_rows(year)
    with st.form("nhap_danh_gia", clear_on_submit=True):
        code = st.selectbox(
            text("page_tasks", lang), list(tasks["code"]),
            format_func=lambda c: f"{c} — {tasks.set_index('code').at[c, 'title'][:90]}",
        )  # fmt: skip
        rating = st.radio(
            text("rating", lang), [r for r in APPRAISAL_RATINGS if r != NOT_APPRAISED],
            format_func=lambda r: APPRAISAL_RATINGS[r][index], horizontal=True,
        )  # fmt: skip
        appraiser = st.text_input(text("appraiser", lang))
        appraised_on = st.date_input(text("appraised_on", lang), value=today, format="DD/MM/YYYY")
        comment = st.text_area(text("comment", lang))
        if st.form_submit_button(text("save_rating", lang), type="primary"):
            entry = appraisal_entry(code, year, rating, appraiser, appraised_on, comment)
            result = import_file(
                entry, data.store_location(), file_name=f"danh-gia-{code}-{year}.csv",
                user=(appraiser or "—") if account.local else account.name,
                allowed_bodies=account.allowed_bodies,
            )  # fmt: skip
            if result.ok:
                st.success(text("rating_saved", lang, id=result.import_id))
            else:
                widgets.import_errors(result, lang)
