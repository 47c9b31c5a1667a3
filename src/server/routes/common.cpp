#include "server/routes/common.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/i18n/messages.hpp"
#include "server/services.hpp"
#include "server/upload.hpp"

namespace pitwall::server {

io::CloseoutWords words_of(app::Lang lang) {
  return {[](std::string_view k) { return app::message(app::Lang::kZh, k); },
          [](std::string_view k) { return app::message(app::Lang::kEn, k); },
          lang == app::Lang::kEn};
}

core::Result<ScratchDir> ScratchDir::create(const Call& c) {
  static std::atomic<uint64_t> counter{0};
  ScratchDir d;
  d.path_ = c.services.config.data_dir + "/tmp-" +
            (c.session.request_id.empty() ? std::string("x") : c.session.request_id) + "-" +
            std::to_string(++counter);
  std::error_code ec;
  std::filesystem::create_directories(d.path_, ec);
  if (ec) {
    d.path_.clear();
    return core::make_error(core::ErrorCode::kIo,
                            "cannot create a scratch folder: " + ec.message());
  }
  return d;
}

ScratchDir::~ScratchDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

core::Result<std::string> ScratchDir::write(std::string_view name, std::string_view bytes) const {
  std::string path = path_ + "/" + sanitize_file_name(name);
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return core::make_error(core::ErrorCode::kIo, "cannot write " + path);
  return path;
}

core::Result<int64_t> run_param(const Call& c, const Request& r) {
  return TRY(query_int(c, r, "run", 0, INT64_MAX / 2)).value_or(0);
}

std::string file_param(const Request& r, std::string_view fallback) {
  auto v = r.param("file");
  return v && !v->empty() ? sanitize_file_name(*v) : std::string(fallback);
}

core::Result<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::make_error(core::ErrorCode::kIo, "cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace pitwall::server
