#pragma once
// Identity for the server (server.md §3, style.md "Sessions in the store"): passwords, login and
// logout, sessions, CSRF tokens, API tokens, the failed-login limit and the audit trail — all
// kept in the workspace, so that several servers on one store agree and a restart loses no
// login. Faces never see a hash or a stored session: they pass what the client sent and get a
// principal back.
//
// Stored (records, collection / key):
//   auth.passwords  <user>            {hash, set_at, set_by}
//   auth.sessions   <sha256(id)>      {user, created_at, last_seen, csrf, address}
//   auth.tokens     <sha256(token)>   {id, user, label, created_at, revoked_at}
//   auth.failures   account:<name> | address:<ip>   {count, first_at, locked_until}
// and the append-only log `audit`, one entry per write: {at, who, role, address, method, path,
// request_id, status, outcome}.
//
// A session id and an API token are 32 random bytes (base64url); only their SHA-256 is stored,
// so a copy of the database logs no one in. A login that fails says the same for an unknown name
// and a wrong password, and takes the same time. Failed logins count per account and per address
// within a window; past the limit, logins of that account (or from that address) are refused
// until the lock ends, without checking the password.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "core/base/result.hpp"
#include "core/model/principal.hpp"
#include "io/json/json.hpp"

namespace pitwall::app::auth {

struct Policy {
  int64_t idle_seconds = 30 * 60;           // a session unused this long ends
  int64_t absolute_seconds = 12 * 60 * 60;  // a session ends this long after login
  int64_t account_failures = 5;             // failed logins of one account within the window
  int64_t address_failures = 20;            // failed logins from one address within the window
  int64_t failure_window_seconds = 15 * 60;
  int64_t lockout_seconds = 15 * 60;
  int64_t touch_seconds = 60;  // last_seen is written at most this often per session
};

// --- Passwords ---
// Sets a user's password (pitwall user passwd; PUT /api/v1/users/{name}/password). HQ sets
// anyone's (kUserWrite); a user changes their own giving the current one; the local operator
// may set an HQ user's password while no HQ user has one (the first HQ login, bootstrapped from
// the command line). Every session of the user ends. Errors: kForbidden, kNotFound (the user),
// kInvalidInput (a password shorter than 10 or longer than 1024 bytes, a wrong current one).
struct SetPasswordRequest {
  std::string user;
  std::string password;
  std::optional<std::string> current;  // the caller's own password, when changing it
};
core::Status set_password(const Session& s, const SetPasswordRequest& r);
// Passwords for many users at once (the demo): hashed on `threads` threads, stored in one
// transaction. Needs kUserWrite.
core::Status set_passwords(const Session& s,
                           const std::vector<std::pair<std::string, std::string>>& passwords,
                           int threads);
// Whether any HQ user has a password (the bootstrap is over).
core::Result<bool> hq_has_password(store::Workspace& ws);

// --- Login, sessions ---
struct Credentials {
  std::string session_id;  // the cookie's value; never stored
  std::string csrf_token;  // to send back in X-CSRF-Token on every write
  core::Principal principal;
  int64_t expires_at = 0;       // absolute end
  int64_t idle_expires_at = 0;  // if unused
};
struct LoginRequest {
  std::string name;
  std::string password;
  std::string address;  // the client's
};
// Errors: kUnauthenticated (one answer for an unknown name and a wrong password),
// kRateLimited (too many failures; *retry_after gets the seconds to wait), kUnavailable.
core::Result<Credentials> login(store::Workspace& ws, const LoginRequest& r, int64_t now, Lang lang,
                                const Policy& policy, int64_t* retry_after = nullptr);

// Who a request acts for.
struct Authenticated {
  core::Principal principal;
  std::string csrf_token;   // "" for an API token (no cookie, no CSRF)
  std::string session_key;  // sha256 of the session id or the token
  bool via_token = false;
  std::string token_id;
  int64_t expires_at = 0;  // the session's absolute end (0 for tokens)
  int64_t idle_expires_at = 0;
};
// The session a cookie names. Errors: kUnauthenticated (unknown, ended, idle too long, its user
// gone), kCorrupt.
core::Result<Authenticated> authenticate_session(store::Workspace& ws, std::string_view session_id,
                                                 int64_t now, Lang lang, const Policy& policy);
// The API token of an `Authorization: Bearer` header. Errors: kUnauthenticated (unknown or
// revoked).
core::Result<Authenticated> authenticate_token(store::Workspace& ws, std::string_view token,
                                               Lang lang);
// Ends the session (nothing when it does not exist).
core::Status logout(store::Workspace& ws, std::string_view session_id);
// Ends every session of a user (a password change).
core::Status end_sessions_of(store::Workspace& ws, std::string_view user);

// --- API tokens ---
struct TokenInfo {
  std::string id;  // "T" + 8 hex digits of the token's hash: names it without revealing it
  std::string user;
  std::string label;
  int64_t created_at = 0;
  std::optional<int64_t> revoked_at;
};
struct NewToken {
  TokenInfo info;
  std::string token;  // shown once
};
// A token for the session's own user (any signed-in person). Errors: kInvalidInput (a label
// longer than 100 bytes), kForbidden (the local operator).
core::Result<NewToken> create_token(const Session& s, const std::string& label);
// The session's own tokens; HQ's list holds everyone's.
core::Result<std::vector<TokenInfo>> list_tokens(const Session& s);
// Revokes a token of one's own (HQ: anyone's). Errors: kNotFound (unknown, or someone else's).
core::Result<TokenInfo> revoke_token(const Session& s, const std::string& id);
io::Json token_json(const TokenInfo& t);

// --- Audit ---
struct AuditEntry {
  int64_t at = 0;
  std::string who;  // "" when no one was signed in (a failed login: the name tried)
  std::string role;
  std::string address;
  std::string method, path, request_id;
  int status = 0;
  std::string outcome;  // "ok" or the error kind
};
// Appends to the log `audit` (inside the caller's transaction when there is one).
core::Status append_audit(store::Workspace& ws, const AuditEntry& e);
// Appends `e` in a transaction of its own.
core::Status record_audit(store::Workspace& ws, const AuditEntry& e);
// Runs the write `body`, then appends the audit entry `entry()` makes once the body's outcome is
// known, in one transaction: a write commits together with its audit entry or not at all, and a
// refused write (its own writes undone by its nested transaction) is still audited. The status
// is the transaction's (the entry could not be stored, the workspace stayed busy), not the
// body's: the body reports its own outcome.
core::Status audited(store::Workspace& ws, const std::function<void()>& body,
                     const std::function<AuditEntry()>& entry);
// Entries after `after_seq` (0: from the start), at most `limit`; kAuditRead.
struct AuditPage {
  std::vector<std::pair<int64_t, io::Json>> entries;  // seq, entry
  int64_t next_after = 0;                             // 0 at the end
};
core::Result<AuditPage> read_audit(const Session& s, int64_t after_seq, int64_t limit);

}  // namespace pitwall::app::auth
