#include "app/auth/password.hpp"

#include <sodium.h>

#include <mutex>

#include "core/base/check.hpp"

namespace pitwall::app::auth {

namespace {

// ~20 MiB, 2 passes (server.md §3).
constexpr unsigned long long kPasses = 2;
constexpr size_t kMemory = size_t{20} << 20;

void ensure_init() {
  static std::once_flag once;
  std::call_once(once, [] { PW_CHECK(sodium_init() >= 0, "libsodium cannot start"); });
}

}  // namespace

core::Result<std::string> hash_password(std::string_view password) {
  ensure_init();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), kPasses, kMemory) != 0) {
    return core::make_error(core::ErrorCode::kInternal, "crypto_pwhash_str: out of memory");
  }
  return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_init();
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  char stored[crypto_pwhash_STRBYTES] = {};
  hash.copy(stored, hash.size());
  return crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
}

void verify_nothing(std::string_view password) {
  // A hash made once with the same parameters, verified against the given password.
  static const std::string dummy = hash_password("pitwall: no such user").value();
  (void)verify_password(dummy, password);
}

std::string random_secret(size_t bytes) {
  ensure_init();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string random_password(size_t length) {
  ensure_init();
  static constexpr std::string_view kAlphabet =
      "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (size_t i = 0; i < length; ++i) {
    out.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);
  }
  return out;
}

}  // namespace pitwall::app::auth
