#include "app/supervision/phase.hpp"

#include <map>

#include "app/permission.hpp"
#include "app/supervision/reader_view.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::supervision {

namespace sv = core::supervision;

namespace {

PhasePlanResult plan_of(const Session& s, const SupervisionData& d,
                        const std::vector<TaskState>& marked) {
  std::map<std::string, const TaskState*, std::less<>> state;
  for (const TaskState& t : marked) state[t.task] = &t;
  PhasePlanResult out;
  out.campaign = campaign_info(s, d);
  for (sv::PhaseStep& step : sv::phase_plan(d.feeds->first_day, d.feeds->last_day)) {
    PhaseEntry e;
    e.current = d.today >= step.first_day && d.today <= step.last_day;
    for (std::string_view task : step.tasks) {
      auto it = state.find(task);
      e.tasks.push_back(it == state.end() ? TaskState{std::string(task)} : *it->second);
    }
    e.step = std::move(step);
    out.phases.push_back(std::move(e));
  }
  return out;
}

}  // namespace

core::Result<PhasePlanResult> read_phase_plan(const Session& s, const PhasePlanRequest& r) {
  TRY(authorize(s, Permission::kSupervisionRead));
  SupervisionData d = TRY(load_supervision(s, r.campaign, WithOrders::kNo));
  auto marked = TRY(load_tasks(s.workspace(), d.campaign.id));
  return plan_of(s, d, marked);
}

core::Result<PhasePlanResult> mark_task(const Session& s, const MarkTaskRequest& r) {
  TRY(authorize(s, Permission::kPhaseWrite));
  if (!sv::is_phase_task(r.task)) {
    return usage_error(s.tr("supervision.unknown_task", r.task), "--task");
  }
  SupervisionData d = TRY(load_supervision(s, r.campaign, WithOrders::kNo));
  store::Workspace& ws = s.workspace();
  const std::string key = record_key(d.campaign.id, r.task);
  TRY(ws.transaction([&]() -> core::Status {
    TRY(recheck(s, Permission::kPhaseWrite, d.campaign.id));
    TaskState t{r.task, r.mark == TaskMark::kDone, s.principal.name, s.now, r.note};
    io::Json record = task_record(t);
    auto stored = TRY(ws.get_record(kPhaseTasks, key));
    if (stored) {
      TRY(ws.put_record(kPhaseTasks, key, record.dump(), s.now));
    } else {
      TRY(ws.insert_record(kPhaseTasks, key, record.dump(), s.now));
    }
    return append_supervision_log(ws, d.campaign.id, kPhaseTasks, r.task, record, s.now);
  }));
  auto marked = TRY(load_tasks(ws, d.campaign.id));
  return plan_of(s, d, marked);
}

core::Result<DecayResult> read_decay(const Session& s, const DecayRequest& r) {
  TRY(authorize(s, Permission::kSupervisionRead));
  SupervisionData d = TRY(load_supervision(s, r.campaign, WithOrders::kNo));
  core::Table survey = TRY(s.workspace().load_table(core::TableKind::kSurvey, d.campaign.id));
  core::Table mine = survey_in(scope_of(s), *d.feeds, survey);
  if (mine.rows() == 0) return core::not_found(s.tr("supervision.no_survey", d.campaign.id));
  return DecayResult{campaign_info(s, d), sv::execution_decay(mine)};
}

}  // namespace pitwall::app::supervision
