// Fingerprints (fingerprint.hpp): texts that differ anywhere, including in the short tail read
// without a copy, get different fingerprints; equal texts from different pools match.
#include "core/closeout/fingerprint.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace pitwall::core::closeout {
namespace {

std::pair<uint64_t, uint32_t> key(const Fingerprint& f) { return {f.hi, f.lo}; }

TEST(Fingerprint, EveryOneByteChangeOfEveryLengthChangesTheFingerprint) {
  // For each length 1..24, the text of 'a's and the texts with one position set to 'b': 1 + n
  // distinct texts per length, 24 + 300 = 324 in all, and the empty text.
  std::set<std::pair<uint64_t, uint32_t>> seen;
  size_t texts = 1;
  seen.insert(key(fingerprint("")));
  for (size_t n = 1; n <= 24; ++n) {
    std::string base(n, 'a');
    seen.insert(key(fingerprint(base)));
    ++texts;
    for (size_t i = 0; i < n; ++i) {
      std::string t = base;
      t[i] = 'b';
      seen.insert(key(fingerprint(t)));
      ++texts;
    }
  }
  EXPECT_EQ(texts, 325u);
  EXPECT_EQ(seen.size(), texts);
}

TEST(Fingerprint, ZeroBytesAndLengthAreTold) {
  // A tail of zero bytes must not look like a shorter text.
  std::string one("x"), two("x\0", 2), three("x\0\0", 3);
  EXPECT_NE(key(fingerprint(one)), key(fingerprint(two)));
  EXPECT_NE(key(fingerprint(two)), key(fingerprint(three)));
  // Texts of different lengths whose words differ exactly as their lengths do ("b" is 1 byte,
  // "ab" 2, and both read as the same bytes): the length must not cancel out.
  EXPECT_NE(key(fingerprint("b")), key(fingerprint("ab")));
  EXPECT_NE(key(fingerprint(std::string("\x03", 1))), key(fingerprint(std::string("\0\0", 2))));
  EXPECT_NE(key(fingerprint("baaaa")), key(fingerprint("aaaaaa")));
}

TEST(Fingerprint, SameTextInsideLongerBuffersGivesTheSameFingerprint) {
  // The reads never depend on bytes outside the text.
  std::string a = "XXC0001234567YY", b = "--C0001234567--";
  EXPECT_EQ(key(fingerprint(std::string_view(a).substr(2, 11))),
            key(fingerprint(std::string_view(b).substr(2, 11))));
  EXPECT_EQ(key(fingerprint(std::string_view(a).substr(2, 3))),
            key(fingerprint(std::string_view(b).substr(2, 3))));
}

TEST(Fingerprint, JoinFindsTheLastEqualBuildTextForEachProbe) {
  StringPool build_pool, probe_pool;
  std::vector<uint32_t> build, probe;
  for (const char* t : {"C1", "C22", "C333", "C1", "C4444444"})
    build.push_back(build_pool.intern(t));
  for (const char* t : {"C4444444", "C5", "C1", "C333"}) probe.push_back(probe_pool.intern(t));
  // Build texts by index: 0 C1, 1 C22, 2 C333, 3 C1 (same pool id as 0), 4 C4444444.
  std::vector<uint32_t> got =
      join_fingerprints(TextList{&build_pool, build}, TextList{&probe_pool, probe}, 2);
  EXPECT_EQ(got, (std::vector<uint32_t>{4, kNone, 3, 2}));
}

}  // namespace
}  // namespace pitwall::core::closeout
