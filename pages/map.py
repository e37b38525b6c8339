"""Карта: every placed venue, sized by events, coloured by country; no tiles, no CDN."""

import streamlit as st

from pages import _shared as shared
from smolplan import charts, counts
from smolplan.filters import describe_filters

page = shared.start_page("Карта мест проведения")
filters, events = page.filters, page.events

# The view is in the URL as a code (?view=region), so a link shows the same map. Not bind="query-params":
# that writes the button's label into the URL, and a link would break when a label is reworded.
VIEWS = {"area": "Все места (по отобранным)", "region": "Смоленская область"}
if "map_view" not in st.session_state:
    st.session_state["map_view"] = st.query_params.get("view") if st.query_params.get("view") in VIEWS else "area"
view = st.segmented_control("Вид", list(VIEWS), format_func=VIEWS.get, key="map_view", required=True)
if view == "area":
    st.query_params.pop("view", None)
elif st.query_params.get("view") != view:
    st.query_params["view"] = view
venues = shared.derived(counts.venues, filters)
fig = charts.venue_map(venues, view=view, colors=page.country_colors, title=describe_filters(filters))
shared.clickable_chart(fig, "venue_map", sets=("places",), config={**shared.topojson_config(), "scrollZoom": True})
shared.chart_buttons(fig, f"karta_{view}", describe_filters(filters))
st.caption("Размер точки — число мероприятий. Ромб без заливки — место известно только до страны, квадрат — "
           "только до региона: они стоят в стороне от столицы. Места, которые на карте совпали бы, — одна точка "
           "со списком всех мест («Смоленск +2»). Оранжевый контур — среди мероприятий места есть дистанционные. "
           "Колесо мыши приближает карту, перетаскивание сдвигает её.")

unplaced = events[events["places"].map(len) == 0]
online = events[events["online"]]
left, right = st.columns(2)
with left:
    st.subheader(f"Дистанционные мероприятия: {len(online)}")
    st.caption("Показаны на карте в местах своих участников.")
    shared.event_table(online)
with right:
    st.subheader(f"Места: {len(venues)}")
    shared.data_table(counts.venues_table_ru(venues))
    if not unplaced.empty:
        st.warning(f"Без места на карте: {len(unplaced)}")
        shared.event_table(unplaced)
