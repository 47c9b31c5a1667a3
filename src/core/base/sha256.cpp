#include "core/base/sha256.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/base/check.hpp"

namespace pitwall::core {

struct Sha256::State {
  EVP_MD_CTX* ctx = nullptr;
  bool finished = false;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  PW_CHECK(state_->ctx != nullptr, "EVP_MD_CTX_new failed");
  PW_CHECK(EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr) == 1, "sha256 init failed");
}

Sha256::~Sha256() { EVP_MD_CTX_free(state_->ctx); }

void Sha256::update(std::string_view bytes) {
  PW_CHECK(!state_->finished, "update after hex_digest");
  PW_CHECK(EVP_DigestUpdate(state_->ctx, bytes.data(), bytes.size()) == 1, "sha256 update");
}

std::string Sha256::hex_digest() {
  PW_CHECK(!state_->finished, "hex_digest twice");
  state_->finished = true;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  PW_CHECK(EVP_DigestFinal_ex(state_->ctx, digest, &length) == 1, "sha256 final");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.hex_digest();
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(message.data());
  PW_CHECK(HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data, message.size(),
                digest, &length) != nullptr,
           "hmac-sha256 failed");
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

}  // namespace pitwall::core
