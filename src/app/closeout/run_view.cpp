#include "app/closeout/run_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "core/workflow/signoff.hpp"
#include "io/json/json.hpp"

namespace pitwall::app::closeout {

namespace {

namespace wf = core::workflow;
using io::Json;

constexpr std::string_view kIndexMagic{"PWOIDX1\0", 8};
constexpr uint32_t kBucketBits = 16;
constexpr size_t kBuckets = size_t{1} << kBucketBits;
constexpr size_t kHeaderBytes = 8 + 8 + 4;
constexpr size_t kRecordBytes = 32;
constexpr size_t kRecordsAt = kHeaderBytes + (kBuckets + 1) * 4;

uint64_t id_hash(std::string_view id) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : id) {
    h ^= c;
    h *= 1099511628211ull;
  }
  // FNV's low bits are good, its high bits less so: mix them in (murmur3's finaliser).
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

template <typename T>
void put(std::string& out, size_t at, T value) {
  std::memcpy(out.data() + at, &value, sizeof value);  // little-endian hosts only (x86-64, arm64)
}
template <typename T>
T get(std::string_view in, size_t at) {
  T value;
  std::memcpy(&value, in.data() + at, sizeof value);
  return value;
}

core::Error corrupt(std::string_view part, std::string what) {
  return core::make_error(core::ErrorCode::kCorrupt,
                          fmt::format("stored run part {}: {}", part, what));
}

Json strings_json(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const auto& s : v) a.push(s);
  return a;
}

}  // namespace

SignoffDigests signoff_digests(const core::closeout::RunResult& run) {
  SignoffDigests d;
  d.definition = wf::settlement_evaluation(run).tag();
  d.stores = wf::store_digests(run);
  d.stores.resize(run.stores.store_count() - 1);
  d.regions.resize(run.stores.region_count());
  for (uint32_t r : wf::regions_to_sign(run.stores)) {
    d.regions[r] = wf::numbers_digest(run, wf::SignoffKind::kRegion, r);
  }
  d.finance = wf::numbers_digest(run, wf::SignoffKind::kFinance, 0);
  return d;
}

std::string digests_bytes(const SignoffDigests& d, const core::StoreDirectory& stores) {
  Json list = Json::array(), regions = Json::array();
  for (size_t s = 0; s < d.stores.size(); ++s) {
    list.push(Json::object().set("store", stores.codes[s]).set("digest", d.stores[s]));
  }
  for (size_t r = 0; r < d.regions.size(); ++r) {
    if (d.regions[r].empty()) continue;
    regions.push(Json::object().set("region", stores.regions[r]).set("digest", d.regions[r]));
  }
  return Json::object()
      .set("definition", d.definition)
      .set("stores", std::move(list))
      .set("regions", std::move(regions))
      .set("finance", d.finance)
      .dump();
}

core::Result<SignoffDigests> parse_digests(std::string_view bytes,
                                           const core::StoreDirectory& stores) {
  auto doc = Json::parse(bytes);
  if (!doc || !doc->is_object()) return corrupt(kDigestsPart, "not a JSON object");
  SignoffDigests d;
  d.definition = doc->get_string("definition");
  d.finance = doc->get_string("finance");
  d.stores.resize(stores.store_count() - 1);
  d.regions.resize(stores.region_count());
  if (const Json* list = doc->find("stores")) {
    for (const Json& j : list->items()) {
      uint32_t s = stores.find_store(j.get_string("store"));
      if (s >= d.stores.size()) return corrupt(kDigestsPart, "a store the run does not have");
      d.stores[s] = j.get_string("digest");
    }
  }
  if (const Json* list = doc->find("regions")) {
    for (const Json& j : list->items()) {
      uint32_t r = stores.find_region(j.get_string("region"));
      if (r >= d.regions.size()) return corrupt(kDigestsPart, "a region the run does not have");
      d.regions[r] = j.get_string("digest");
    }
  }
  for (const auto& s : d.stores) {
    if (s.empty()) return corrupt(kDigestsPart, "a store without its digest");
  }
  if (d.definition.empty() || d.finance.empty()) return corrupt(kDigestsPart, "fields missing");
  return d;
}

Json evidence_json(const std::vector<wf::Evidence>& evidence) {
  Json out = Json::array();
  for (const wf::Evidence& e : evidence) {
    out.push(Json::object()
                 .set("kind", e.kind)
                 .set("rule", e.rule)
                 .set("field", e.field)
                 .set("before", e.before)
                 .set("after", e.after)
                 .set("detail", e.detail));
  }
  return out;
}

std::string queue_bytes(const std::vector<wf::QueueItem>& queue) {
  Json items = Json::array();
  for (const wf::QueueItem& q : queue) {
    items.push(Json::object()
                   .set("order", q.order)
                   .set("order_id", q.order_id)
                   .set("store", q.store)
                   .set("region", q.region)
                   .set("customer_id", q.customer_id)
                   .set("verdict", static_cast<int64_t>(q.verdict))
                   .set("amount_fen", q.amount_fen)
                   .set("reasons", strings_json(q.reasons))
                   .set("evidence", evidence_json(q.evidence)));
  }
  return items.dump();
}

