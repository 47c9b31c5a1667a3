#pragma once
// Inline SVG charts for the supervision review report: self-contained markup (no scripts, no
// fonts or files to fetch), so the report opens offline in any browser. Values are drawn as
// given; a missing value (nullopt) leaves a gap in a line and no bar.

#include <optional>
#include <string>
#include <vector>

namespace pitwall::io {

struct ChartSeries {
  std::string name;
  std::string color;  // CSS colour, e.g. "#d9342b"
  std::vector<std::optional<double>> values;
  bool dashed = false;
};

struct Chart {
  std::string title;
  std::vector<std::string> x_labels;  // one per value; long runs are thinned on the axis
  std::vector<ChartSeries> series;
  std::optional<double> target;  // a horizontal reference line
  std::string target_label;
  bool percent = false;  // values are shares, the axis shows %
  int width = 760;
  int height = 260;
};

// A line chart (one polyline per series) with axes, grid, legend and the target line.
std::string svg_line_chart(const Chart& chart);
// Grouped vertical bars: one group per x label, one bar per series.
std::string svg_bar_chart(const Chart& chart);

// Text with &, <, >, " escaped for HTML and SVG.
std::string html_escape(std::string_view text);

}  // namespace pitwall::io
