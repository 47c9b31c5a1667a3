#include "cli/workflow_common.hpp"

#include <fmt/format.h>

namespace pitwall::cli {

namespace wf = core::workflow;

core::Result<Person> person_of(const Context& ctx, store::Workspace& ws, std::string_view as) {
  store::User user = TRY(ctx.require_user(ws, as));
  core::Actor actor = actor_of(user);
  return Person{std::move(user), std::move(actor)};
}

std::string local_time(const CampaignInfo& info, int64_t utc_seconds) {
  return core::format_local_iso(utc_seconds, *info.zone);
}

core::Result<uint32_t> store_index(const Context& ctx, const core::closeout::RunResult& run,
                                   std::string_view code) {
  uint32_t s = run.stores.find_store(code);
  if (s == UINT32_MAX || s == run.stores.unattributed_store()) {
    auto e = core::not_found(tr(ctx.lang, "workflow.unknown_store", code));
    e.at_column("--store");
    return e;
  }
  return s;
}

core::Result<uint32_t> region_index(const Context& ctx, const core::closeout::RunResult& run,
                                    std::string_view name) {
  uint32_t r = run.stores.find_region(name);
  if (r == UINT32_MAX || r == run.stores.unattributed_region()) {
    std::vector<std::string> known(run.stores.regions.begin(), run.stores.regions.end() - 1);
    auto e = core::not_found(
        tr(ctx.lang, "workflow.unknown_region", name, fmt::format("{}", fmt::join(known, ", "))));
    e.at_column("--region");
    return e;
  }
  return r;
}

StoreSignoffs store_signoffs(const core::closeout::RunResult& run,
                             const std::vector<wf::Signoff>& all) {
  StoreSignoffs out;
  out.digests = wf::store_digests(run);
  for (uint32_t s = 0; s < run.stores.store_count(); ++s) {
    const wf::Signoff* signoff = find_signoff(all, wf::SignoffKind::kStore, run.stores.codes[s]);
    out.signoffs.push_back(signoff);
    out.status.push_back(wf::signoff_status(signoff, out.digests[s]));
  }
  return out;
}

io::Json signoff_json(const CampaignInfo& info, wf::SignoffKind kind, std::string_view scope,
                      const wf::Signoff* s, std::string_view current_digest) {
  io::Json j = io::Json::object();
  j.set("kind", wf::signoff_kind_token(kind)).set("scope", scope);
  j.set("status", wf::signoff_status_token(wf::signoff_status(s, current_digest)));
  j.set("who", s ? io::Json(s->who) : io::Json());
  j.set("role", s ? io::Json(s->role) : io::Json());
  j.set("at", s ? io::Json(local_time(info, s->when)) : io::Json());
  j.set("definition", s ? io::Json(s->definition) : io::Json());
  j.set("digest", s ? io::Json(s->digest) : io::Json());
  j.set("current_digest", current_digest);
  j.set("deemed", s != nullptr && s->deemed);
  return j;
}

std::vector<SignoffLine> network_signoffs(const core::closeout::RunResult& run,
                                          const std::vector<wf::Signoff>& all) {
  std::vector<SignoffLine> out;
  for (uint32_t r : wf::regions_to_sign(run.stores)) {
    SignoffLine line{wf::SignoffKind::kRegion, run.stores.regions[r], nullptr, "",
                     wf::SignoffStatus::kPending};
    line.signoff = find_signoff(all, line.kind, line.scope);
    line.digest = wf::numbers_digest(run, line.kind, r);
    line.status = wf::signoff_status(line.signoff, line.digest);
    out.push_back(std::move(line));
  }
  SignoffLine finance{wf::SignoffKind::kFinance, "", nullptr, "", wf::SignoffStatus::kPending};
  finance.signoff = find_signoff(all, finance.kind, "");
  finance.digest = wf::numbers_digest(run, finance.kind, 0);
  finance.status = wf::signoff_status(finance.signoff, finance.digest);
  out.push_back(std::move(finance));
  return out;
}

core::Error conflict(std::string message) {
  return core::make_error(core::ErrorCode::kConflict, std::move(message));
}

}  // namespace pitwall::cli
