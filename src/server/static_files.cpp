#include "server/static_files.hpp"

#include <sys/stat.h>

#include <climits>
#include <cstdlib>

#include "server/status.hpp"

namespace pitwall::server {

namespace {

constexpr std::string_view kAssets = "/assets/";

// Scripts and styles from this origin only (Vite's build has no inline script); Element Plus and
// ECharts set style attributes, hence 'unsafe-inline' for styles alone.
constexpr std::string_view kPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

bool is_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string real_path(const std::string& path) {
  char buffer[PATH_MAX];
  return ::realpath(path.c_str(), buffer) ? std::string(buffer) : std::string();
}

bool ends_with(std::string_view s, std::string_view tail) { return s.ends_with(tail); }

std::string escape_html(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// Whether Accept-Encoding admits gzip (a "gzip;q=0" refuses it).
bool accepts_gzip(const Request& r) {
  const std::string* header = r.header("accept-encoding");
  if (!header) return false;
  std::string_view rest = *header;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string_view coding = item.substr(0, item.find(';'));
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (coding != "gzip" && coding != "*") continue;
    size_t q = item.find("q=");
    if (q == std::string_view::npos) return true;
    std::string value(item.substr(q + 2));
    return std::strtod(value.c_str(), nullptr) > 0;
  }
  return false;
}

void security_headers(Reply& reply) {
  reply.set_header("content-security-policy", std::string(kPolicy));
  reply.set_header("x-frame-options", "DENY");
  reply.set_header("referrer-policy", "same-origin");
}

Reply not_built(const std::string& dir, app::Lang lang) {
  Reply reply;
  reply.status = 503;
  reply.content_type = "text/html; charset=utf-8";
  std::string title = app::tr(lang, "server.web_not_built_title");
  std::string text = app::tr(lang, "server.web_not_built", dir.empty() ? "web/dist" : dir);
  reply.body = "<!doctype html><html lang=\"" +
               std::string(lang == app::Lang::kZh ? "zh-CN" : "en") +
               "\"><head><meta charset=\"utf-8\"><title>" + escape_html(title) +
               "</title></head><body><h1>" + escape_html(title) + "</h1><p>" + escape_html(text) +
               "</p></body></html>\n";
  reply.set_header("cache-control", "no-store");
  security_headers(reply);
  return reply;
}

}  // namespace

std::string_view content_type_of(std::string_view name) {
  struct Type {
    std::string_view extension, type;
  };
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  for (const auto& t : kTypes) {
    if (ends_with(name, t.extension)) return t.type;
  }
  return "application/octet-stream";
}

bool is_static_request(const Request& request) {
  return request.method == "GET" && request.path != "/api" && !request.path.starts_with("/api/");
}

Reply static_file(const std::string& dir, const Request& request, app::Lang lang,
                  const std::string& request_id) {
  auto refuse = [&] {
    return problem(404, "not_found", app::tr(lang, "server.no_route", request.path), lang,
                   request_id);
  };
  const std::string root = dir.empty() ? std::string() : real_path(dir);
  if (root.empty() || !is_file(root + "/index.html")) return not_built(dir, lang);

  std::string relative;
  for (size_t i = 0; i < request.segments.size(); ++i) {
    const std::string& s = request.segments[i];
    bool last = i + 1 == request.segments.size();
    if (s.empty()) {
      if (last) break;  // a trailing slash: the page of the folder, index.html
      return refuse();
    }
    if (s.front() == '.' || s.find('\\') != std::string::npos || s.find('/') != std::string::npos ||
        s.find('\0') != std::string::npos) {
      return refuse();
    }
    relative += "/" + s;
  }
  bool asset = request.path.starts_with(kAssets);
  std::string path = root + relative;
  if (relative.empty() || !is_file(path)) {
    if (asset) return refuse();  // a missing script is not a page: no index.html in its place
    path = root + "/index.html";
  } else {
    std::string resolved = real_path(path);
    if (resolved.size() <= root.size() || !resolved.starts_with(root + "/")) return refuse();
  }

  Reply reply;
  reply.content_type = std::string(content_type_of(path));
  reply.file = path;
  if (accepts_gzip(request) && is_file(path + ".gz")) {
    reply.file = path + ".gz";
    reply.set_header("content-encoding", "gzip");
  }
  reply.set_header("vary", "Accept-Encoding");
  reply.set_header("cache-control", asset ? "public, max-age=31536000, immutable" : "no-cache");
  if (ends_with(path, ".html")) security_headers(reply);
  return reply;
}

}  // namespace pitwall::server
