#include "app/workflow/evidence.hpp"

#include <algorithm>

#include "app/workflow/records.hpp"
#include "core/workflow/arbitration.hpp"
#include "core/workflow/canonical.hpp"
#include "core/workflow/signoff.hpp"

namespace pitwall::app::workflow {

namespace {

namespace wf = core::workflow;
using core::workflow::CanonicalLine;
using core::workflow::EvidenceSection;

std::string signoffs_text(const std::vector<wf::Signoff>& all) {
  std::vector<const wf::Signoff*> sorted;
  for (const auto& x : all) sorted.push_back(&x);
  std::sort(sorted.begin(), sorted.end(), [](const wf::Signoff* a, const wf::Signoff* b) {
    return std::tie(a->kind, a->scope) < std::tie(b->kind, b->scope);
  });
  std::string out;
  for (const wf::Signoff* x : sorted) {
    CanonicalLine(out, "signoff")
        .text(wf::signoff_kind_token(x->kind))
        .text(x->scope)
        .text(x->who)
        .text(x->role)
        .text(x->role_scope)
        .number(x->when)
        .text(x->definition)
        .text(x->digest)
        .number(x->deemed ? 1 : 0);
  }
  return out;
}

std::string disputes_text(const std::vector<wf::Dispute>& all) {
  std::string out;
  for (const auto& d : all) {  // by key: order, then the store filing it
    CanonicalLine(out, "dispute")
        .text(d.order_id)
        .text(wf::claim_token(d.claim))
        .text(d.store)
        .text(d.order_store)
        .text(d.note)
        .text(d.who)
        .number(d.when);
  }
  return out;
}

std::string freeze_text(const Lifecycle& lifecycle) {
  std::string out;
  if (!lifecycle.freeze) return out;
  const FreezeRecord& f = *lifecycle.freeze;
  CanonicalLine(out, "frozen").number(f.at).text(f.by).text(f.definition);
  for (const auto& pin : f.pins) {
    CanonicalLine line(out, "pin");
    line.text(pin.kind);
    for (int64_t id : pin.batch_ids) line.number(id);
  }
  for (const auto& key : f.blacklist_keys) CanonicalLine(out, "blacklist").text(key);
  return out;
}

core::Result<std::string> batches_text(store::Workspace& ws, const closeout::InputsInForce& in,
                                       FileDigests files) {
  std::string out;
  for (const store::BatchInfo& b : in.batches) {
    CanonicalLine(out, "batch")
        .number(b.id)
        .text(b.kind)
        .text(b.campaign)
        .text(b.file)
        .text(b.sha256)
        .number(b.rows_read)
        .number(b.loaded)
        .number(b.rejected)
        .number(b.imported_at)
        .text(b.imported_by)
        .number(b.forced ? 1 : 0)
        .text(b.original_path)
        .text(b.report_path);
    if (files == FileDigests::kWithout) continue;
    for (const auto& [name, sha] : TRY(ws.batch_file_digests(b.id))) {
      CanonicalLine(out, "file").number(b.id).text(name).text(sha);
    }
  }
  return out;
}

}  // namespace

core::Result<std::vector<EvidenceSection>> seal_evidence(const Session& s,
                                                         const closeout::InputsInForce& in,
                                                         FileDigests files) {
  store::Workspace& ws = s.workspace();
  const std::string& id = in.info.campaign.id;
  std::vector<EvidenceSection> out;
  out.push_back({"signoffs", signoffs_text(TRY(load_signoffs(ws, id)))});
  out.push_back({"disputes", disputes_text(TRY(load_disputes(ws, id)))});
  out.push_back({"freeze", freeze_text(TRY(load_lifecycle(ws, id)))});
  out.push_back({"batches", TRY(batches_text(ws, in, files))});
  return out;
}

}  // namespace pitwall::app::workflow