core::Result<std::vector<wf::QueueItem>> parse_queue(std::string_view bytes) {
  auto doc = Json::parse(bytes);
  if (!doc || !doc->is_array()) return corrupt(kQueuePart, "not a JSON array");
  std::vector<wf::QueueItem> out;
  for (const Json& j : doc->items()) {
    wf::QueueItem q;
    q.order = static_cast<uint32_t>(j.get_int("order"));
    q.order_id = j.get_string("order_id");
    q.store = j.get_string("store");
    q.region = j.get_string("region");
    q.customer_id = j.get_string("customer_id");
    q.verdict = static_cast<uint8_t>(j.get_int("verdict"));
    q.amount_fen = j.get_int("amount_fen");
    if (const Json* reasons = j.find("reasons")) {
      for (const Json& r : reasons->items()) q.reasons.push_back(r.as_string());
    }
    if (const Json* evidence = j.find("evidence")) {
      for (const Json& e : evidence->items()) {
        q.evidence.push_back({e.get_string("kind"), e.get_string("rule"), e.get_string("field"),
                              e.get_string("before"), e.get_string("after"),
                              e.get_string("detail")});
      }
    }
    out.push_back(std::move(q));
  }
  return out;
}

std::string order_index_bytes(const core::closeout::RunResult& run) {
  // The record as stored (little-endian hosts only: x86-64, arm64).
  struct Record {
    uint64_t hash;
    uint32_t order, row, store;
    uint8_t verdict, flags;
    uint16_t zero;
    int64_t amount;
  };
  static_assert(sizeof(Record) == kRecordBytes);
  const core::Evaluation& e = wf::settlement_evaluation(run);
  uint32_t n = run.orders.size();
  std::vector<uint8_t> gray(n, 0);
  for (const auto& g : run.gray_zone) gray[g.order] = kInGrayZone;
  std::vector<uint64_t> hash(n);
  std::vector<uint32_t> start(kBuckets + 1, 0);
  for (uint32_t k = 0; k < n; ++k) {
    hash[k] = id_hash(run.orders.order_id(k));
    ++start[(hash[k] >> (64 - kBucketBits)) + 1];
  }
  for (size_t b = 0; b < kBuckets; ++b) start[b + 1] += start[b];
  std::string out(kRecordsAt + size_t{n} * kRecordBytes, '\0');
  std::memcpy(out.data(), kIndexMagic.data(), kIndexMagic.size());
  put<uint64_t>(out, 8, n);
  put<uint32_t>(out, 16, kBucketBits);
  for (size_t b = 0; b <= kBuckets; ++b) put<uint32_t>(out, kHeaderBytes + b * 4, start[b]);
  // Records made in order (every per-order array read in sequence) and placed by bucket straight
  // into the output, orders ascending within each; then each bucket (a hundred or so records)
  // sorted by hash where it lies. The records' offset is a multiple of 8 in memory from
  // operator new: Record's alignment.
  static_assert(kRecordsAt % alignof(Record) == 0);
  auto* records = reinterpret_cast<Record*>(out.data() + kRecordsAt);
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (uint32_t k = 0; k < n; ++k) {
    records[fill[hash[k] >> (64 - kBucketBits)]++] = {
        hash[k], k, run.orders.row[k], e.store[k], e.verdict[k], gray[k], 0, e.amount[k]};
  }
  for (size_t b = 0; b < kBuckets; ++b) {
    std::stable_sort(records + start[b], records + start[b + 1],
                     [](const Record& x, const Record& y) { return x.hash < y.hash; });
  }
  return out;
}

core::Result<std::vector<IndexedOrder>> order_candidates(const RangeReader& read,
                                                         std::string_view order_id) {
  uint64_t h = id_hash(order_id);
  size_t bucket = h >> (64 - kBucketBits);
  std::string head = TRY(read(0, kHeaderBytes));
  if (head.size() != kHeaderBytes || std::string_view(head).substr(0, 8) != kIndexMagic ||
      get<uint32_t>(head, 16) != kBucketBits) {
    return corrupt(kOrderIndexPart, "not an order index");
  }
  uint64_t n = get<uint64_t>(head, 8);
  std::string bounds = TRY(read(kHeaderBytes + bucket * 4, 8));
  if (bounds.size() != 8) return corrupt(kOrderIndexPart, "truncated");
  uint32_t first = get<uint32_t>(bounds, 0), last = get<uint32_t>(bounds, 4);
  if (first > last || last > n) return corrupt(kOrderIndexPart, "bucket out of range");
  std::string records = TRY(read(static_cast<int64_t>(kRecordsAt + size_t{first} * kRecordBytes),
                                 static_cast<int64_t>(size_t{last - first} * kRecordBytes)));
  if (records.size() != size_t{last - first} * kRecordBytes) {
    return corrupt(kOrderIndexPart, "truncated");
  }
  std::vector<IndexedOrder> out;
  for (size_t at = 0; at < records.size(); at += kRecordBytes) {
    if (get<uint64_t>(records, at) != h) continue;
    out.push_back({get<uint32_t>(records, at + 8), get<uint32_t>(records, at + 12),
                   get<uint32_t>(records, at + 16), get<uint8_t>(records, at + 20),
                   get<uint8_t>(records, at + 21), get<int64_t>(records, at + 24)});
  }
  return out;
}

}  // namespace pitwall::app::closeout
