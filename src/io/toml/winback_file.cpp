#include "io/toml/winback_file.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>

#include "core/base/nearest.hpp"
#include "io/toml/toml_reader.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::io {

namespace {

using core::Error;
using core::Money;
using core::Rate;
using core::Result;
using core::Status;
namespace wb = core::winback;

struct Reader {
  std::string_view file;

  // A keyed error (core::Error::key) at `where`.
  Error error(const toml::source_region& where, std::string_view key, std::string msg_key,
              std::vector<core::MessageArg> args, std::string english) const {
    Error e = core::keyed_error(core::ErrorCode::kInvalidInput, std::move(msg_key), std::move(args),
                                std::move(english));
    e.at_file(std::string(file)).at_line(int64_t(where.begin.line)).at_column(std::string(key));
    return e;
  }

  Error wrong_type(const toml::node& node, std::string_view key, std::string_view expected) const {
    std::string_view token = expected == "a number"     ? "number"
                             : expected == "an integer" ? "integer"
                             : expected == "a string"   ? "string"
                             : expected == "an array"   ? "array"
                             : expected == "a table"    ? "table"
                                                        : "component";
    return error(node.source(), key, "toml.expected",
                 {core::key_arg(fmt::format("toml.expected.{}", token))},
                 fmt::format("expected {}", expected));
  }

  Result<double> number(const toml::node& node, std::string_view key) const {
    if (auto v = node.value_exact<int64_t>()) return double(*v);
    if (auto v = node.value_exact<double>()) {
      if (std::isfinite(*v)) return *v;
      return error(node.source(), key, "toml.not_finite", {{fmt::format("{}", *v)}},
                   fmt::format("{} is not a number (expected a finite one)", *v));
    }
    return wrong_type(node, key, "a number");
  }

  Result<Rate> rate(const toml::node& node, std::string_view key) const {
    std::string text;
    if (auto s = node.value_exact<std::string>()) {
      text = *s;
    } else {
      text = fmt::format("{}", TRY(number(node, key)));
    }
    auto parsed = Rate::parse(text);
    if (!parsed) {
      return error(node.source(), key, parsed.error().key, parsed.error().args,
                   parsed.error().message);
    }
    return *parsed;
  }

  // Yuan through the one amount parser (toml_yuan), as every TOML file reads them.
  Result<Money> money(const toml::node& node, std::string_view key) const {
    std::string text;
    if (auto s = node.value_exact<std::string>()) {
      text = *s;
    } else if (auto i = node.value_exact<int64_t>()) {
      text = fmt::format("{}", *i);
    } else {
      text = fmt::format("{}", TRY(number(node, key)));
    }
    auto yuan = toml_yuan(text);
    if (!yuan) {
      const Error& e = yuan.error();
      return error(node.source(), key, e.key, e.args, e.message);
    }
    return *yuan;
  }

  Result<int64_t> integer(const toml::node& node, std::string_view key) const {
    if (auto v = node.value_exact<int64_t>()) return *v;
    return wrong_type(node, key, "an integer");
  }

  Result<std::string> string(const toml::node& node, std::string_view key) const {
    if (auto v = node.value_exact<std::string>()) return *v;
    return wrong_type(node, key, "a string");
  }

  const toml::array* array(const toml::node& node) const { return node.as_array(); }

  Result<wb::PlanComponent> component(const toml::node& node, std::string_view key) const {
    const toml::table* t = node.as_table();
    if (!t) return wrong_type(node, key, "a table {name, account, kind}");
    wb::PlanComponent c;
    for (auto&& [k, v] : *t) {
      std::string path = fmt::format("{}.{}", key, k.str());
      std::string value = TRY(string(v, path));
      if (k.str() == "name") {
        c.name = value;
      } else if (k.str() == "account") {
        c.account = value;
      } else if (k.str() == "kind") {
        c.kind = value;
      } else {
        return error(k.source(), path, "toml.unknown_key", {{"name, account, kind"}},
                     "unknown key (expected one of: name, account, kind)");
      }
    }
    return c;
  }

  template <typename T, typename Each>
  Result<std::vector<T>> list(const toml::node& node, std::string_view key, Each each) const {
    const toml::array* a = array(node);
    if (!a) return wrong_type(node, key, "an array");
    std::vector<T> out;
    for (size_t i = 0; i < a->size(); ++i) {
      out.push_back(TRY(each((*a)[i], fmt::format("{}[{}]", key, i))));
    }
    return out;
  }

