#include "app/push/deliveries.hpp"

#include <algorithm>

#include "app/permission.hpp"
#include "io/json/json.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::push {

namespace {
constexpr std::string_view kStatuses[] = {"sending", "retry", "sent", "failed"};
}

std::string_view delivery_status_token(DeliveryStatus s) {
  return kStatuses[static_cast<size_t>(s)];
}

bool parse_delivery_status(std::string_view text, DeliveryStatus* s) {
  int i = token_index(kStatuses, text);
  if (i >= 0) *s = static_cast<DeliveryStatus>(i);
  return i >= 0;
}

std::string delivery_record(const Delivery& d) {
  io::Json j = io::Json::object();
  j.set("key", d.key).set("target", d.target).set("campaign", d.campaign);
  j.set("kind", message_token(d.kind)).set("subject", d.subject).set("title", d.title);
  j.set("status", delivery_status_token(d.status)).set("attempts", d.attempts);
  j.set("created_at", d.created_at).set("updated_at", d.updated_at);
  j.set("next_at", d.next_at).set("lease_until", d.lease_until);
  j.set("sent_at", d.sent_at ? io::Json(*d.sent_at) : io::Json());
  j.set("error", d.error).set("bytes", d.bytes).set("dropped", d.dropped);
  return j.dump();
}

core::Result<Delivery> delivery_from_record(std::string_view json) {
  io::Json j = TRY(io::Json::parse(json));
  Delivery d;
  d.key = j.get_string("key");
  d.target = j.get_string("target");
  d.campaign = j.get_string("campaign");
  if (!parse_message(j.get_string("kind"), &d.kind) ||
      !parse_delivery_status(j.get_string("status"), &d.status)) {
    return core::make_error(core::ErrorCode::kCorrupt, "push delivery " + d.key + ": bad record");
  }
  d.subject = j.get_string("subject");
  d.title = j.get_string("title");
  d.attempts = j.get_int("attempts");
  d.created_at = j.get_int("created_at");
  d.updated_at = j.get_int("updated_at");
  d.next_at = j.get_int("next_at");
  d.lease_until = j.get_int("lease_until");
  if (const io::Json* sent = j.find("sent_at"); sent != nullptr && !sent->is_null()) {
    d.sent_at = sent->as_int();
  }
  d.error = j.get_string("error");
  d.bytes = j.get_int("bytes");
  d.dropped = j.get_int("dropped");
  return d;
}

core::Result<std::vector<Delivery>> list_deliveries(const Session& s, const DeliveriesRequest& r) {
  TRY(authorize(s, Permission::kPushRead));
  DeliveryStatus wanted{};
  if (!r.status.empty() && !parse_delivery_status(r.status, &wanted)) {
    core::Error e = core::make_error(core::ErrorCode::kUsage, s.tr("push.bad_status", r.status));
    e.at_column("--status");
    return e;
  }
  std::string prefix = r.target.empty() ? std::string() : r.target + "/";
  std::vector<Delivery> out;
  for (const store::Record& rec : TRY(s.workspace().list_records(kDeliveries, prefix))) {
    Delivery d = TRY(delivery_from_record(rec.json));
    if (!r.status.empty() && d.status != wanted) continue;
    if (!r.campaign.empty() && d.campaign != r.campaign) continue;
    out.push_back(std::move(d));
  }
  std::stable_sort(out.begin(), out.end(), [](const Delivery& a, const Delivery& b) {
    return a.updated_at != b.updated_at ? a.updated_at > b.updated_at : a.key < b.key;
  });
  return out;
}

}  // namespace pitwall::app::push
