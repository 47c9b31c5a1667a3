#pragma once
// Best practices (最佳实践, supervision.md "Best practices") as use cases: record a practice found
// at a store, mark the stores that adopted it, list the practices with their before/after
// comparison (core/supervision/best_practice.hpp).
//
// Who (server.md §2): supervision:practices:write (HQ) records and adopts; supervision:board:read
// lists. A practice is knowledge meant for every store, so every reader sees every practice;
// within a scope, though, the store where it was found is named only when it lies within the
// scope (else ""), only the scope's adoptions are listed, and the comparison covers the scope's
// stores only.
//
// Writes run in one transaction: the person checked again, the practices re-read, the id
// ("BP001") allocated from them, a new record created with insert_record, an adoption written
// over the record re-read inside; the change is appended to the log.

#include <string>
#include <vector>

#include "app/session.hpp"
#include "app/supervision/supervision_data.hpp"
#include "core/base/result.hpp"
#include "core/supervision/best_practice.hpp"

namespace pitwall::app::supervision {

struct AddPracticeRequest {
  std::string campaign;
  std::string store;  // where it was found
  std::string title;
  std::string text;
  std::string date;  // the day it was found; "" = today
};

struct AdoptPracticeRequest {
  std::string campaign;
  std::string id;                   // "BP001"
  std::vector<std::string> stores;  // store codes; adopting again corrects the day
  std::string date;                 // the day they started; "" = today
};

struct PracticeEntry {
  core::supervision::Practice practice;
  core::supervision::PracticeEffect effect;
};

struct PracticeResult {
  CampaignInfo campaign;
  PracticeEntry entry;
};

// Errors: kForbidden, kNotFound (campaign; store unknown or outside the scope, at "--store"),
// kUsage ("--date", "--title").
core::Result<PracticeResult> add_practice(const Session& s, const AddPracticeRequest& r);
// Errors: kForbidden, kNotFound (campaign, practice; a store, at "--stores"), kUsage ("--date",
// "--stores" when empty).
core::Result<PracticeResult> adopt_practice(const Session& s, const AdoptPracticeRequest& r);

struct ListPracticesRequest {
  std::string campaign;
};
struct PracticeListResult {
  CampaignInfo campaign;
  std::vector<PracticeEntry> practices;  // by id
};
// Errors: kForbidden, kNotFound (campaign).
core::Result<PracticeListResult> list_practices(const Session& s, const ListPracticesRequest& r);

}  // namespace pitwall::app::supervision
