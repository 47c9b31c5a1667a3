#include "app/closeout/run.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "app/closeout/inputs.hpp"
#include "app/closeout/memory.hpp"
#include "app/permission.hpp"
#include "core/base/sha256.hpp"
#include "core/closeout/closeout.hpp"
#include "io/toml/campaign_file.hpp"
#include "store/files/batch_files.hpp"

namespace pitwall::app::closeout {

namespace {

namespace cc = core::closeout;
using core::TableKind;

constexpr TableKind kKinds[] = {
    TableKind::kOrders, TableKind::kCorrections, TableKind::kExceptions, TableKind::kStores,
    TableKind::kStaff,  TableKind::kCustomers,   TableKind::kPriceList,  TableKind::kBlacklist};

// The blobs of one stored run: the parts, appended to from two threads, and the document;
// committed together, removed together when the run is not recorded.
class RunBlobs {
 public:
  RunBlobs(store::Workspace& ws, std::string blob) : ws_(ws), blob_(std::move(blob)) {}
  ~RunBlobs() {
    if (!recorded_) {
      for (const auto& name : committed_) (void)ws_.remove_blob(name);
    }
  }
  const std::string& blob() const { return blob_; }
  core::Status append(std::string_view part, std::string_view bytes) {
    store::Workspace::BlobWriter* writer = nullptr;
    {
      std::lock_guard lock(mutex_);
      auto it = parts_.find(part);
      if (it == parts_.end()) {
        auto opened = TRY(ws_.open_blob(io::part_blob(blob_, part)));
        it = parts_.emplace(std::string(part), std::move(opened)).first;
      }
      writer = it->second.get();
    }
    return writer->append(bytes);
  }
  // A whole part at once; its size and SHA-256 for the record.
  core::Result<io::RunPart> put_part(std::string_view part, std::string_view bytes, int64_t rows) {
    TRY(append(part, bytes));
    return io::RunPart{std::string(part), rows, static_cast<int64_t>(bytes.size()),
                       core::sha256_hex(bytes)};
  }
  core::Status put_document(std::string_view text) {
    document_ = TRY(ws_.open_blob(blob_));
    return document_->append(text);
  }
  // Moves every blob into place, the document last.
  core::Status commit() {
    for (auto& [part, writer] : parts_) {
      TRY(writer->commit());
      committed_.push_back(io::part_blob(blob_, part));
    }
    TRY(document_->commit());
    committed_.push_back(blob_);
    return {};
  }
  void recorded() { recorded_ = true; }

