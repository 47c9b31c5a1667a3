#include "io/tz/tz_database.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <map>
#include <mutex>
#include <string>

namespace pitwall::io {

namespace {

class TzZone final : public core::TimeZone {
 public:
  TzZone(std::string name, const date::time_zone* zone) : name_(std::move(name)), zone_(zone) {}
  const std::string& name() const override { return name_; }

  int64_t offset_at(int64_t utc_seconds) const override {
    auto info = zone_->get_info(date::sys_seconds{std::chrono::seconds{utc_seconds}});
    return info.offset.count();
  }

  int64_t to_utc(const core::CivilTime& local) const override {
    int64_t local_seconds = core::seconds_from_civil(local);
    auto info = zone_->get_info(date::local_seconds{std::chrono::seconds{local_seconds}});
    switch (info.result) {
      case date::local_info::unique:
      case date::local_info::ambiguous:  // the earlier instant: first offset
        return local_seconds - info.first.offset.count();
      case date::local_info::nonexistent:  // in a gap: the instant the gap starts
        return info.first.end.time_since_epoch().count();
    }
    return local_seconds - info.first.offset.count();
  }

 private:
  std::string name_;
  const date::time_zone* zone_;
};

}  // namespace

core::Result<const core::TimeZone*> find_time_zone(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<TzZone>, std::less<>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(name); it != cache.end()) return it->second.get();
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(name);
  } catch (const std::exception&) {
    zone = nullptr;
  }
  if (zone == nullptr) {
    return core::keyed_error(
        core::ErrorCode::kInvalidInput, "io.unknown_time_zone", {{std::string(name)}},
        fmt::format("unknown time zone \"{}\" (expected a tz database name like Asia/Shanghai)",
                    name));
  }
  auto [it, inserted] =
      cache.emplace(std::string(name), std::make_unique<TzZone>(std::string(name), zone));
  return static_cast<const core::TimeZone*>(it->second.get());
}

}  // namespace pitwall::io
