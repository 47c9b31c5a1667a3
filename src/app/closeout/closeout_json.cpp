#include "app/closeout/closeout_json.hpp"

#include "io/report/closeout_views.hpp"

namespace pitwall::app::closeout {

io::Json to_json(const RunRecord& r, const core::TimeZone& zone) {
  return io::Json::object()
      .set("campaign", r.campaign)
      .set("run", r.run)
      .set("created_at", io::instant_json(r.created_at, zone))
      .set("by", r.by)
      .set("blob", r.blob)
      .set("result_digest", r.result_digest)
      .set("inputs_sha256", r.inputs_sha256)
      .set("orders", r.orders)
      .set("findings", r.findings)
      .set("gray_zone", r.gray_zone)
      .set("problems", r.problems);
}

io::Json run_status_json(const RunStatus& r, const core::TimeZone& zone) {
  return io::Json::object()
      .set("run", r.run)
      .set("created_at", io::instant_json(r.created_at, zone))
      .set("by", r.by)
      .set("result_digest", r.result_digest)
      .set("current", r.current)
      .set("sealed", r.sealed)
      .set("latest", r.latest);
}

io::Json summary_json(const OpenedRun& open, const std::vector<std::string>& names) {
  return io::summary_json(open.stored, names)
      .set("run_status", run_status_json(open.status, *open.zone));
}

io::Json settlement_json(const OpenedRun& open) {
  return io::settlement_view_json(open.stored)
      .set("run_status", run_status_json(open.status, *open.zone));
}

}  // namespace pitwall::app::closeout
