#include "core/supervision/decay.hpp"

#include <cmath>
#include <iterator>

namespace pitwall::core::supervision {

namespace {

struct Sum {
  double total = 0;
  int64_t count = 0;
  void add(double v) {
    if (std::isnan(v)) return;
    total += v;
    ++count;
  }
  std::optional<double> mean() const {
    return count > 0 ? std::optional<double>(total / static_cast<double>(count)) : std::nullopt;
  }
};

std::optional<double> index_of(std::optional<double> v, std::optional<double> hq) {
  if (!v || !hq || !(*hq > 0)) return std::nullopt;
  return *v * 100.0 / *hq;
}

}  // namespace

DecayReport execution_decay(const Table& survey) {
  constexpr int kLevels = static_cast<int>(std::size(words::kSurveyLevels));
  Sum quiz[kLevels], will[kLevels];
  int64_t respondents[kLevels] = {};
  for (size_t r = 0; r < survey.rows(); ++r) {
    int32_t level = survey.i32(survey::kLevel, r);
    if (level < 0 || level >= kLevels) continue;
    ++respondents[level];
    quiz[level].add(survey.f64(survey::kQuizScore, r));
    will[level].add(survey.f64(survey::kWillingness, r));
  }
  DecayReport report;
  for (int l = 0; l < kLevels; ++l) {
    LevelDecay d;
    d.level = l;
    d.respondents = respondents[l];
    d.completeness = quiz[l].mean();
    d.willingness = will[l].mean();
    d.completeness_index = index_of(d.completeness, quiz[0].mean());
    d.willingness_index = index_of(d.willingness, will[0].mean());
    report.levels.push_back(d);
  }
  for (int l = 1; l < kLevels; ++l) {
    auto above = report.levels[l - 1].completeness_index;
    auto here = report.levels[l].completeness_index;
    if (!above || !here) continue;
    double drop = *above - *here;
    if (drop > report.weakest_drop) {
      report.weakest_drop = drop;
      report.weakest_step = l;
    }
  }
  return report;
}

}  // namespace pitwall::core::supervision
