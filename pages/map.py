"""Карта: every placed venue, sized by events, coloured by country; no tiles, no CDN."""

import streamlit as st

from pages import _shared as shared
from smolplan import charts, counts
from smolplan.filters import describe_filters

page = shared.start_page("Карта мест проведения")
filters, events = page.filters, page.events

view = st.segmented_control("Вид", ["region", "area"], format_func={"region": "Смоленская область",
                            "area": "Весь регион сотрудничества"}.get, default="area", key="map_view", required=True)
venues = shared.derived(counts.venues, filters)
st.caption("Размер точки — число мероприятий. Ромб без заливки — место известно только до страны. "
           "Оранжевое кольцо — среди мероприятий места есть дистанционные.")
fig = charts.venue_map(venues, view=view, colors=page.country_colors, title=describe_filters(filters))
shared.clickable_chart(fig, "venue_map", sets=("places",), config=shared.topojson_config())
shared.chart_buttons(fig, f"karta_{view}", describe_filters(filters))

unplaced = events[events["places"].map(len) == 0]
online = events[events["online"]]
left, right = st.columns(2)
with left:
    st.subheader(f"Дистанционные мероприятия: {len(online)}")
    st.caption("Показаны на карте в местах своих участников.")
    shared.event_table(online)
with right:
    st.subheader(f"Места: {len(venues)}")
    st.dataframe(counts.venues_table_ru(venues), hide_index=True)
    if not unplaced.empty:
        st.warning(f"Без места на карте: {len(unplaced)}")
        shared.event_table(unplaced)
