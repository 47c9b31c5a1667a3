#include "server/webhook.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <mutex>

#include "core/base/check.hpp"

namespace pitwall::server {

namespace {

size_t collect(char* data, size_t size, size_t count, void* out) {
  auto* body = static_cast<std::string*>(out);
  size_t n = size * count;
  if (body->size() < (64 << 10)) body->append(data, std::min(n, (size_t{64} << 10) - body->size()));
  return n;
}

// "qyapi.weixin.qq.com" of "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...".
std::string host_of(const std::string& url) {
  size_t from = url.find("://");
  from = from == std::string::npos ? 0 : from + 3;
  size_t to = url.find_first_of("/?#", from);
  return url.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

struct Easy {
  CURL* handle = curl_easy_init();
  curl_slist* headers = nullptr;
  ~Easy() {
    curl_slist_free_all(headers);
    curl_easy_cleanup(handle);
  }
};

}  // namespace

CurlWebhook::CurlWebhook(std::chrono::milliseconds timeout) : timeout_(timeout) {
  static std::once_flag once;
  std::call_once(once, [] {
    PW_CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK, "libcurl cannot start");
  });
}

core::Result<app::push::Webhook::Answer> CurlWebhook::post(const std::string& url,
                                                           const std::string& body) {
  Easy e;
  PW_CHECK(e.handle != nullptr, "curl_easy_init failed");
  e.headers = curl_slist_append(e.headers, "Content-Type: application/json; charset=utf-8");
  Answer answer;
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(e.handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(e.handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e.handle, CURLOPT_HTTPHEADER, e.headers);
  curl_easy_setopt(e.handle, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(e.handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(e.handle, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(e.handle, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(e.handle, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(e.handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e.handle, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(e.handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min<int64_t>(timeout_.count(), 5000)));
  curl_easy_setopt(e.handle, CURLOPT_USERAGENT, "pitwall-push/1");
  // A robot's answer is small: do not follow redirects elsewhere with the access token.
  curl_easy_setopt(e.handle, CURLOPT_FOLLOWLOCATION, 0L);
  CURLcode code = curl_easy_perform(e.handle);
  if (code != CURLE_OK) {
    std::string why = error[0] != '\0' ? error : curl_easy_strerror(code);
    // libcurl's words may quote the URL; keep only what does not carry the token.
    if (why.find(url) != std::string::npos || why.find('?') != std::string::npos) {
      why = curl_easy_strerror(code);
    }
    return core::make_error(core::ErrorCode::kUnavailable,
                            fmt::format("cannot reach {}: {}", host_of(url), why));
  }
  long status = 0;
  curl_easy_getinfo(e.handle, CURLINFO_RESPONSE_CODE, &status);
  answer.status = static_cast<int>(status);
  return answer;
}

int64_t CurlWebhook::wall_clock() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace pitwall::server
