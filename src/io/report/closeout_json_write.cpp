// Writing a stored close-out run as text without a Json tree for its big parts
// (closeout_json.hpp, closeout_run_text). The small parts (campaign, stores, totals, settlement,
// rings, gray zone, ...) are the same Json objects closeout_result_json builds with
// RunDetail::kTotals, dumped; the per-order columns of the evaluations, the order ledger and the
// findings are appended straight into the text in the same compact form Json::dump gives
// (closeout_json_test.cpp compares the two byte for byte).
#include <charconv>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/base/check.hpp"
#include "core/base/sha256.hpp"
#include "io/report/closeout_json.hpp"

namespace pitwall::io {

namespace {
namespace cc = core::closeout;

// Writes text in pieces of a few MB: the pieces are handed to a second thread, which hashes
// the result's bytes and passes every piece to the sink, while this one formats the next.
// The same bytes as Json::dump(false) of the equal Json value.
class Writer {
 public:
  using Sink = std::function<core::Status(std::string_view)>;
  explicit Writer(const Sink& sink) : sink_(sink), thread_([this] { drain(); }) {
    out_.reserve(kPiece + (kPiece >> 2));
  }
  ~Writer() { (void)finish(); }

  void raw(std::string_view s) { out_.append(s); }
  void ch(char c) { out_.push_back(c); }
  void integer(int64_t v) {
    char buf[24];
    auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    out_.append(buf, static_cast<size_t>(end - buf));
  }
  void string(std::string_view s) {
    for (unsigned char c : s) {
      if (c < 0x20 || c == '"' || c == '\\') {
        append_json_string(out_, s);
        return;
      }
    }
    out_.push_back('"');
    out_.append(s);
    out_.push_back('"');
  }
  // [f(0),f(1),...,f(n-1)], handing on full pieces between elements.
  template <typename F>
  void array(size_t n, F&& f) {
    out_.push_back('[');
    for (size_t i = 0; i < n; ++i) {
      if (i) out_.push_back(',');
      f(i);
      if (out_.size() >= kPiece) hand_on(false);
    }
    out_.push_back(']');
  }
  // Bytes written so far.
  int64_t offset() const { return handed_ + static_cast<int64_t>(out_.size()); }
  // Hashing covers what is written between begin_hash and end_hash (both hand on the piece
  // being written, so the hashed bytes are whole pieces).
  void begin_hash() { hand_on(true); }
  std::string end_hash() {
    hand_on(false);
    std::unique_lock lock(mutex_);
    queue_.push_back(Piece{{}, kEndHash});
    changed_.notify_all();
    changed_.wait(lock, [&] { return !digest_.empty(); });
    return digest_;
  }
  // Hands on what is left and waits for the sink; the first error of the sink, if any.
  core::Status finish() {
    if (thread_.joinable()) {
      hand_on(false);
      {
        std::lock_guard lock(mutex_);
        done_ = true;
        changed_.notify_all();
      }
      thread_.join();
    }
    return status_;
  }

 private:
  static constexpr size_t kPiece = size_t{4} << 20;
  static constexpr int kStartHash = 1, kEndHash = 2;
  struct Piece {
    std::string bytes;
    int mark = 0;
  };

  // Queues the piece being written and takes a spare buffer for the next (buffers are reused:
  // fresh pages would have to be zeroed by the kernel, GBs of them for a big run).
  void hand_on(bool start_hash) {
    handed_ += static_cast<int64_t>(out_.size());
    std::string next;
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < 3; });
    queue_.push_back(Piece{std::move(out_), start_hash ? kStartHash : 0});
    if (!spare_.empty()) {
      next = std::move(spare_.back());
      spare_.pop_back();
    }
    changed_.notify_all();
    lock.unlock();
    if (next.capacity() < kPiece) next.reserve(kPiece + (kPiece >> 2));
    out_ = std::move(next);
  }

  void drain() {
    std::optional<core::Sha256> hash;
    for (;;) {
      Piece piece;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !queue_.empty() || done_; });
        if (queue_.empty()) return;
        piece = std::move(queue_.front());
        queue_.pop_front();
        changed_.notify_all();
      }
      if (piece.mark == kEndHash) {
        std::lock_guard lock(mutex_);
        digest_ = hash->hex_digest();
        hash.reset();
        changed_.notify_all();
        continue;
      }
      if (hash) hash->update(piece.bytes);
      if (piece.mark == kStartHash) hash.emplace();  // hashing starts after this piece
      core::Status st;
      if (status_ && !piece.bytes.empty()) st = sink_(piece.bytes);
      piece.bytes.clear();
      std::lock_guard lock(mutex_);
      if (!st) status_ = std::move(st);
      spare_.push_back(std::move(piece.bytes));
    }
  }

  const Sink& sink_;
  std::string out_;
  int64_t handed_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Piece> queue_;
  std::vector<std::string> spare_;
  bool done_ = false;
  std::string digest_;
  core::Status status_;
  std::thread thread_;  // last: starts once the rest is set up
};

// The dump of an object without its closing brace, so members can follow.
std::string open_object(const Json& j) {
  std::string s = j.dump();
  PW_CHECK(s.size() >= 2 && s.back() == '}', "not an object");
  s.pop_back();
  return s;
}

void write_evaluation(Writer& w, const core::Evaluation& e, const core::StoreDirectory& dir) {
  w.raw(open_object(detail::evaluation_json(e, dir, RunDetail::kTotals)));
  w.raw(",\"orders\":");
  if (!e.has_orders()) {
    w.raw("null}");
    return;
  }
  size_t n = e.verdict.size();
  w.raw("{\"verdict\":");
  w.array(n, [&](size_t k) { w.string(core::verdict_token(e.verdict[k])); });
  w.raw(",\"amount_fen\":");
  w.array(n, [&](size_t k) { w.integer(e.amount[k]); });
  w.raw(",\"store\":");
  w.array(n, [&](size_t k) { w.integer(e.store[k]); });
  w.raw("}}");
}

