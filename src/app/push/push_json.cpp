#include "app/push/push_json.hpp"

#include <fmt/format.h>

#include "io/report/closeout_json.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::app::push {

namespace {

using io::Json;

Json instant(int64_t utc) {
  static const core::TimeZone* zone = io::find_time_zone("Asia/Shanghai").value();
  return io::instant_json(utc, *zone);
}

template <typename T>
Json list(const std::vector<T>& items) {
  Json out = Json::array();
  for (const T& item : items) out.push(to_json(item));
  return out;
}

}  // namespace

Json to_json(const Target& t) {
  Json messages = Json::array();
  for (MessageKind k : {MessageKind::kBoard, MessageKind::kAlert, MessageKind::kReminder}) {
    if (t.takes(k)) messages.push(message_token(k));
  }
  Json j = Json::object();
  j.set("id", t.id).set("name", t.name).set("kind", robot_token(t.kind));
  j.set("url", masked_url(t.url)).set("secret_set", !t.secret.empty());
  j.set("region", t.region.empty() ? Json() : Json(t.region));
  j.set("lang", t.lang == Lang::kEn ? "en" : "zh").set("messages", std::move(messages));
  j.set("board_time", fmt::format("{:02}:{:02}", t.board_minute / 60, t.board_minute % 60));
  j.set("campaign", t.campaign.empty() ? Json() : Json(t.campaign));
  j.set("created_by", t.created_by).set("created_at", instant(t.created_at));
  return j;
}

Json to_json(const std::vector<Target>& targets) { return list(targets); }

Json to_json(const Delivery& d) {
  Json j = Json::object();
  j.set("key", d.key).set("target", d.target);
  j.set("campaign", d.campaign.empty() ? Json() : Json(d.campaign));
  j.set("kind", message_token(d.kind)).set("subject", d.subject).set("title", d.title);
  j.set("status", delivery_status_token(d.status)).set("attempts", d.attempts);
  j.set("created_at", instant(d.created_at)).set("updated_at", instant(d.updated_at));
  j.set("next_at", d.status == DeliveryStatus::kRetry ? instant(d.next_at) : Json());
  j.set("sent_at", d.sent_at ? instant(*d.sent_at) : Json());
  j.set("error", d.error.empty() ? Json() : Json(d.error));
  j.set("bytes", d.bytes).set("dropped", d.dropped);
  return j;
}

Json to_json(const std::vector<Delivery>& deliveries) { return list(deliveries); }

Json to_json(const RunReport& r) {
  Json errors = Json::array();
  for (const std::string& e : r.errors) errors.push(e);
  return Json::object().set("attempted", list(r.attempted)).set("errors", std::move(errors));
}

Json to_json(const NoticesResult& r) {
  return Json::object()
      .set("campaign", r.campaign)
      .set("template", r.template_id)
      .set("send_at", r.send_at)
      .set("recipients", r.recipients)
      .set("left_out", Json::object()
                           .set("blacklisted", r.blacklisted)
                           .set("opted_out", r.opted_out)
                           .set("no_contact", r.no_contact))
      .set("file", r.file);
}

Json to_json(const std::vector<OptOut>& list) {
  Json out = Json::array();
  for (const OptOut& o : list) {
    out.push(Json::object()
                 .set("value", o.value)
                 .set("reason", o.reason)
                 .set("by", o.by)
                 .set("at", instant(o.at)));
  }
  return out;
}

}  // namespace pitwall::app::push
