#pragma once
// Execution decay (执行衰减, supervision.md "Execution decay"): from rule quizzes or surveys per
// level (HQ, region, store manager, frontline), the average information completeness (quiz
// score) and willingness per level, and both normalised to HQ = 100%, to show where the message
// is lost (seed: 100/85/65/40% and 100/90/70/50%, vector S5).

#include <cstdint>
#include <optional>
#include <vector>

#include "core/model/table.hpp"

namespace pitwall::core::supervision {

struct LevelDecay {
  int level = 0;  // index into words::kSurveyLevels
  int64_t respondents = 0;
  std::optional<double> completeness;        // mean quiz score, 0-100
  std::optional<double> willingness;         // mean willingness, 0-100
  std::optional<double> completeness_index;  // % of HQ's mean
  std::optional<double> willingness_index;   // % of HQ's mean
};

struct DecayReport {
  std::vector<LevelDecay> levels;  // every level, in level order
  int weakest_step = -1;    // the level whose completeness index falls most from the level above
  double weakest_drop = 0;  // that fall, in points of the index
};

// Averages of the survey's rows by level (empty cells are left out of a mean). Without HQ
// answers, or when HQ's mean is 0, nothing is normalised.
DecayReport execution_decay(const Table& survey);

}  // namespace pitwall::core::supervision