void write_orders(Writer& w, const cc::RunResult& r) {
  const cc::OrderLedger& o = r.orders;
  const core::Table* table = o.table;
  bool batches = table && !table->batches.empty();
  bool lines = table && !table->lines.empty();
  size_t n = o.size();
  w.raw("{\"order_id\":");
  w.array(n, [&](size_t k) { w.string(o.order_id(static_cast<uint32_t>(k))); });
  w.raw(",\"customer_id\":");
  w.array(n, [&](size_t k) { w.string(o.customer_of(static_cast<uint32_t>(k))); });
  w.raw(",\"person\":");
  w.array(n, [&](size_t k) {
    uint32_t c = o.customer[k];
    w.string(c == UINT32_MAX ? std::string_view() : o.pool->view(o.customer_id[o.identity[c]]));
  });
  w.raw(",\"batch\":");
  w.array(n, [&](size_t k) { w.integer(batches ? table->batches[o.row[k]] : 0); });
  w.raw(",\"line\":");
  w.array(n, [&](size_t k) { w.integer(lines ? table->lines[o.row[k]] : 0); });
  w.raw(",\"store_raw\":");
  w.array(n, [&](size_t k) { w.integer(o.store_raw[k]); });
  w.raw(",\"store_cleaned\":");
  w.array(n, [&](size_t k) { w.integer(o.store_cleaned[k]); });
  w.raw(",\"first_exclusion\":");
  w.array(n, [&](size_t k) {
    uint8_t x = o.first_exclusion[k];
    w.string(x == cc::kNoExclusion ? std::string_view() : cc::rule_token(static_cast<cc::Rule>(x)));
  });
  w.raw(",\"superseded\":");
  w.array(o.history.size(), [&](size_t i) {
    auto [k, row] = o.history[i];
    w.raw("{\"order_id\":");
    w.string(o.order_id(k));
    w.raw(",\"batch\":");
    w.integer(batches ? table->batches[row] : 0);
    w.raw(",\"line\":");
    w.integer(lines ? table->lines[row] : 0);
    w.ch('}');
  });
  w.ch('}');
}

std::string_view field_name(int8_t field) {
  if (field == cc::kNoField) return "";
  return core::table_schema(core::TableKind::kOrders).columns[field].name;
}

void write_findings(Writer& w, const cc::RunResult& r) {
  const auto& items = r.findings.items();
  w.array(items.size(), [&](size_t i) {
    const cc::Finding& f = items[i];
    w.raw("{\"order_id\":");
    w.string(r.orders.order_id(f.order));
    w.raw(",\"customer_id\":");
    w.string(r.orders.customer_of(f.order));
    w.raw(",\"stage\":");
    w.string(cc::stage_token(cc::rule_stage(f.rule)));
    w.raw(",\"rule\":");
    w.string(cc::rule_token(f.rule));
    w.raw(",\"action\":");
    w.string(cc::action_token(f.action));
    w.raw(",\"field\":");
    w.string(field_name(f.field));
    w.raw(",\"before\":");
    w.string(r.findings.text(f.before));
    w.raw(",\"after\":");
    w.string(r.findings.text(f.after));
    w.raw(",\"detail\":");
    w.string(r.findings.text(f.detail));
    w.ch('}');
  });
}

}  // namespace

core::Result<RunDigest> write_closeout_run(
    const RunMeta& meta, const cc::RunResult& run, const core::Campaign& campaign,
    const core::TimeZone& zone, const std::function<core::Status(std::string_view)>& sink) {
  Json small = closeout_result_json(run, campaign, zone, RunDetail::kTotals);
  // The document with a placeholder digest and a null result, cut before the null.
  const std::string placeholder(64, '0');
  std::string head = detail::run_document(meta, placeholder, Json()).dump();
  constexpr std::string_view kNullEnd = "null}";
  PW_CHECK(head.ends_with(kNullEnd), "unexpected run document shape");
  head.resize(head.size() - kNullEnd.size());
  size_t digest_at = head.rfind(placeholder);
  PW_CHECK(digest_at != std::string::npos, "digest placeholder not found");

  Writer w(sink);
  w.raw(head);
  w.begin_hash();
  w.ch('{');
  bool first = true;
  for (const auto& [key, value] : small.members()) {
    if (!first) w.ch(',');
    first = false;
    w.string(key);
    w.ch(':');
    if (key == "evaluations") {
      w.array(run.evaluations.size(),
              [&](size_t i) { write_evaluation(w, run.evaluations[i], run.stores); });
    } else if (key == "orders") {
      write_orders(w, run);
    } else if (key == "findings") {
      write_findings(w, run);
    } else {
      w.raw(value.dump());
    }
  }
  w.ch('}');
  RunDigest out;
  out.result_digest = w.end_hash();
  out.digest_offset = static_cast<int64_t>(digest_at);
  w.ch('}');
  TRY(w.finish());
  return out;
}

RunText closeout_run_text(const RunMeta& meta, const cc::RunResult& run,
                          const core::Campaign& campaign, const core::TimeZone& zone) {
  RunText out;
  auto digest = write_closeout_run(meta, run, campaign, zone, [&](std::string_view bytes) {
    out.text.append(bytes);
    return core::Status{};
  });
  PW_CHECK(digest.has_value(), "appending to a string cannot fail");
  out.result_digest = digest->result_digest;
  out.text.replace(static_cast<size_t>(digest->digest_offset), out.result_digest.size(),
                   out.result_digest);
  return out;
}

}  // namespace pitwall::io