  Status assign(const toml::node& node, std::string_view key, const wb::FieldRef& ref) const;
  Status walk(const toml::table& table, const std::string& prefix, wb::Programme& p) const;
};

Status Reader::assign(const toml::node& node, std::string_view key, const wb::FieldRef& ref) const {
  using Strings = std::string*;
  if (auto* s = std::get_if<Strings>(&ref)) {
    **s = TRY(string(node, key));
  } else if (auto* i = std::get_if<int64_t*>(&ref)) {
    **i = TRY(integer(node, key));
  } else if (auto* d = std::get_if<double*>(&ref)) {
    **d = TRY(number(node, key));
  } else if (auto* r = std::get_if<Rate*>(&ref)) {
    **r = TRY(rate(node, key));
  } else if (auto* m = std::get_if<Money*>(&ref)) {
    **m = TRY(money(node, key));
  } else if (auto* om = std::get_if<std::optional<Money>*>(&ref)) {
    **om = TRY(money(node, key));
  } else if (auto* oi = std::get_if<std::optional<int64_t>*>(&ref)) {
    **oi = TRY(integer(node, key));
  } else if (auto* vd = std::get_if<std::vector<double>*>(&ref)) {
    **vd = TRY(list<double>(
        node, key, [&](const toml::node& n, const std::string& k) { return number(n, k); }));
  } else if (auto* vr = std::get_if<std::vector<Rate>*>(&ref)) {
    **vr = TRY(list<Rate>(node, key,
                          [&](const toml::node& n, const std::string& k) { return rate(n, k); }));
  } else if (auto* vt = std::get_if<std::vector<wb::Tier>*>(&ref)) {
    **vt = TRY(list<wb::Tier>(
        node, key, [&](const toml::node& n, const std::string& k) -> Result<wb::Tier> {
          std::string token = TRY(string(n, k));
          if (auto tier = wb::parse_tier(token)) return *tier;
          return error(n.source(), k, "toml.bad_tier", {{token}},
                       fmt::format("\"{}\" is not a tier (expected star, potential, maintain or "
                                   "basic)",
                                   token));
        }));
  } else if (auto* vc = std::get_if<std::vector<wb::PlanComponent>*>(&ref)) {
    **vc = TRY(list<wb::PlanComponent>(
        node, key, [&](const toml::node& n, const std::string& k) { return component(n, k); }));
  }
  return {};
}

Status Reader::walk(const toml::table& table, const std::string& prefix, wb::Programme& p) const {
  for (auto&& [k, v] : table) {
    std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (prefix.empty() && (path == "id" || path == "name")) {
      (path == "id" ? p.id : p.name) = TRY(string(v, path));
      continue;
    }
    if (const wb::ProgrammeField* field = wb::find_programme_field(path)) {
      TRY(assign(v, path, field->ref(p)));
      continue;
    }
    if (wb::is_programme_table(path)) {
      const toml::table* sub = v.as_table();
      if (!sub) return wrong_type(v, path, "a table");
      TRY(walk(*sub, path, p));
      continue;
    }
    std::vector<std::string> paths;
    for (const wb::ProgrammeField& f : wb::programme_fields()) paths.emplace_back(f.path);
    std::string near = core::nearest_word(path, paths);
    if (!near.empty()) {
      return error(k.source(), path, "toml.unknown_key_near", {{near}},
                   fmt::format("unknown key (did you mean {}?)", near));
    }
    return error(k.source(), path, "toml.unknown_key_file", {}, "unknown key");
  }
  return {};
}

// The line of the key at `path` in the file (0 when absent).
int64_t line_of(const toml::table& root, std::string_view path) {
  toml::node_view<const toml::node> node = root.at_path(path);
  while (!node && path.find('.') != std::string_view::npos) {
    path = path.substr(0, path.rfind('.'));
    node = root.at_path(path);
  }
  return node ? int64_t(node.node()->source().begin.line) : 0;
}

}  // namespace

core::Result<wb::Programme> parse_programme_file(std::string_view text, std::string_view file) {
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return toml_syntax_error(file, e.source().begin.line, e.source().begin.column, e.description());
  }
  Reader reader{file};
  wb::Programme p;
  p.name.clear();
  if (!root.contains("id")) {
    Error e = core::keyed_error(core::ErrorCode::kInvalidInput, "toml.programme_id_missing", {},
                                "the programme id is missing (id = \"...\")");
    e.at_file(std::string(file)).at_column("id");
    return e;
  }
  TRY(reader.walk(root, "", p));
  if (p.name.empty()) p.name = p.id;
  Status valid = wb::validate_programme(p);
  if (!valid) {
    Error e = valid.release_error();
    e.at_file(std::string(file)).at_line(line_of(root, e.where.column));
    return e;
  }
  if (auto zone = find_time_zone(p.timezone); !zone) {
    Error e = zone.release_error();
    e.at_file(std::string(file)).at_line(line_of(root, "timezone")).at_column("timezone");
    return e;
  }
  return p;
}

}  // namespace pitwall::io
