// What a fresh page of memory costs on this machine: maps N GB one GB at a time, touches one byte
// per 4 KB page of each, and prints the seconds per GB. On our 2-core VMs the first few GB in
// use take ~0.5 s/GB and the rest ~3.5-5 s/GB; where the step lies moves from run to run
// (bench/README.md, "Session 5"). Memory use counts with everything else running.
//
//   build/bench/fault_cost 8
#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  const int gigabytes = argc > 1 ? std::atoi(argv[1]) : 4;
  constexpr size_t kGiB = size_t{1} << 30;
  for (int g = 0; g < gigabytes; ++g) {
    void* map = mmap(nullptr, kGiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
      std::perror("mmap");
      return 1;
    }
    auto* bytes = static_cast<volatile char*>(map);
    auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < kGiB; i += 4096) bytes[i] = 1;
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("GB %d: %.3f s\n", g, took.count());
  }
  return 0;
}
