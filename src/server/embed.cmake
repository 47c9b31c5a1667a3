# Writes OUT, a C++ file defining pitwall::server::openapi_document() as the bytes of IN.
file(READ "${IN}" content)
string(FIND "${content}" ")pitwall_openapi\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} holds the raw string's delimiter")
endif()
file(WRITE "${OUT}.tmp" "// Generated from docs/api/openapi.json by src/server/embed.cmake. Do not edit.\n#include \"server/openapi.hpp\"\n\nnamespace pitwall::server {\n\nnamespace {\nconst char kDocument[] = R\"pitwall_openapi(${content})pitwall_openapi\";\n}  // namespace\n\nstd::string_view openapi_document() { return std::string_view(kDocument, sizeof kDocument - 1); }\n\n}  // namespace pitwall::server\n")
file(RENAME "${OUT}.tmp" "${OUT}")
