"""Throwaway probe: a plotly geo map drawn offline from the bundled topojson (static/topojson/).

Run by tests/e2e/test_offline_map_probe.py. `?res=110` or `?res=50` picks the outline resolution;
`?topojson=default` leaves plotly's default (the CDN), the control case that must draw no land offline.
"""

import importlib.util
from pathlib import Path

import plotly.express as px
import streamlit as st

# smolplan/topojson.py is loaded on its own, so the probe does not depend on the rest of the package.
_spec = importlib.util.spec_from_file_location(
    "smolplan_topojson", Path.cwd() / "smolplan" / "topojson.py"  # the server runs from the repo root
)
_topojson = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_topojson)
topojson_url = _topojson.topojson_url

st.set_page_config(page_title="map probe", layout="wide")

resolution = int(st.query_params.get("res", "50"))
base_url_path = st.get_option("server.baseUrlPath") or ""
url = topojson_url(base_url_path)

fig = px.scatter_geo(
    lat=[54.78, 43.25, 41.26],
    lon=[32.05, 76.92, 69.22],
    hover_name=["Смоленск", "Алматы", "Ташкент"],
    size=[3, 2, 2],
)
fig.update_traces(marker=dict(color="#d62728", line=dict(width=1, color="white")), marker_sizemin=8)
fig.update_geos(
    scope="world",
    resolution=resolution,
    projection_type="natural earth",
    lonaxis_range=[20, 85],
    lataxis_range=[35, 62],
    showland=True,
    landcolor="#f2efe9",
    showocean=True,
    oceancolor="#dbe9f6",
    showcountries=True,
    countrycolor="#666666",
    showcoastlines=True,
    coastlinecolor="#444444",
    showlakes=True,
)
fig.update_layout(height=520, margin=dict(l=0, r=0, t=30, b=0), title="Смоленск · Алматы · Ташкент")

config = {"displaylogo": False}
if st.query_params.get("topojson") != "default":
    config["topojsonURL"] = url
st.caption(f"topojsonURL = {config.get('topojsonURL', '(plotly default)')} · resolution = {resolution}m")
st.plotly_chart(fig, key="probe_map", config=config)
