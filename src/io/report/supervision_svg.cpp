#include "io/report/supervision_svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace pitwall::io {

namespace {

constexpr int kLeft = 56, kRight = 16, kTop = 34, kBottom = 48;

struct Frame {
  double x0, y0, w, h, max;
  int ticks;  // grid intervals
  double y(double v) const { return y0 + h - (max > 0 ? v / max * h : 0); }
};

// A round step (1, 2, 2.5 or 5 times a power of ten) of at least `v`.
double nice_step(double v) {
  if (!(v > 0)) return 0.25;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * p >= v * (1 - 1e-12)) return m * p;
  }
  return 10 * p;
}

std::string axis_value(double v, bool percent) {
  return percent ? fmt::format("{:g}%", std::round(v * 1000) / 10) : fmt::format("{:g}", v);
}

// Approximate drawn width of a legend text: narrow for ASCII, wide for CJK.
double text_width(std::string_view s) {
  double w = 0;
  for (unsigned char ch : s) {
    if (ch < 0x80) {
      w += 7;
    } else if (ch >= 0xC0) {
      w += 13;  // the lead byte of a multi-byte character
    }
  }
  return w;
}

Frame frame_of(const Chart& c) {
  double max = c.target.value_or(0);
  for (const auto& s : c.series) {
    for (const auto& v : s.values) {
      if (v) max = std::max(max, *v);
    }
  }
  // About four grid intervals of a round step, the top at or above the largest value.
  double step = nice_step(max / 4);
  int ticks = std::max(1, static_cast<int>(std::ceil(max / step - 1e-9)));
  return {static_cast<double>(kLeft),
          static_cast<double>(kTop),
          static_cast<double>(c.width - kLeft - kRight),
          static_cast<double>(c.height - kTop - kBottom),
          step * ticks,
          ticks};
}

// Frame, grid, axis labels, title, legend and target line.
std::string chrome(const Chart& c, const Frame& f, double slot, double first_x) {
  std::string out = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" )"
      R"(aria-label="{}" class="chart"><text x="{}" y="18" class="chart-title">{}</text>)",
      c.width, c.height, html_escape(c.title), kLeft, html_escape(c.title));
  for (int i = 0; i <= f.ticks; ++i) {
    double v = f.max * i / f.ticks, y = f.y(v);
    out += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" class="grid"/>)",
                       f.x0, y, f.x0 + f.w, y);
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="axis" text-anchor="end">{}</text>)",
                       f.x0 - 6, y + 4, axis_value(v, c.percent));
  }
  size_t n = c.x_labels.size();
  size_t step = std::max<size_t>(1, (n + 11) / 12);
  for (size_t i = 0; i < n; i += step) {
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="axis" text-anchor="middle">{}</text>)",
                       first_x + slot * i, f.y0 + f.h + 16, html_escape(c.x_labels[i]));
  }
  if (c.target) {
    double y = f.y(*c.target);
    out += fmt::format(
        R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" class="target"/>)"
        R"(<text x="{:.1f}" y="{:.1f}" class="target-label" text-anchor="end">{}</text>)",
        f.x0, y, f.x0 + f.w, y, f.x0 + f.w, y - 4, html_escape(c.target_label));
  }
  double lx = f.x0;
  for (const auto& s : c.series) {
    out += fmt::format(R"(<rect x="{:.1f}" y="{}" width="12" height="4" fill="{}"/>)"
                       R"(<text x="{:.1f}" y="{}" class="legend">{}</text>)",
                       lx, c.height - 14, s.color, lx + 16, c.height - 9, html_escape(s.name));
    lx += 28 + text_width(s.name);
  }
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string svg_line_chart(const Chart& c) {
  Frame f = frame_of(c);
  size_t n = c.x_labels.size();
  double slot = n > 1 ? f.w / static_cast<double>(n - 1) : 0;
  double first_x = n > 1 ? f.x0 : f.x0 + f.w / 2;
  std::string out = chrome(c, f, slot, first_x);
  for (const auto& s : c.series) {
    std::string points;
    auto flush = [&] {
      if (points.empty()) return;
      out += fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{}/>)",
                         points, s.color, s.dashed ? R"( stroke-dasharray="5 4")" : "");
      points.clear();
    };
    for (size_t i = 0; i < s.values.size() && i < n; ++i) {
      if (!s.values[i]) {
        flush();
        continue;
      }
      double x = first_x + slot * i, y = f.y(*s.values[i]);
      points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x, y);
      out += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="2.5" fill="{}"/>)", x, y, s.color);
    }
    flush();
  }
  return out + "</svg>";
}

std::string svg_bar_chart(const Chart& c) {
  Frame f = frame_of(c);
  size_t n = std::max<size_t>(1, c.x_labels.size());
  double slot = f.w / static_cast<double>(n);
  std::string out = chrome(c, f, slot, f.x0 + slot / 2);
  size_t k = std::max<size_t>(1, c.series.size());
  double bar = slot * 0.8 / static_cast<double>(k);
  for (size_t j = 0; j < c.series.size(); ++j) {
    const auto& s = c.series[j];
    for (size_t i = 0; i < s.values.size() && i < c.x_labels.size(); ++i) {
      if (!s.values[i]) continue;
      double x = f.x0 + slot * i + slot * 0.1 + bar * j, y = f.y(*s.values[i]);
      out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}">)"
                         R"(<title>{}: {}</title></rect>)",
                         x, y, std::max(1.0, bar - 1), f.y0 + f.h - y, s.color,
                         html_escape(c.x_labels[i]),
                         c.percent ? fmt::format("{:.1f}%", *s.values[i] * 100)
                                   : fmt::format("{:g}", *s.values[i]));
    }
  }
  return out + "</svg>";
}

}  // namespace pitwall::io
