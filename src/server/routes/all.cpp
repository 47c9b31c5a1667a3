#include "server/routes/routes.hpp"

namespace pitwall::server {

std::vector<Route> all_routes() {
  std::vector<Route> routes;
  add_system_routes(routes);
  add_auth_routes(routes);
  add_workspace_routes(routes);
  add_closeout_routes(routes);
  add_workflow_routes(routes);
  add_winback_routes(routes);
  add_supervision_routes(routes);
  add_job_routes(routes);
  add_push_routes(routes);
  return routes;
}

}  // namespace pitwall::server
