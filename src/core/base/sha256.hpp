#pragma once
// SHA-256 for version hashes, file checksums, seals and the adjustment hash chain, and
// HMAC-SHA256 with base64 for the signatures group robots ask for (docs/push.md).
// The one place core touches libcrypto (style.md §2).

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace pitwall::core {

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// The raw 32-byte HMAC-SHA256 of `message` under `key`.
std::string hmac_sha256(std::string_view key, std::string_view message);

// Standard base64 (RFC 4648 §4, with padding) of the bytes.
std::string base64(std::string_view bytes);

// Incremental hashing of large inputs (imported files are hashed while they are read).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  std::string hex_digest();  // finishes; further updates are a bug

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace pitwall::core
