#pragma once
// What is due, and sending it (server.md §7): one pass over every target and every campaign at
// the session's `now` — the server's clock, so `serve --now` and the tests step days. `pitwall
// serve` runs a pass every push_tick_ms (server/push_loop.hpp); `pitwall push run` runs one.
//
// Due at `now`, in the campaign's time zone (local day T, campaign days first..last):
//   board     at the target's board time on T, for the day that ended (T − 1), when T − 1 is a
//             campaign day; only on T itself (a server down all day does not send a stale board)
//   alert     each critical alert of T (messages.hpp is_critical), when T is a campaign day
//   reminder  at the target's board time on the day before each closing cut-off: store audit
//             (store_review_cutoff), dispute (appeal_cutoff), freeze (the review window's end),
//             seal (freeze_days later, when frozen at the window's end)
// Each goes out once per target (deliveries.hpp: the claim is a record insert). The board and
// alerts are read as the target's reader: a region's target reads as a region manager of that
// region (permission.hpp), so its group sees only its stores; a network target as HQ.
//
// A failing target never blocks another: its failure is recorded and retried later with backoff,
// and a target whose robot cannot be reached (a connection error, the timeout) is left for this
// pass after its first failure, so that one dead robot costs at most one timeout per pass.

#include <cstdint>
#include <string>
#include <vector>

#include "app/push/deliveries.hpp"
#include "app/push/targets.hpp"
#include "app/session.hpp"
#include "core/base/result.hpp"

namespace pitwall::app::push {

// How a message reaches a robot: HTTP POST of a JSON body (the server's client, or a test's).
class Webhook {
 public:
  struct Answer {
    int status = 0;
    std::string body;
  };
  virtual ~Webhook() = default;
  // Errors: kUnavailable (cannot connect, TLS, timeout), with words that name no credential.
  virtual core::Result<Answer> post(const std::string& url, const std::string& body) = 0;
  // The real clock (UTC seconds) that stamps signatures (robots refuse one off by an hour).
  virtual int64_t wall_clock() = 0;
};

struct PushOptions {
  std::string desk_url;      // the web desk's public address, for links ("" = no links)
  int64_t max_attempts = 6;  // then the delivery is failed
  int64_t first_retry = 60;  // seconds after the first failure, doubling after each
  int64_t max_retry = 3600;  // the longest wait between attempts
  int64_t lease = 300;       // a claimed send not finished by then is tried again
};

struct RunReport {
  std::vector<Delivery> attempted;  // what this pass sent or tried, in order
  std::vector<std::string> errors;  // what could not be composed (target, campaign: why)
};

// One pass at s.now. Errors: kForbidden (not push:targets:write), the workspace's.
core::Result<RunReport> run_due(const Session& s, Webhook& hook, const PushOptions& options);

// Sends a short test message to target `id` now and logs it (kind test). Errors: kForbidden,
// kNotFound.
core::Result<Delivery> test_target(const Session& s, const std::string& id, Webhook& hook);

// The session a pass runs in: HQ's rights under the name "push" (the server's own, no login).
Session push_session(store::Workspace& ws, int64_t now, Memo* memo);

}  // namespace pitwall::app::push
