#pragma once
// Session: who acts, in which language, at which instant, on which workspace handle — the first
// argument of every use case (server.md §1). A face builds it once per command or request: the
// CLI from --as (or, without a name, the local operator), the server from the login it checked.
// Use cases read the clock only from `now` and write only through `ws`.
//
// Threading: a Session is used by one thread at a time, like its workspace handle.

#include <cstdint>
#include <string>
#include <string_view>

#include "app/i18n/messages.hpp"
#include "core/base/result.hpp"
#include "core/model/principal.hpp"

namespace pitwall::store {
class Workspace;
}

namespace pitwall::app {

class Memo;

struct Session {
  core::Principal principal;
  // The command line's local operator (no --as): they hold the workspace's files, so they read
  // everything; they write nothing until they name themselves (authorize refuses).
  bool local_operator = false;
  Lang lang = Lang::kZh;
  int64_t now = 0;                 // UTC seconds, read once by the face
  store::Workspace* ws = nullptr;  // this thread's workspace handle
  std::string request_id;          // the server's request id, for the audit trail
  // Values derived from stored content that never changes, shared by the process's sessions
  // (memo.hpp): the server's, or none (the command line).
  Memo* memo = nullptr;

  store::Workspace& workspace() const { return *ws; }
  // A catalogue text in the session's language.
  template <typename... Args>
  std::string tr(std::string_view key, Args&&... args) const {
    return app::tr(lang, key, std::forward<Args>(args)...);
  }
};

// The session of the registered user `name`. Errors: kNotFound naming the unknown user.
core::Result<Session> user_session(store::Workspace& ws, std::string_view name, Lang lang,
                                   int64_t now);
// The local operator's session (the command line without a name).
Session local_session(store::Workspace& ws, Lang lang, int64_t now);

}  // namespace pitwall::app
