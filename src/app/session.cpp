#include "app/session.hpp"

#include "store/workspace.hpp"

namespace pitwall::app {

core::Result<Session> user_session(store::Workspace& ws, std::string_view name, Lang lang,
                                   int64_t now) {
  auto user = TRY(ws.find_user(name));
  if (!user) {
    auto e = core::not_found(tr(lang, "core.unknown_user", name));
    e.at_column("--as");
    return e;
  }
  auto role = core::parse_role(user->role);
  if (!role) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            tr(lang, "app.user_role_corrupt", user->name, user->role));
  }
  Session s;
  s.principal = core::Principal{user->name, *role, user->scope};
  s.lang = lang;
  s.now = now;
  s.ws = &ws;
  return s;
}

Session local_session(store::Workspace& ws, Lang lang, int64_t now) {
  Session s;
  s.principal = core::Principal{"", core::Role::kHq, ""};
  s.local_operator = true;
  s.lang = lang;
  s.now = now;
  s.ws = &ws;
  return s;
}

}  // namespace pitwall::app
