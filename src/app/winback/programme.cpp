#include "app/winback/programme.hpp"

#include <fmt/format.h>

#include "app/permission.hpp"
#include "app/winback/records.hpp"
#include "io/json/json.hpp"
#include "io/toml/winback_file.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::winback {

core::Result<ProgrammeResult> add_programme(const Session& s, const ProgrammeAddRequest& r) {
  TRY(authorize(s, Permission::kWinbackProgramme));
  wb::Programme p = TRY(io::parse_programme_file(r.text, r.file));
  std::string key = fmt::format("{}@{}", p.id, p.version());
  io::Json record = io::Json::object();
  record.set("id", p.id).set("name", p.name).set("version", p.version()).set("file", r.file);
  record.set("toml", r.text).set("added_at", s.now).set("added_by", s.principal.name);
  io::Json active = io::Json::object();
  active.set("programme", key);
  store::Workspace& ws = s.workspace();
  TRY(ws.transaction([&]() -> core::Status {
    TRY(authorize_again(s, Permission::kWinbackProgramme));
    // A version is its content: stored once, then only made active again.
    if (!TRY(ws.get_record(kProgrammes, key))) {
      TRY(ws.insert_record(kProgrammes, key, record.dump(), s.now));
    }
    TRY(ws.put_record(kSettings, "active", active.dump(), s.now));
    io::DecisionEntry e = entry_of(s, "programme");
    e.programme = p.tag();
    e.detail = r.file;
    return log_decision(ws, e);
  }));
  return ProgrammeResult{std::move(p), r.file};
}

core::Result<ProgrammeResult> show_programme(const Session& s, const ProgrammeShowRequest&) {
  TRY(authorize(s, Permission::kWinbackRead));
  ProgrammeInfo info = TRY(active_programme(s.workspace()));
  return ProgrammeResult{std::move(info.programme), std::move(info.file)};
}

}  // namespace pitwall::app::winback
