#pragma once
// The web desk's built files (web/dist, docs/server.md "The web desk"), served at `/` for every
// GET that no route answers and that is not under /api/: the file itself, or index.html for any
// other path (the single-page application's history routes). A plain function over plain structs:
// the transport streams the chosen file (Reply::file).
//
// - Content-Type by extension; hashed assets under /assets/ are cached for a year (immutable),
//   everything else is revalidated (index.html names the assets of the current build).
// - A precompressed sibling (`app-1a2b.js.gz`, written by the desk's build) is sent when the
//   client accepts gzip, with Content-Encoding: gzip; Vary: Accept-Encoding on every file.
// - Paths with a backslash, an encoded slash, a hidden segment (".git", ".env") or an empty
// segment, and any path
//   that resolves outside the folder (a symbolic link out) answer 404. (".." and "%2e%2e"
//   never get here: the transport refuses such a target with 400, server/http.hpp.)
// - HTML carries the security headers: a Content-Security-Policy without inline scripts,
//   frame-ancestors 'none', Referrer-Policy and X-Frame-Options (nosniff is on every reply).
// - Without a built desk (no index.html in the folder) every page answers 503 with a short page
//   that says how to build it. With no folder configured at all (an embedding test) the
//   dispatcher answers 404 as for any unknown path.

#include <string>
#include <string_view>

#include "app/i18n/messages.hpp"
#include "server/http.hpp"

namespace pitwall::server {

// Whether `request` is one for the desk's files: a GET outside /api/.
bool is_static_request(const Request& request);
// The reply for such a request from the folder `dir` (may be empty: no desk configured).
Reply static_file(const std::string& dir, const Request& request, app::Lang lang,
                  const std::string& request_id);
// The Content-Type of a file name, by its extension.
std::string_view content_type_of(std::string_view name);

}  // namespace pitwall::server
