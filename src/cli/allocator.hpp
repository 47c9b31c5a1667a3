#pragma once
// How the process allocates memory, set per command.

namespace pitwall::cli {

// Keeps freed memory in the process for the next allocation instead of returning it to the
// kernel. The close-out allocates and frees arrays of a few hundred MB stage after stage (10M
// orders); by default glibc maps each one fresh and unmaps it when freed, and every fresh page
// is faulted in again: about 0.6 s per GB on our 2-core VMs, and faults of two threads do not
// overlap. With this, `closeout run` on 10M orders spends half the system time (bench/README.md).
// Not for import: its growing buffers are moved with mremap when mapped, and would fragment the
// heap instead (peak memory +30% at 1M rows).
void keep_freed_memory();

}  // namespace pitwall::cli
