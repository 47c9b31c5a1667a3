// Order status words and the word lists of kWord columns (formats.md), Chinese and English.
#include <fmt/format.h>

#include <memory>
#include <utility>
#include <vector>

#include "io/text/fields.hpp"
#include "io/text/fields_detail.hpp"

namespace pitwall::io {

using fields_detail::cannot_read;
using fields_detail::WordKey;

namespace {

struct Alias {
  std::string_view word;
  int32_t index;
};

// Words accepted besides the canonical tokens (which always are), in the order messages list them.
struct WordListSpec {
  std::span<const std::string_view> canonical;
  std::string_view noun;  // "a complaint category"
  std::vector<Alias> aliases;
};

std::vector<WordListSpec> word_list_specs() {
  namespace w = core::words;
  return {
      {w::kBlacklistKinds,
       "a blacklist kind",
       {{"客户ID", 0},
        {"客户编号", 0},
        {"会员ID", 0},
        {"customer", 0},
        {"手机号", 1},
        {"手机", 1},
        {"电话", 1},
        {"mobile", 1},
        {"VIN", 2},
        {"车架号", 2},
        {"设备号", 3},
        {"设备ID", 3},
        {"device", 3},
        {"支付账号", 4},
        {"支付账户", 4}}},
      {w::kComplaintCategories,
       "a complaint category",
       {{"名额已满", 0},
        {"规则不清", 1},
        {"核销失败", 2},
        {"未告知", 3},
        {"承诺超出权益", 4},
        {"其他", 5}}},
      {w::kChecklistItems,
       "a checklist item",
       {{"物料到位", 0}, {"规则掌握", 1}, {"核销系统", 2}, {"礼品数量", 3}, {"主动告知", 4}}},
      {w::kSpotCheckChannels, "a spot-check channel", {{"电话", 0}, {"视频", 1}}},
      {w::kSurveyLevels,
       "a survey level",
       {{"总部", 0},
        {"headquarters", 0},
        {"区域", 1},
        {"战区", 1},
        {"大区", 1},
        {"店长", 2},
        {"一线", 3}}},
      {w::kChurnReasons, "a churn reason", {{"服务", 0}, {"价格", 1}, {"便利性", 2}, {"其他", 3}}},
      {w::kInfluence, "an influence level", {{"KOC", 0}, {"车友会", 1}, {"普通", 2}}},
      {w::kLanguages,
       "a language",
       {{"中文", 0}, {"zh-CN", 0}, {"Chinese", 0}, {"英文", 1}, {"English", 1}}},
  };
}

constexpr size_t kSlots = 128;  // open addressing, at most ~30 keys per list

uint32_t hash_key(std::string_view key) {
  uint32_t h = 2166136261u;  // FNV-1a
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

// A list ready for lookups: normalised keys in a small hash table, and the message text.
struct WordTable {
  const std::string_view* identity = nullptr;  // data() of the canonical list
  std::string noun;
  std::vector<std::pair<std::string, int32_t>> keys;
  std::vector<int16_t> slots = std::vector<int16_t>(kSlots, -1);  // index into keys
  std::string accepted;                                           // "名额已满, quota_full, ..."

  void add(std::string key, int32_t index) {
    PW_CHECK(keys.size() < kSlots / 2, "word list too long for its lookup table");
    size_t slot = hash_key(key) % kSlots;
    while (slots[slot] >= 0) {
      if (keys[static_cast<size_t>(slots[slot])].first == key) return;  // a repeated word
      slot = (slot + 1) % kSlots;
    }
    slots[slot] = static_cast<int16_t>(keys.size());
    keys.emplace_back(std::move(key), index);
  }
};

WordTable make_table(std::span<const std::string_view> canonical, std::string_view noun,
                     const std::vector<Alias>& aliases) {
  WordTable t;
  t.identity = canonical.data();
  t.noun = std::string(noun);
  std::vector<std::string> shown;
  for (size_t i = 0; i < canonical.size(); ++i) {
    for (const Alias& a : aliases) {
      if (a.index == static_cast<int32_t>(i)) shown.emplace_back(a.word);
    }
    shown.emplace_back(canonical[i]);
    t.add(normalize_header_key(canonical[i]), static_cast<int32_t>(i));
  }
  for (const Alias& a : aliases) t.add(normalize_header_key(a.word), a.index);
  t.accepted = fmt::format("{}", fmt::join(shown, ", "));
  return t;
}

const std::vector<WordTable>& known_tables() {
  static const std::vector<WordTable> tables = [] {
    std::vector<WordTable> out;
    for (const WordListSpec& spec : word_list_specs()) {
      out.push_back(make_table(spec.canonical, spec.noun, spec.aliases));
    }
    return out;
  }();
  return tables;
}

const WordTable& status_table() {
  static const WordTable table = [] {
    static constexpr std::string_view kTokens[] = {"created",   "paid",      "redeemed",
                                                   "cancelled", "refunding", "refunded"};
    return make_table(kTokens, "an order status",
                      {{"已下单", 0},
                       {"待支付", 0},
                       {"已支付", 1},
                       {"已核销", 2},
                       {"已完成", 2},
                       {"已取消", 3},
                       {"canceled", 3},
                       {"退款中", 4},
                       {"已退款", 5}});
  }();
  return table;
}

int32_t find_key(const WordTable& table, std::string_view key) {
  if (key.empty()) return -1;
  for (size_t slot = hash_key(key) % kSlots; table.slots[slot] >= 0; slot = (slot + 1) % kSlots) {
    const auto& [k, index] = table.keys[static_cast<size_t>(table.slots[slot])];
    if (k == key) return index;
  }
  return -1;
}

}  // namespace

core::Result<core::OrderStatus> parse_order_status(std::string_view text) {
  const WordTable& table = status_table();
  int32_t index = find_key(table, WordKey(text).view());
  if (index < 0) {
    return cannot_read(trim_text(text), table.noun, "one of " + table.accepted);
  }
  return static_cast<core::OrderStatus>(index);
}

core::Result<int32_t> parse_word(std::string_view text, std::span<const std::string_view> words) {
  for (const WordTable& table : known_tables()) {
    if (table.identity != words.data()) continue;
    int32_t index = find_key(table, WordKey(text).view());
    if (index < 0) return cannot_read(trim_text(text), table.noun, "one of " + table.accepted);
    return index;
  }
  // A list this file does not know: its canonical tokens only.
  WordTable table = make_table(words, "a word of this column", {});
  int32_t index = find_key(table, WordKey(text).view());
  if (index < 0) return cannot_read(trim_text(text), table.noun, "one of " + table.accepted);
  return index;
}

std::string accepted_words(std::span<const std::string_view> words) {
  for (const WordTable& table : known_tables()) {
    if (table.identity == words.data()) return table.accepted;
  }
  return make_table(words, "", {}).accepted;
}

}  // namespace pitwall::io
