#pragma once
// The route groups, one file each under server/routes/ (mirroring cli/<group>_cmd.cpp), and
// what they share.

#include <string>
#include <vector>

#include "server/route.hpp"

namespace pitwall::server {

void add_system_routes(std::vector<Route>& routes);       // /healthz, /metrics, the contract
void add_auth_routes(std::vector<Route>& routes);         // login, logout, me, tokens, audit
void add_workspace_routes(std::vector<Route>& routes);    // campaigns, definitions, users, imports
void add_closeout_routes(std::vector<Route>& routes);     // runs and readings
void add_workflow_routes(std::vector<Route>& routes);     // confirm, sign, arbitrate, seal, ...
void add_winback_routes(std::vector<Route>& routes);      // win-back desk
void add_supervision_routes(std::vector<Route>& routes);  // supervision desk
void add_job_routes(std::vector<Route>& routes);          // jobs and their progress
void add_push_routes(std::vector<Route>& routes);         // group robots: targets, deliveries

}  // namespace pitwall::server
