#include "app/auth/identity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "app/auth/password.hpp"
#include "app/permission.hpp"
#include "core/base/instant.hpp"
#include "core/base/sha256.hpp"
#include "io/report/closeout_json.hpp"
#include "io/tz/tz_database.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::auth {

namespace {

constexpr std::string_view kPasswords = "auth.passwords";
constexpr std::string_view kSessions = "auth.sessions";
constexpr std::string_view kTokens = "auth.tokens";
constexpr std::string_view kFailures = "auth.failures";
constexpr std::string_view kAuditLog = "audit";
constexpr size_t kMinPassword = 10;
constexpr size_t kMaxPassword = 1024;

// Instants of the server's own records in the workspace's default zone (workspace_json.hpp).
io::Json instant(int64_t utc) {
  static const core::TimeZone* zone = io::find_time_zone("Asia/Shanghai").value();
  return io::instant_json(utc, *zone);
}

core::Error unauthenticated(Lang lang, std::string_view key = "auth.not_signed_in") {
  return core::make_error(core::ErrorCode::kUnauthenticated, std::string(message(lang, key)));
}

core::Result<std::optional<io::Json>> read_json(store::Workspace& ws, std::string_view collection,
                                                std::string_view key) {
  auto record = TRY(ws.get_record(collection, key));
  if (!record) return std::optional<io::Json>();
  return std::optional<io::Json>(TRY(io::Json::parse(record->json)));
}

// The principal of a registered user; kUnauthenticated when the user is gone or damaged.
core::Result<core::Principal> principal_of(store::Workspace& ws, std::string_view name, Lang lang) {
  auto user = TRY(ws.find_user(name));
  if (!user) return unauthenticated(lang);
  auto role = core::parse_role(user->role);
  if (!role) return unauthenticated(lang);
  return core::Principal{user->name, *role, user->scope};
}

core::Status check_password_text(const Session& s, std::string_view password) {
  if (password.size() < kMinPassword || password.size() > kMaxPassword) {
    auto e = core::invalid_input(s.tr("auth.password_length", kMinPassword, kMaxPassword));
    e.at_column("password");
    return e;
  }
  return {};
}

io::Json password_record(std::string hash, int64_t now, const std::string& by) {
  return io::Json::object().set("hash", std::move(hash)).set("set_at", now).set("set_by", by);
}

// A failure counter as read, after its window and lock have aged.
struct Counter {
  int64_t count = 0, first_at = 0, locked_until = 0;
};
core::Result<Counter> read_counter(store::Workspace& ws, const std::string& key, int64_t now,
                                   const Policy& p) {
  auto doc = TRY(read_json(ws, kFailures, key));
  Counter c;
  if (!doc) return c;
  c.count = doc->get_int("count");
  c.first_at = doc->get_int("first_at");
  c.locked_until = doc->get_int("locked_until");
  if (c.locked_until <= now && now - c.first_at >= p.failure_window_seconds) c = Counter{};
  return c;
}

core::Status count_failure(store::Workspace& ws, const std::string& key, int64_t limit, int64_t now,
                           const Policy& p) {
  Counter c = TRY(read_counter(ws, key, now, p));
  if (c.count == 0) c.first_at = now;
  ++c.count;
  if (c.count >= limit) c.locked_until = now + p.lockout_seconds;
  io::Json doc = io::Json::object()
                     .set("count", c.count)
                     .set("first_at", c.first_at)
                     .set("locked_until", c.locked_until);
  return ws.put_record(kFailures, key, doc.dump(), now);
}

std::string account_key(std::string_view name) { return "account:" + std::string(name); }
std::string address_key(std::string_view address) { return "address:" + std::string(address); }

TokenInfo token_from(const io::Json& doc) {
  TokenInfo t;
  t.id = doc.get_string("id");
  t.user = doc.get_string("user");
  t.label = doc.get_string("label");
  t.created_at = doc.get_int("created_at");
  if (const io::Json* r = doc.find("revoked_at"); r && !r->is_null()) t.revoked_at = r->as_int();
  return t;
}

io::Json token_record(const TokenInfo& t) {
  io::Json doc = io::Json::object()
                     .set("id", t.id)
                     .set("user", t.user)
                     .set("label", t.label)
                     .set("created_at", t.created_at);
  doc.set("revoked_at", t.revoked_at ? io::Json(*t.revoked_at) : io::Json());
  return doc;
}

}  // namespace

