#include "server/route.hpp"

#include <fmt/format.h>

#include "core/base/check.hpp"
#include "io/report/closeout_json.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::server {

std::string_view method_name(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kDelete:
      return "DELETE";
  }
  return "GET";
}

const std::string& Call::param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  PW_CHECK(false, "a route asked for a path parameter it does not have");
  static const std::string none;
  return none;
}

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (const Route& r : routes_) {
    Compiled c{&r, {}};
    std::string_view rest = r.pattern.substr(1);
    while (!rest.empty()) {
      size_t slash = rest.find('/');
      c.parts.push_back(rest.substr(0, slash));
      if (slash == std::string_view::npos) break;
      rest.remove_prefix(slash + 1);
    }
    compiled_.push_back(std::move(c));
  }
}

Match Router::match(std::string_view method, const std::vector<std::string>& segments) const {
  Match m;
  for (const Compiled& c : compiled_) {
    if (c.parts.size() != segments.size()) continue;
    std::vector<std::pair<std::string_view, std::string>> params;
    bool ok = true;
    for (size_t i = 0; ok && i < c.parts.size(); ++i) {
      std::string_view part = c.parts[i];
      if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
        if (segments[i].empty()) ok = false;
        params.emplace_back(part.substr(1, part.size() - 2), segments[i]);
      } else {
        ok = part == segments[i];
      }
    }
    if (!ok) continue;
    if (method_name(c.route->method) == method) {
      m.route = c.route;
      m.params = std::move(params);
      m.allowed.clear();
      return m;
    }
    m.allowed.push_back(c.route->method);
  }
  return m;
}

Output json(io::Json doc, int status) {
  Output o;
  o.json = std::move(doc);
  o.status = status;
  return o;
}

Output text(std::string body, std::string content_type, int status) {
  Output o;
  o.reply.status = status;
  o.reply.body = std::move(body);
  o.reply.content_type = std::move(content_type);
  return o;
}

io::Json server_instant(int64_t utc) {
  static const core::TimeZone* zone = io::find_time_zone("Asia/Shanghai").value();
  return io::instant_json(utc, *zone);
}

std::string query(const Request& r, std::string_view name) {
  auto v = r.param(name);
  return v ? std::string(*v) : std::string();
}

core::Result<std::optional<int64_t>> query_int(const Call& c, const Request& r,
                                               std::string_view name, int64_t min, int64_t max) {
  auto v = r.param(name);
  if (!v) return std::optional<int64_t>();
  int64_t value = 0;
  bool ok = !v->empty() && v->size() <= 18;
  bool negative = ok && v->front() == '-';
  for (size_t i = negative ? 1 : 0; ok && i < v->size(); ++i) {
    ok = (*v)[i] >= '0' && (*v)[i] <= '9';
    value = value * 10 + ((*v)[i] - '0');
  }
  if (negative) value = -value;
  if (!ok || (negative && v->size() == 1) || value < min || value > max) {
    auto e = core::make_error(core::ErrorCode::kUsage,
                              c.session.tr("server.bad_integer", name, *v, min, max));
    e.at_column(std::string(name));
    return e;
  }
  return std::optional<int64_t>(value);
}

core::Result<bool> query_bool(const Call& c, const Request& r, std::string_view name,
                              bool fallback) {
  auto v = r.param(name);
  if (!v) return fallback;
  if (*v == "true" || *v == "1") return true;
  if (*v == "false" || *v == "0") return false;
  auto e = core::make_error(core::ErrorCode::kUsage, c.session.tr("server.bad_boolean", name, *v));
  e.at_column(std::string(name));
  return e;
}

namespace {
// The deepest nesting of arrays and objects in JSON text (strings skipped); stops counting past
// `limit`. io::Json::parse recurses, so depth is checked on the bytes first.
int nesting(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (in_string) {
      if (ch == '\\') {
        ++i;
      } else if (ch == '"') {
        in_string = false;
      }
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '{' || ch == '[') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (ch == '}' || ch == ']') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

JsonBody JsonBody::of(const io::Json& doc, const app::Session& s) {
  JsonBody b;
  b.doc_ = doc;
  b.session_ = &s;
  return b;
}

core::Result<JsonBody> JsonBody::parse(const Request& r, const app::Session& s) {
  std::string_view text = r.body;
  auto malformed = [&](std::string detail) {
    auto e = core::make_error(core::ErrorCode::kUsage, std::move(detail));
    e.at_column("body");
    return e;
  };
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) text = "{}";
  if (nesting(text, 32) > 32) return malformed(s.tr("server.json_too_deep", 32));
  auto doc = io::Json::parse(text);
  if (!doc) return malformed(s.tr("server.json_malformed", doc.error().to_string()));
  if (!doc->is_object()) return malformed(s.tr("server.json_not_object"));
  return of(*doc, s);
}

core::Error JsonBody::wrong(std::string_view key, std::string_view expected) const {
  auto e = core::invalid_input(
      session_->tr("server.json_field_type", key, message(session_->lang, expected)));
  e.at_column(std::string(key));
  return e;
}

core::Result<std::string> JsonBody::string(std::string_view key) {
  seen_.emplace_back(key);
  const io::Json* v = doc_.find(key);
  if (!v || !v->is_string()) return wrong(key, "server.type.string");
  return v->as_string();
}

core::Result<std::string> JsonBody::string_or(std::string_view key, std::string fallback) {
  seen_.emplace_back(key);
  const io::Json* v = doc_.find(key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_string()) return wrong(key, "server.type.string");
  return v->as_string();
}

core::Result<bool> JsonBody::boolean_or(std::string_view key, bool fallback) {
  auto v = TRY(optional_boolean(key));
  return v.value_or(fallback);
}

core::Result<std::optional<bool>> JsonBody::optional_boolean(std::string_view key) {
  seen_.emplace_back(key);
  const io::Json* v = doc_.find(key);
  if (!v || v->is_null()) return std::optional<bool>();
  if (v->type() != io::Json::Type::kBool) return wrong(key, "server.type.boolean");
  return std::optional<bool>(v->as_bool());
}

core::Result<std::vector<std::string>> JsonBody::strings_or(std::string_view key) {
  seen_.emplace_back(key);
  std::vector<std::string> out;
  const io::Json* v = doc_.find(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) return wrong(key, "server.type.strings");
  for (const io::Json& item : v->items()) {
    if (!item.is_string()) return wrong(key, "server.type.strings");
    out.push_back(item.as_string());
  }
  return out;
}

core::Result<std::optional<int64_t>> JsonBody::optional_integer(std::string_view key) {
  seen_.emplace_back(key);
  const io::Json* v = doc_.find(key);
  if (!v || v->is_null()) return std::optional<int64_t>();
  if (v->type() != io::Json::Type::kInt) return wrong(key, "server.type.integer");
  return std::optional<int64_t>(v->as_int());
}

core::Result<const io::Json*> JsonBody::array(std::string_view key) {
  const io::Json* v = raw(key);
  if (!v || v->is_null()) return static_cast<const io::Json*>(nullptr);
  if (!v->is_array()) return wrong(key, "server.type.array");
  return v;
}

const io::Json* JsonBody::raw(std::string_view key) {
  seen_.emplace_back(key);
  return doc_.find(key);
}

core::Status JsonBody::finish() const {
  for (const auto& [key, value] : doc_.members()) {
    bool known = false;
    for (const auto& s : seen_) known = known || s == key;
    if (!known) {
      auto e = core::invalid_input(session_->tr("server.json_unknown_field", key));
      e.at_column(key);
      return e;
    }
  }
  return {};
}

}  // namespace pitwall::server