 private:
  store::Workspace& ws_;
  std::string blob_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<store::Workspace::BlobWriter>, std::less<>> parts_;
  std::unique_ptr<store::Workspace::BlobWriter> document_;
  std::vector<std::string> committed_;
  bool recorded_ = false;
};

// Everything a run reads, owned: exactly the batches the fingerprint names.
struct Loaded {
  std::map<TableKind, core::Table> tables;
  std::vector<core::MetricDefinition> definitions;
};

core::Result<Loaded> load_inputs(store::Workspace& ws, const InputsInForce& in) {
  Loaded out;
  for (TableKind kind : kKinds) {
    std::vector<int64_t> ids;
    for (const auto& b : in.batches) {
      if (b.kind == core::table_schema(kind).name) ids.push_back(b.id);
    }
    out.tables.emplace(kind, TRY(ws.load_batches(kind, ids)));
  }
  for (const store::DefinitionRecord& r : in.definitions) {
    out.definitions.push_back(TRY(io::parse_definition_file(r.toml, r.file)));
  }
  return out;
}

cc::CloseoutInputs pipeline_inputs(const InputsInForce& in, const Loaded& l) {
  cc::CloseoutInputs inputs;
  inputs.campaign = &in.info.campaign;
  inputs.zone = in.info.zone;
  inputs.orders = &l.tables.at(TableKind::kOrders);
  inputs.stores = &l.tables.at(TableKind::kStores);
  inputs.staff = &l.tables.at(TableKind::kStaff);
  inputs.customers = &l.tables.at(TableKind::kCustomers);
  inputs.price_list = &l.tables.at(TableKind::kPriceList);
  inputs.blacklist = &l.tables.at(TableKind::kBlacklist);
  inputs.corrections = &l.tables.at(TableKind::kCorrections);
  inputs.exceptions = &l.tables.at(TableKind::kExceptions);
  inputs.definitions = l.definitions;
  inputs.keep_orders = cc::CloseoutInputs::KeepOrders::kAll;
  inputs.decisions = in.decisions;
  inputs.extra_blacklist = in.extra_blacklist;
  return inputs;
}

// A sealed campaign keeps the run it sealed; nothing may be run again (closeout.md §9).
core::Status refuse_if_sealed(const Session& s, const CampaignInfo& info) {
  if (!info.lifecycle.seal) return {};
  return core::make_error(
      core::ErrorCode::kStateForbids,
      s.tr("closeout.sealed_no_run", info.campaign.id, info.lifecycle.seal->run));
}

// A blob name no other run of any process uses; the record gives the run its number.
std::string unique_blob(std::string_view campaign, int64_t now) {
  static std::atomic<uint64_t> counter{0};
  return fmt::format("closeout/{}/run-{}-{}-{}.json", campaign, now, getpid(), ++counter);
}

io::RunMeta run_meta(const Session& s, const InputsInForce& in) {
  io::RunMeta meta;
  meta.campaign = in.info.campaign.id;
  meta.created_at = s.now;
  meta.zone = in.info.zone;
  meta.by = s.principal.name;
  for (const store::BatchInfo& b : in.batches) {
    meta.batches.push_back({b.id, b.kind, b.file, b.sha256, b.loaded});
  }
  meta.decisions = static_cast<int64_t>(in.decisions.size());
  meta.blacklist_extra = static_cast<int64_t>(in.extra_blacklist.size());
  return meta;
}

// The workflow's parts of the run (run_view.hpp). The sign-off digests (a pass over every order
// that hashes its text) are computed on a second thread while the queue and the order index are
// made.
core::Result<std::vector<io::RunPart>> write_workflow_parts(RunBlobs& blobs,
                                                            const cc::RunResult& result,
                                                            const core::TimeZone& zone) {
  SignoffDigests digests;
  std::thread second([&] { digests = signoff_digests(result); });
  auto queue = core::workflow::gray_zone_queue(result, zone);
  std::string queue_text = queue_bytes(queue);
  std::string index = order_index_bytes(result);
  second.join();
  std::vector<io::RunPart> parts;
  parts.push_back(TRY(blobs.put_part(kDigestsPart, digests_bytes(digests, result.stores),
                                     static_cast<int64_t>(digests.stores.size()))));
  parts.push_back(TRY(blobs.put_part(kQueuePart, queue_text, static_cast<int64_t>(queue.size()))));
  parts.push_back(
      TRY(blobs.put_part(kOrderIndexPart, index, static_cast<int64_t>(result.orders.size()))));
  return parts;
}

// The document with its run number (known once the transaction allocated it), and its light
// copy (run_view.hpp: without the rings and the gray zone, which only the workbook reads).
struct Documents {
  std::string full, light;
};
core::Result<Documents> numbered_documents(std::string_view text, int64_t run) {
  io::Json doc = TRY(io::Json::parse(text));
  io::Json meta = *doc.find("meta");
  meta.set("run", run);
  doc.set("meta", std::move(meta));
  Documents out;
  out.full = doc.dump();
  io::Json result = *doc.find("result");
  result.set("rings", io::Json::array()).set("gray_zone", io::Json::array());
  doc.set("result", std::move(result));
  out.light = doc.dump();
  return out;
}

void stage(const RunRequest& r, const char* name) {
  if (r.on_stage) r.on_stage(name);
}

}  // namespace

core::Result<RunRecord> run_closeout(const Session& s, const RunRequest& request) {
  TRY(authorize(s, Permission::kCloseoutRun));
  store::Workspace& ws = s.workspace();
  InputsInForce in = TRY(inputs_in_force(s, request.campaign));
  TRY(refuse_if_sealed(s, in.info));
  TRY(core::check_campaign_write(in.info.campaign, in.info.lifecycle.facts(),
                                 core::CampaignWrite::kRunCloseout, s.now, *in.info.zone));
  bool own = request.memory == RunRequest::Memory::kOwnProcess;
  if (own) keep_freed_memory();
  Loaded loaded = TRY(load_inputs(ws, in));
  stage(request, "load inputs");
  cc::CloseoutInputs inputs = pipeline_inputs(in, loaded);
  inputs.on_stage = request.on_stage;
  // The tables are mapped from their batch files: while the pipeline runs and the parts are
  // written, their pages leave the process's memory whenever it holds more than
  // store::kMappedPageBudget of them, and it reads back (from the page cache) what it uses.
  std::vector<const core::Table*> mapped;
  for (const auto& [kind, table] : loaded.tables) mapped.push_back(&table);
  auto releaser = std::make_optional<store::PageReleaser>(mapped);
  cc::RunResult result = TRY(cc::run_closeout(inputs));
  // What the pipeline freed goes back to the kernel: writing the parts then holds the result
  // and its buffers, not the pipeline's high-water mark as well.
  if (own) return_freed_memory();
  io::RunMeta meta = run_meta(s, in);
  RunBlobs blobs(ws, unique_blob(request.campaign, s.now));
  io::RunText text = TRY(io::write_closeout_run(
      meta, result, in.info.campaign, *in.info.zone,
      [&](std::string_view part, std::string_view bytes) { return blobs.append(part, bytes); }));
  stage(request, "write parts");
  RunRecord record;
  record.workflow_parts = TRY(write_workflow_parts(blobs, result, *in.info.zone));
  releaser.reset();
  stage(request, "workflow parts");
  record.campaign = request.campaign;
  record.created_at = s.now;
  record.by = s.principal.name;
  record.blob = blobs.blob();
  record.result_digest = text.result_digest;
  record.inputs_sha256 = in.fingerprint();
  record.orders = result.orders.size();
  record.findings = static_cast<int64_t>(result.findings.size());
  record.gray_zone = static_cast<int64_t>(result.gray_zone.size());
  record.problems = static_cast<int64_t>(result.problems.size());
  TRY(ws.transaction([&]() -> core::Status {
    TRY(refuse_if_sealed(s, TRY(load_campaign_info(s, request.campaign))));
    auto latest = TRY(latest_run_record(ws, request.campaign));
    record.run = latest ? latest->run + 1 : 1;
    Documents docs = TRY(numbered_documents(text.text, record.run));
    record.workflow_parts.push_back(TRY(blobs.put_part(kLightPart, docs.light, 0)));
    TRY(blobs.put_document(docs.full));
    TRY(blobs.commit());
    std::string json = run_record_json(record).dump();
    TRY(ws.insert_record(kRunsCollection, fmt::format("{}/{:06}", request.campaign, record.run),
                         json, s.now));
    TRY(ws.append_log(fmt::format("closeout/{}", request.campaign), json));
    return {};
  }));
  blobs.recorded();
  stage(request, "commit");
  return record;
}

}  // namespace pitwall::app::closeout
