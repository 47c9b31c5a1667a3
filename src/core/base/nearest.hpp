#pragma once
// The nearest word: what a refusal suggests when a name is mistyped ("closeout sumary": did you
// mean summary?). Edit distance counts inserted, deleted, replaced and swapped adjacent bytes.

#include <span>
#include <string>
#include <string_view>

namespace pitwall::core {

// Edit distance between `a` and `b` (optimal string alignment: a swap of two neighbours is one).
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` when it is near enough to be a likely typo (at most a third of
// the word's length, at least 1, at most 3 edits; or `word` is a prefix of it), else "".
std::string nearest_word(std::string_view word, std::span<const std::string> candidates);

}  // namespace pitwall::core