core::Result<bool> hq_has_password(store::Workspace& ws) {
  for (const auto& u : TRY(ws.list_users())) {
    if (u.role == "hq" && TRY(ws.get_record(kPasswords, u.name))) return true;
  }
  return false;
}

core::Status set_password(const Session& s, const SetPasswordRequest& r) {
  store::Workspace& ws = s.workspace();
  auto user = TRY(ws.find_user(r.user));
  if (!user) {
    auto e = core::not_found(s.tr("core.unknown_user", r.user));
    e.at_column("name");
    return e;
  }
  bool own = !s.local_operator && s.principal.name == r.user;
  if (s.local_operator) {
    // The bootstrap: on the workspace's machine, the first HQ password.
    if (user->role != "hq" || TRY(hq_has_password(ws))) TRY(authorize(s, Permission::kUserWrite));
  } else if (!own || !r.current) {
    TRY(authorize(s, Permission::kUserWrite));
  }
  TRY(check_password_text(s, r.password));
  if (own && r.current) {
    auto stored = TRY(read_json(ws, kPasswords, r.user));
    if (!stored || !verify_password(stored->get_string("hash"), *r.current)) {
      auto e = core::invalid_input(s.tr("auth.wrong_current_password"));
      e.at_column("current");
      return e;
    }
  }
  std::string hash = TRY(hash_password(r.password));
  std::string by = s.local_operator ? std::string() : s.principal.name;
  return ws.transaction([&]() -> core::Status {
    TRY(ws.put_record(kPasswords, r.user, password_record(hash, s.now, by).dump(), s.now));
    return end_sessions_of(ws, r.user);
  });
}

core::Status set_passwords(const Session& s,
                           const std::vector<std::pair<std::string, std::string>>& passwords,
                           int threads) {
  TRY(authorize(s, Permission::kUserWrite));
  for (const auto& [name, password] : passwords) TRY(check_password_text(s, password));
  std::vector<std::string> hashes(passwords.size());
  std::vector<std::optional<core::Error>> errors(passwords.size());
  std::vector<std::thread> pool;
  int n = std::max(1, threads);
  for (int t = 0; t < n; ++t) {
    pool.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); i < passwords.size(); i += static_cast<size_t>(n)) {
        auto h = hash_password(passwords[i].second);
        if (h) {
          hashes[i] = std::move(*h);
        } else {
          errors[i] = h.error();
        }
      }
    });
  }
  for (auto& t : pool) t.join();
  for (const auto& e : errors) {
    if (e) return *e;
  }
  store::Workspace& ws = s.workspace();
  return ws.transaction([&]() -> core::Status {
    for (size_t i = 0; i < passwords.size(); ++i) {
      if (!TRY(ws.find_user(passwords[i].first))) {
        return core::not_found(s.tr("core.unknown_user", passwords[i].first));
      }
      TRY(ws.put_record(kPasswords, passwords[i].first,
                        password_record(hashes[i], s.now, s.principal.name).dump(), s.now));
    }
    return {};
  });
}

