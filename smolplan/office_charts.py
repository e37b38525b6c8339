"""Native Office charts of counts, the same in the deck and in the memo: PowerPoint and Word draw
them themselves, and their data travels with them as an embedded workbook, so an official can
restyle or correct a chart where it is opened. python-pptx writes the chart's DrawingML; the memo
embeds that same part in the Word file.
"""

from __future__ import annotations

import math
import textwrap

from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.oxml import parse_xml
from pptx.util import Pt

from smolplan.briefing_charts import ACCENT, PrintChart

SERIES_NAME = "Мероприятий"
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def bar_labels(chart: PrintChart, line_chars: int) -> list[str]:
    """The categories as the chart shows them: a bar's long label broken into lines of at most
    `line_chars` characters (after a space or a hyphen; a longer word keeps its line), since not
    every office suite wraps axis labels itself (LibreOffice shrinks them instead)."""
    if chart.columns:
        return list(chart.categories)
    return ["\n".join(textwrap.wrap(c, line_chars, break_long_words=False)) or c
            for c in chart.categories]


def chart_data(chart: PrintChart, line_chars: int) -> tuple[XL_CHART_TYPE, CategoryChartData]:
    """The chart type and its data. Office draws a bar chart's first category at the bottom, so bars
    are given in reverse: they then read top to bottom in the order of the counts."""
    categories, values = bar_labels(chart, line_chars), list(chart.values)
    if not chart.columns:
        categories, values = categories[::-1], values[::-1]
    data = CategoryChartData(number_format="0")
    data.categories = categories
    data.add_series(SERIES_NAME, values)
    return (XL_CHART_TYPE.COLUMN_CLUSTERED if chart.columns else XL_CHART_TYPE.BAR_CLUSTERED), data


def rgb(color: str) -> RGBColor:
    """A plotly colour ("#1f77b4" or "rgb(136, 204, 238)") as Office's."""
    if color.startswith("#"):
        return RGBColor.from_string(color[1:7])
    return RGBColor(*(int(float(part)) for part in color[color.index("(") + 1:color.index(")")].split(",")[:3]))


def style(graphic: Chart, chart: PrintChart, font: str, size: float, ticks: int = 10) -> None:
    """No legend, title or frame (the caption or the slide says what it shows), a number at each
    bar, each bar in its sphere's or country's colour, at most `ticks` whole numbers on the scale and
    room above the longest bar for its number."""
    graphic.has_legend = False
    graphic.has_title = False
    graphic.font.name, graphic.font.size = font, Pt(size)
    chart_space = graphic._chartSpace
    chart_space.txPr.addprevious(etree.fromstring(
        f'<c:spPr xmlns:c="{C_NS}" xmlns:a="{A_NS}"><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'))
    plot = graphic.plots[0]
    plot.gap_width = 60
    plot.vary_by_categories = False
    plot.has_data_labels = True
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.data_labels.font.size = Pt(size)
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "0", False
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = rgb(ACCENT)
    for point, color in zip(series.points, chart.colors if chart.columns else chart.colors[::-1]):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(color)
    category_axis = graphic.category_axis._element
    skip = category_axis.find(f"{{{C_NS}}}tickLblSkip")
    if skip is None:  # every label shown: LibreOffice would otherwise drop those it finds crowded
        skip = etree.SubElement(category_axis, f"{{{C_NS}}}tickLblSkip")
        category_axis.find(f"{{{C_NS}}}lblOffset").addnext(skip)
    skip.set("val", "1")
    top = max(1, max(chart.values, default=0)) * 1.2
    axis = graphic.value_axis
    axis.minimum_scale, axis.maximum_scale = 0, top
    axis.major_unit = max(1, math.ceil(top / ticks))
    axis.has_major_gridlines = True
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0", False


def chart_part_xml(chart: PrintChart, font: str, size: float, line_chars: int, ticks: int, workbook_rid: str) -> bytes:
    """The chart's DrawingML part, styled, its data linked to the embedded workbook `workbook_rid`
    (the chart part's relationship to it), for a file python-pptx does not write itself."""
    kind, data = chart_data(chart, line_chars)
    chart_space = parse_xml(data.xml_bytes(kind))
    style(Chart(chart_space, None), chart, font, size, ticks)
    external = chart_space.get_or_add_externalData()
    external.rId = workbook_rid
    external.get_or_add_autoUpdate().set("val", "0")
    return etree.tostring(chart_space, xml_declaration=True, encoding="UTF-8", standalone=True)


def workbook(chart: PrintChart, line_chars: int) -> bytes:
    """The chart's data as the .xlsx Office opens to edit it."""
    return chart_data(chart, line_chars)[1].xlsx_blob
