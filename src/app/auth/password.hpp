#pragma once
// Passwords and secrets (server.md §3): Argon2id through libsodium's crypto_pwhash_str — about
// 20 MiB and 2 passes, ~0.05–0.1 s on the reference machine (the INTERACTIVE preset took 0.4 s)
// — and the random bytes of session ids, CSRF tokens, API tokens and generated passwords. This
// is the only place Pitwall calls libsodium; its .cpp the only one that knows the parameters.
//
// A hash string carries its own parameters ("$argon2id$v=19$m=20480,t=2,p=1$..."), so raising
// them later keeps older hashes verifiable.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/base/result.hpp"

namespace pitwall::app::auth {

// The Argon2id hash string of `password`. Errors: kInternal when memory for the hash cannot be
// had.
core::Result<std::string> hash_password(std::string_view password);
// Whether `password` matches `hash` (a crypto_pwhash_str string); false for a malformed hash.
bool verify_password(std::string_view hash, std::string_view password);
// Spends what a verification spends, for an unknown user: the answer's time does not tell
// whether the name exists.
void verify_nothing(std::string_view password);
// `bytes` random bytes as unpadded base64url (43 characters for 32 bytes).
std::string random_secret(size_t bytes);
// A password to hand out: `length` characters from an alphabet without look-alikes.
std::string random_password(size_t length);

}  // namespace pitwall::app::auth