core::Result<Credentials> login(store::Workspace& ws, const LoginRequest& r, int64_t now, Lang lang,
                                const Policy& policy, int64_t* retry_after) {
  Counter account = TRY(read_counter(ws, account_key(r.name), now, policy));
  Counter address = TRY(read_counter(ws, address_key(r.address), now, policy));
  int64_t locked = std::max(account.locked_until, address.locked_until);
  if (locked > now) {
    if (retry_after) *retry_after = locked - now;
    return core::make_error(core::ErrorCode::kRateLimited,
                            app::tr(lang, "auth.too_many_failures", (locked - now + 59) / 60));
  }
  std::optional<core::Principal> principal;
  bool ok = false;
  if (!r.name.empty() && r.name.size() <= 200 && r.password.size() <= kMaxPassword) {
    auto user = TRY(ws.find_user(r.name));
    auto stored = user ? TRY(read_json(ws, kPasswords, r.name)) : std::optional<io::Json>();
    if (stored) {
      ok = verify_password(stored->get_string("hash"), r.password);
      if (ok) principal = TRY(principal_of(ws, r.name, lang));
    } else {
      verify_nothing(r.password);
    }
  } else {
    verify_nothing(r.password.substr(0, kMaxPassword));
  }
  if (!ok) {
    TRY(ws.transaction([&]() -> core::Status {
      TRY(count_failure(ws, account_key(r.name), policy.account_failures, now, policy));
      return count_failure(ws, address_key(r.address), policy.address_failures, now, policy);
    }));
    return unauthenticated(lang, "auth.login_failed");
  }
  Credentials c;
  c.session_id = random_secret(32);
  c.csrf_token = random_secret(32);
  c.principal = *principal;
  c.expires_at = now + policy.absolute_seconds;
  c.idle_expires_at = now + policy.idle_seconds;
  io::Json doc = io::Json::object()
                     .set("user", r.name)
                     .set("created_at", now)
                     .set("last_seen", now)
                     .set("csrf", c.csrf_token)
                     .set("address", r.address);
  TRY(ws.transaction([&]() -> core::Status {
    TRY(ws.delete_record(kFailures, account_key(r.name)));
    return ws.insert_record(kSessions, core::sha256_hex(c.session_id), doc.dump(), now);
  }));
  return c;
}

core::Result<Authenticated> authenticate_session(store::Workspace& ws, std::string_view session_id,
                                                 int64_t now, Lang lang, const Policy& policy) {
  if (session_id.empty() || session_id.size() > 100) return unauthenticated(lang);
  std::string key = core::sha256_hex(session_id);
  auto doc = TRY(read_json(ws, kSessions, key));
  if (!doc) return unauthenticated(lang);
  int64_t created = doc->get_int("created_at");
  int64_t last_seen = doc->get_int("last_seen");
  if (now >= created + policy.absolute_seconds || now >= last_seen + policy.idle_seconds) {
    (void)ws.delete_record(kSessions, key);
    return unauthenticated(lang, "auth.session_ended");
  }
  Authenticated a;
  a.principal = TRY(principal_of(ws, doc->get_string("user"), lang));
  a.csrf_token = doc->get_string("csrf");
  a.session_key = key;
  a.expires_at = created + policy.absolute_seconds;
  if (now - last_seen >= policy.touch_seconds) {
    doc->set("last_seen", now);
    // A busy store only delays the idle clock's move: the request goes on.
    if (ws.put_record(kSessions, key, doc->dump(), now)) last_seen = now;
  }
  a.idle_expires_at = last_seen + policy.idle_seconds;
  return a;
}

core::Result<Authenticated> authenticate_token(store::Workspace& ws, std::string_view token,
                                               Lang lang) {
  if (token.empty() || token.size() > 100) return unauthenticated(lang);
  std::string key = core::sha256_hex(token);
  auto doc = TRY(read_json(ws, kTokens, key));
  if (!doc) return unauthenticated(lang);
  TokenInfo t = token_from(*doc);
  if (t.revoked_at) return unauthenticated(lang);
  Authenticated a;
  a.principal = TRY(principal_of(ws, t.user, lang));
  a.session_key = key;
  a.via_token = true;
  a.token_id = t.id;
  return a;
}

core::Status logout(store::Workspace& ws, std::string_view session_id) {
  if (session_id.empty() || session_id.size() > 100) return {};
  return ws.delete_record(kSessions, core::sha256_hex(session_id));
}

core::Status end_sessions_of(store::Workspace& ws, std::string_view user) {
  for (const auto& r : TRY(ws.list_records(kSessions))) {
    auto doc = io::Json::parse(r.json);
    if (doc && doc->get_string("user") == user) TRY(ws.delete_record(kSessions, r.key));
  }
  return {};
}

