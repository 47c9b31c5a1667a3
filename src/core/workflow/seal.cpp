#include "core/workflow/seal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/base/sha256.hpp"
#include "core/workflow/arbitration.hpp"
#include "core/workflow/canonical.hpp"
#include "core/workflow/signoff.hpp"

namespace pitwall::core::workflow {

namespace {

using closeout::RunResult;

void header_section(std::string& out, const SnapshotInputs& in) {
  CanonicalLine(out, "pitwall-seal-snapshot").number(1);
  CanonicalLine(out, "campaign").text(in.campaign_id);
  CanonicalLine(out, "campaign_file_sha256").text(in.campaign_file_sha256);
  CanonicalLine(out, "definition").text(settlement_evaluation(*in.run).tag());
  for (const auto& pin : in.pins) {
    CanonicalLine line(out, "pin");
    line.text(pin.kind);
    for (int64_t id : pin.batch_ids) line.number(id);
  }
  for (const auto& b : in.extra_blacklist) {
    CanonicalLine(out, "blacklist").text(b.kind).text(b.value).text(b.source);
  }
}

void orders_section(std::string& out, const RunResult& run) {
  const Evaluation& e = settlement_evaluation(run);
  for (uint32_t k = 0; k < run.orders.size(); ++k) {
    CanonicalLine(out, "order")
        .text(run.orders.order_id(k))
        .text(verdict_token(e.verdict[k]))
        .text(run.stores.codes[e.store[k]])
        .number(e.amount[k]);
  }
}

void findings_section(std::string& out, const RunResult& run) {
  const auto& f = run.findings;
  const auto& schema = table_schema(TableKind::kOrders);
  for (const closeout::Finding& x : f.items()) {
    std::string_view field = x.field < 0 ? std::string_view() : schema.columns[x.field].name;
    CanonicalLine(out, "finding")
        .text(run.orders.order_id(x.order))
        .text(closeout::rule_token(x.rule))
        .text(closeout::action_token(x.action))
        .text(field)
        .text(f.text(x.before))
        .text(f.text(x.after))
        .text(f.text(x.detail));
  }
}

void decisions_section(std::string& out, std::span<const closeout::ArbitrationDecision> ds) {
  for (const auto& d : ds) {
    CanonicalLine(out, "decision")
        .text(d.order_id)
        .text(decision_token(d.kind))
        .text(d.store_code)
        .text(d.who)
        .number(d.when)
        .text(d.reason);
  }
}

void settlement_section(std::string& out, const RunResult& run) {
  out += numbers_text(run, SignoffKind::kFinance, 0);
  const auto& s = run.settlement;
  for (const auto& share : s.staff) {
    CanonicalLine(out, "staff")
        .text(s.staff_ids[share.staff])
        .text(run.stores.codes[share.store])
        .number(share.orders)
        .number(share.share_fen);
  }
  for (uint32_t k : s.unattributed_orders) {
    CanonicalLine(out, "unattributed_order").text(run.orders.order_id(k));
  }
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

Snapshot seal_snapshot(const SnapshotInputs& in) {
  Snapshot snap;
  auto section = [&](std::string_view name, auto&& write) {
    size_t begin = snap.text.size();
    CanonicalLine(snap.text, "section").text(name);
    write(snap.text);
    snap.sections.push_back(
        {std::string(name), sha256_hex(std::string_view(snap.text).substr(begin))});
  };
  section("header", [&](std::string& out) { header_section(out, in); });
  section("orders", [&](std::string& out) { orders_section(out, *in.run); });
  section("findings", [&](std::string& out) { findings_section(out, *in.run); });
  section("decisions", [&](std::string& out) { decisions_section(out, in.decisions); });
  section("settlement", [&](std::string& out) { settlement_section(out, *in.run); });
  for (const EvidenceSection& e : in.evidence) {
    section(e.name, [&](std::string& out) { out += e.text; });
  }
  snap.sha256 = sha256_hex(snap.text);
  return snap;
}

std::vector<std::string> snapshot_differences(std::string_view sealed, std::string_view now,
                                              size_t limit) {
  std::vector<std::string_view> a = split_lines(sealed);
  std::vector<std::string_view> b = split_lines(now);
  std::map<std::string_view, int64_t> balance;  // + in sealed, - in now
  for (auto line : a) ++balance[line];
  for (auto line : b) --balance[line];
  std::vector<std::string> out;
  auto emit = [&](const std::vector<std::string_view>& lines, int sign, char mark) {
    std::map<std::string_view, int64_t> left;
    for (const auto& [line, n] : balance) {
      if (n * sign > 0) left[line] = n * sign;
    }
    for (auto line : lines) {
      if (out.size() >= limit) return;
      auto it = left.find(line);
      if (it == left.end() || it->second == 0) continue;
      --it->second;
      out.push_back(fmt::format("{}{}", mark, line));
    }
  };
  emit(a, 1, '-');
  emit(b, -1, '+');
  return out;
}

std::string chain_hash(std::string_view prev, std::string_view entry) {
  std::string bytes;
  bytes.reserve(prev.size() + 1 + entry.size());
  bytes.append(prev);
  bytes.push_back('\n');
  bytes.append(entry);
  return sha256_hex(bytes);
}

ChainCheck check_chain(std::span<const ChainLink> links) {
  ChainCheck check;
  std::string prev(kChainGenesis);
  int64_t expected_seq = 1;
  for (const ChainLink& link : links) {
    auto fail = [&](std::string problem) {
      check.ok = false;
      check.bad_seq = link.seq;
      check.problem = std::move(problem);
    };
    if (link.seq != expected_seq) {
      fail("sequence_gap");
    } else if (link.prev != prev) {
      fail("prev_mismatch");
    } else if (link.hash != chain_hash(link.prev, link.entry)) {
      fail("hash_mismatch");
    }
    if (!check.ok) break;
    prev = link.hash;
    ++expected_seq;
  }
  check.head = prev;
  check.length = check.ok ? static_cast<int64_t>(links.size()) : check.bad_seq - 1;
  return check;
}

}  // namespace pitwall::core::workflow
