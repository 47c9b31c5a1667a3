#pragma once
// The API's contract, docs/api/openapi.json, built into the program (generated from that file by
// src/server/embed.cmake at build time) and served at /api/openapi.json.

#include <string_view>

namespace pitwall::server {

std::string_view openapi_document();

}  // namespace pitwall::server
