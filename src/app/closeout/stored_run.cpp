#include "app/closeout/stored_run.hpp"

#include <fmt/format.h>

#include "app/campaign.hpp"
#include "app/closeout/inputs.hpp"
#include "app/memo.hpp"
#include "core/base/sha256.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::app::closeout {

namespace {

using io::Json;

std::string run_key(std::string_view campaign, int64_t run) {
  return fmt::format("{}/{:06}", campaign, run);
}

core::Error corrupt(std::string message) {
  return core::make_error(core::ErrorCode::kCorrupt, std::move(message));
}

core::Result<std::string> read_workflow_part(const Session& s, const OpenedRun& open,
                                             std::string_view name) {
  for (const io::RunPart& p : open.record.workflow_parts) {
    if (p.name != name) continue;
    std::string blob = io::part_blob(open.record.blob, name);
    auto bytes = TRY(s.workspace().get_blob(blob));
    if (!bytes || static_cast<int64_t>(bytes->size()) != p.bytes ||
        core::sha256_hex(*bytes) != p.sha256) {
      return corrupt(s.tr("closeout.damaged_part", blob));
    }
    return std::move(*bytes);
  }
  return core::make_error(core::ErrorCode::kConflict, s.tr("closeout.run_without_workflow",
                                                           open.record.campaign, open.record.run));
}

}  // namespace

std::string memo_key(const RunRecord& record, std::string_view what) {
  return fmt::format("closeout-run\n{}\n{}\n{}\n{}\n{}", what, record.blob, record.run,
                     record.result_digest, record.created_at);
}

namespace {

// Orders batches of the run in the order its orders table concatenated them: (id, rows).
std::vector<std::pair<int64_t, int64_t>> order_batches(const io::StoredRun& run) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const io::RunBatch& b : run.meta.batches) {
    if (b.kind == core::table_schema(core::TableKind::kOrders).name) out.emplace_back(b.id, b.rows);
  }
  return out;
}

}  // namespace

Json run_record_json(const RunRecord& r) {
  Json parts = Json::array();
  for (const io::RunPart& p : r.workflow_parts) {
    parts.push(Json::object()
                   .set("name", p.name)
                   .set("rows", p.rows)
                   .set("bytes", p.bytes)
                   .set("sha256", p.sha256));
  }
  return Json::object()
      .set("campaign", r.campaign)
      .set("run", r.run)
      .set("created_at", r.created_at)
      .set("by", r.by)
      .set("blob", r.blob)
      .set("result_digest", r.result_digest)
      .set("inputs_sha256", r.inputs_sha256)
      .set("orders", r.orders)
      .set("findings", r.findings)
      .set("gray_zone", r.gray_zone)
      .set("problems", r.problems)
      .set("workflow_parts", std::move(parts));
}

core::Result<RunRecord> parse_run_record(std::string_view json) {
  auto doc = Json::parse(json);
  if (!doc || !doc->is_object()) return corrupt("a close-out run record is not a JSON object");
  RunRecord r;
  r.campaign = doc->get_string("campaign");
  r.run = doc->get_int("run");
  // Records of runs stored before the workflow parts held created_at as text: such a run is
  // never current (no fingerprint) and has no workflow parts.
  if (const Json* at = doc->find("created_at"); at && at->is_number()) r.created_at = at->as_int();
  r.by = doc->get_string("by");
  r.blob = doc->get_string("blob");
  r.result_digest = doc->get_string("result_digest");
  r.inputs_sha256 = doc->get_string("inputs_sha256");
  r.orders = doc->get_int("orders");
  r.findings = doc->get_int("findings");
  r.gray_zone = doc->get_int("gray_zone");
  r.problems = doc->get_int("problems");
  if (const Json* parts = doc->find("workflow_parts")) {
    for (const Json& p : parts->items()) {
      r.workflow_parts.push_back(
          {p.get_string("name"), p.get_int("rows"), p.get_int("bytes"), p.get_string("sha256")});
    }
  }
  if (r.run <= 0 || r.blob.empty()) return corrupt("a close-out run record lacks its run or blob");
  return r;
}

core::Result<std::optional<RunRecord>> latest_run_record(store::Workspace& ws,
                                                         std::string_view campaign) {
  auto records = TRY(ws.list_records(kRunsCollection, fmt::format("{}/", campaign)));
  if (records.empty()) return std::optional<RunRecord>();
  return std::optional<RunRecord>(TRY(parse_run_record(records.back().json)));
}

