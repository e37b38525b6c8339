"""Сферы и страны: counts by sphere, partner country, sphere × country, month; a click narrows the table."""

import streamlit as st

from pages import _shared as shared
from smolplan import charts, counts

plan = shared.current_plan()
filters = shared.current_filters()
events = shared.filtered_events(filters)
sphere_colors, country_colors = shared.colors()

st.title("Сферы и страны")
shared.show_scope(len(events), len(plan.events))
st.caption("Щёлкните столбец или точку: таблица под графиком покажет эти мероприятия.")

left, right = st.columns(2)
with left:
    st.subheader("По сферам")
    by_sphere = st.plotly_chart(charts.sphere_bars(shared.derived("by_sphere", filters), sphere_colors), key="by_sphere",
                                on_select="rerun", selection_mode="points", config={"displaylogo": False})
with right:
    st.subheader("По странам-партнёрам")
    st.caption("Мероприятие с несколькими странами учтено у каждой.")
    by_country = st.plotly_chart(charts.country_bars(shared.derived("by_country", filters), country_colors), key="by_country",
                                 on_select="rerun", selection_mode="points", config={"displaylogo": False})

st.subheader("Сфера × страна")
matrix = st.plotly_chart(charts.sphere_country_matrix(shared.derived("sphere_by_country", filters)), key="matrix",
                         on_select="rerun", selection_mode="points", config={"displaylogo": False})

st.subheader("По месяцам")
st.caption("Мероприятие учтено в каждом месяце, с которым пересекаются его сроки.")
by_month = st.plotly_chart(charts.month_bars(shared.derived("by_month", filters)), key="by_month", on_select="rerun",
                           selection_mode="points", config={"displaylogo": False})

narrowed, said = counts.narrow_by_selection(
    events,
    spheres=shared.selected_keys(by_sphere) + shared.selected_keys(matrix, 0),
    countries=shared.selected_keys(by_country) + shared.selected_keys(matrix, 1),
    months=shared.selected_keys(by_month),
)
st.subheader("Мероприятия" + (f" — {shared.plain(said)}" if said else ""))
st.caption(f"{len(narrowed)} из {len(events)}")
shared.event_table(narrowed)