core::Result<NewToken> create_token(const Session& s, const std::string& label) {
  if (s.local_operator) {
    return core::make_error(core::ErrorCode::kForbidden, s.tr("app.needs_user"));
  }
  if (label.size() > 100) {
    auto e = core::invalid_input(s.tr("auth.label_too_long", 100));
    e.at_column("label");
    return e;
  }
  NewToken t;
  t.token = "pwt_" + random_secret(32);
  std::string key = core::sha256_hex(t.token);
  t.info.id = "T" + key.substr(0, 8);
  t.info.user = s.principal.name;
  t.info.label = label;
  t.info.created_at = s.now;
  TRY(s.workspace().insert_record(kTokens, key, token_record(t.info).dump(), s.now));
  return t;
}

core::Result<std::vector<TokenInfo>> list_tokens(const Session& s) {
  std::vector<TokenInfo> out;
  bool all = !s.local_operator && role_has(s.principal.role, Permission::kUserWrite);
  for (const auto& r : TRY(s.workspace().list_records(kTokens))) {
    auto doc = TRY(io::Json::parse(r.json));
    TokenInfo t = token_from(doc);
    if (all || s.local_operator || t.user == s.principal.name) out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const TokenInfo& a, const TokenInfo& b) {
    return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
  });
  return out;
}

core::Result<TokenInfo> revoke_token(const Session& s, const std::string& id) {
  store::Workspace& ws = s.workspace();
  bool all = !s.local_operator && role_has(s.principal.role, Permission::kUserWrite);
  std::optional<TokenInfo> found;
  TRY(ws.transaction([&]() -> core::Status {
    for (const auto& r : TRY(ws.list_records(kTokens))) {
      auto doc = TRY(io::Json::parse(r.json));
      TokenInfo t = token_from(doc);
      if (t.id != id || !(all || t.user == s.principal.name)) continue;
      if (!t.revoked_at) {
        t.revoked_at = s.now;
        TRY(ws.put_record(kTokens, r.key, token_record(t).dump(), s.now));
      }
      found = t;
      return {};
    }
    return {};
  }));
  if (!found) {
    auto e = core::not_found(s.tr("auth.unknown_token", id));
    e.at_column("id");
    return e;
  }
  return *found;
}

io::Json token_json(const TokenInfo& t) {
  io::Json doc = io::Json::object()
                     .set("id", t.id)
                     .set("user", t.user)
                     .set("label", t.label)
                     .set("created_at", instant(t.created_at));
  doc.set("revoked_at", t.revoked_at ? instant(*t.revoked_at) : io::Json());
  return doc;
}

core::Status append_audit(store::Workspace& ws, const AuditEntry& e) {
  io::Json doc = io::Json::object()
                     .set("at", instant(e.at))
                     .set("who", e.who)
                     .set("role", e.role)
                     .set("address", e.address)
                     .set("method", e.method)
                     .set("path", e.path)
                     .set("request_id", e.request_id)
                     .set("status", e.status)
                     .set("outcome", e.outcome);
  TRY(ws.append_log(kAuditLog, doc.dump()));
  return {};
}

core::Status record_audit(store::Workspace& ws, const AuditEntry& e) {
  return ws.transaction([&] { return append_audit(ws, e); });
}

core::Status audited(store::Workspace& ws, const std::function<void()>& body,
                     const std::function<AuditEntry()>& entry) {
  return ws.transaction([&] {
    body();
    return append_audit(ws, entry());
  });
}

core::Result<AuditPage> read_audit(const Session& s, int64_t after_seq, int64_t limit) {
  TRY(authorize(s, Permission::kAuditRead));
  AuditPage page;
  auto entries = TRY(s.workspace().read_log(kAuditLog));
  for (const auto& e : entries) {
    if (e.seq <= after_seq) continue;
    if (static_cast<int64_t>(page.entries.size()) == limit) {
      page.next_after = page.entries.back().first;
      break;
    }
    page.entries.emplace_back(e.seq, TRY(io::Json::parse(e.json)));
  }
  return page;
}

}  // namespace pitwall::app::auth