core::Result<OpenedRun> open_run(const Session& s, std::string_view campaign, int64_t run,
                                 Document document) {
  store::Workspace& ws = s.workspace();
  if (run < 0) {
    core::Error e = core::make_error(core::ErrorCode::kUsage, s.tr("closeout.bad_run", run));
    e.at_column("--run");
    return e;
  }
  InputsInForce inputs = TRY(inputs_in_force(s, campaign));
  auto records = TRY(ws.list_records(kRunsCollection, fmt::format("{}/", campaign)));
  if (records.empty()) return core::not_found(s.tr("closeout.no_run", campaign));
  const auto& seal = inputs.info.lifecycle.seal;
  int64_t wanted = run > 0 ? run : (seal && seal->run > 0 ? seal->run : 0);
  OpenedRun open;
  if (wanted == 0) {
    open.record = TRY(parse_run_record(records.back().json));
  } else {
    auto record = TRY(ws.get_record(kRunsCollection, run_key(campaign, wanted)));
    if (!record) {
      std::string known;
      for (const auto& r : records) {
        known += (known.empty() ? "" : ", ") + std::to_string(TRY(parse_run_record(r.json)).run);
      }
      return core::not_found(s.tr("closeout.no_such_run", campaign, wanted, known));
    }
    open.record = TRY(parse_run_record(record->json));
  }
  bool light = false;
  for (const io::RunPart& p : open.record.workflow_parts) light |= p.name == kLightPart;
  light = light && document == Document::kLight;
  auto parse = [&]() -> core::Result<Memo::Made<io::StoredRun>> {
    std::optional<std::string> bytes;
    if (light) {
      bytes = TRY(read_workflow_part(s, open, kLightPart));
    } else {
      bytes = TRY(ws.get_blob(open.record.blob));
    }
    if (!bytes) return corrupt(s.tr("closeout.missing_blob", open.record.blob));
    int version = io::stored_run_format_version(*bytes);
    if (version > 0 && version < io::kCloseoutRunFormatVersion) {
      return core::make_error(core::ErrorCode::kConflict,
                              s.tr("closeout.old_run_format", campaign, open.record.run, version));
    }
    auto run = std::make_shared<const io::StoredRun>(TRY(io::read_stored_run(*bytes)));
    // A parsed document takes about four times its text in memory.
    return Memo::Made<io::StoredRun>{std::move(run), bytes->size() * 4};
  };
  if (s.memo != nullptr) {
    open.stored =
        *TRY(s.memo->get<io::StoredRun>(memo_key(open.record, light ? "light" : "full"), parse));
  } else {
    open.stored = *TRY(parse()).value;
  }
  open.zone = inputs.info.zone;
  RunStatus& st = open.status;
  st.run = open.record.run;
  st.created_at = open.record.created_at;
  st.by = open.record.by;
  st.result_digest = open.record.result_digest;
  st.current =
      !open.record.inputs_sha256.empty() && open.record.inputs_sha256 == inputs.fingerprint();
  st.sealed = seal.has_value() && seal->run == open.record.run;
  st.latest = TRY(parse_run_record(records.back().json)).run;
  return open;
}

core::Status load_parts(const Session& s, OpenedRun& open, const io::RunParts& which) {
  store::Workspace& ws = s.workspace();
  return io::load_run_parts(open.stored, which, [&](std::string_view part) {
    return ws.get_blob(io::part_blob(open.record.blob, part));
  });
}

core::Result<OpenedRun> current_run(const Session& s, std::string_view campaign) {
  auto records = TRY(s.workspace().list_records(kRunsCollection, fmt::format("{}/", campaign)));
  if (records.empty()) {
    TRY(load_campaign(s, campaign));
    return core::make_error(core::ErrorCode::kConflict, s.tr("closeout.no_run", campaign));
  }
  OpenedRun open = TRY(open_run(s, campaign, TRY(parse_run_record(records.back().json)).run));
  if (!open.status.current) {
    return core::make_error(core::ErrorCode::kConflict,
                            s.tr("closeout.run_not_current", campaign, open.status.run));
  }
  return open;
}

core::Result<SignoffDigests> read_digests(const Session& s, const OpenedRun& open) {
  auto read = [&]() -> core::Result<Memo::Made<SignoffDigests>> {
    std::string bytes = TRY(read_workflow_part(s, open, kDigestsPart));
    auto d = std::make_shared<const SignoffDigests>(TRY(parse_digests(bytes, open.stored.stores)));
    return Memo::Made<SignoffDigests>{d, sizeof(SignoffDigests) + 2 * bytes.size()};
  };
  if (s.memo == nullptr) return *TRY(read()).value;
  return *TRY(s.memo->get<SignoffDigests>(memo_key(open.record, "signoff-digests"), read));
}

core::Result<std::vector<core::workflow::QueueItem>> read_queue(const Session& s,
                                                                const OpenedRun& open) {
  std::string bytes = TRY(read_workflow_part(s, open, kQueuePart));
  return parse_queue(bytes);
}

core::Result<FoundOrder> find_order(const Session& s, const OpenedRun& open,
                                    std::string_view order_id, std::string_view field) {
  const io::RunPart* part = nullptr;
  for (const io::RunPart& p : open.record.workflow_parts) {
    if (p.name == kOrderIndexPart) part = &p;
  }
  if (part == nullptr) {
    return core::make_error(
        core::ErrorCode::kConflict,
        s.tr("closeout.run_without_workflow", open.record.campaign, open.record.run));
  }
  std::string blob = io::part_blob(open.record.blob, kOrderIndexPart);
  store::Workspace& ws = s.workspace();
  auto candidates = TRY(order_candidates(
      [&](int64_t offset, int64_t length) { return ws.read_blob_range(blob, offset, length); },
      order_id));
  auto batches = order_batches(open.stored);
  for (const IndexedOrder& c : candidates) {
    int64_t row = c.row;
    for (const auto& [id, rows] : batches) {
      if (row >= rows) {
        row -= rows;
        continue;
      }
      auto one = ws.load_batch_row(core::TableKind::kOrders, id, row);
      if (!one && one.error().code == core::ErrorCode::kNotFound) break;
      core::Table batch = TRY(std::move(one));
      if (batch.text(core::orders::kOrderId, 0) == order_id) {
        return FoundOrder{c, std::move(batch), 0};
      }
      break;
    }
  }
  auto e = core::not_found(s.tr("workflow.unknown_order", order_id, open.record.campaign));
  e.at_column(std::string(field));
  return e;
}

}  // namespace pitwall::app::closeout
