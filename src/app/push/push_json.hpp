#pragma once
// Pushing's results as JSON (docs/push.md): targets — their URL masked, their secret only as
// `secret_set` — and deliveries. Instants are ISO 8601 in the workspace's default zone
// (Asia/Shanghai), as the server's own records.

#include <vector>

#include "app/push/deliveries.hpp"
#include "app/push/notices.hpp"
#include "app/push/scheduler.hpp"
#include "app/push/targets.hpp"
#include "io/json/json.hpp"

namespace pitwall::app::push {

// {id, name, kind, url (masked), secret_set, region, lang, messages[], board_time, campaign,
// created_by, created_at}
io::Json to_json(const Target& t);
io::Json to_json(const std::vector<Target>& targets);
// {key, target, campaign, kind, subject, title, status, attempts, created_at, updated_at,
// next_at, sent_at, error, bytes, dropped}
io::Json to_json(const Delivery& d);
io::Json to_json(const std::vector<Delivery>& deliveries);
// {attempted: [delivery], errors: [text]}
io::Json to_json(const RunReport& r);
// {campaign, template, send_at, recipients, left_out: {blacklisted, opted_out, no_contact}, file}
io::Json to_json(const NoticesResult& r);
// [{value, reason, by, at}]
io::Json to_json(const std::vector<OptOut>& list);

}  // namespace pitwall::app::push
