#pragma once
// Win-back use cases: the programme file (winback.md "Programme file"). Adding a programme is an
// HQ write (server.md §2, "win-back budget": the budget is part of the programme); reading the
// active one is for everyone who reads the win-back desk.

#include <string>

#include "app/session.hpp"
#include "app/winback/desk.hpp"
#include "core/base/result.hpp"

namespace pitwall::app::winback {

struct ProgrammeAddRequest {
  std::string file;  // the file's name as given (basename), for errors and the record
  std::string text;  // the file's bytes (TOML)
};

struct ProgrammeShowRequest {};

struct ProgrammeResult {
  wb::Programme programme;
  std::string file;  // "" for the built-in defaults
};

// Checks and stores a programme file (a version already stored is kept as it is) and makes it
// the active one; logged ("programme"). Permission kWinbackProgramme. Errors: kInvalidInput
// naming file, line and key; kForbidden.
core::Result<ProgrammeResult> add_programme(const Session& s, const ProgrammeAddRequest& r);

// The active programme (or the defaults). Permission kWinbackRead.
core::Result<ProgrammeResult> show_programme(const Session& s, const ProgrammeShowRequest& r);

}  // namespace pitwall::app::winback
