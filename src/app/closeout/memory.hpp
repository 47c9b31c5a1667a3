#pragma once
// How the process allocates memory while a close-out runs. These settings are process-wide:
// the command line applies them (one command per process); a long-lived server runs the
// close-out in a worker process of its own (run.hpp, run_in_worker) so that they never touch
// the memory of its other requests.

namespace pitwall::app::closeout {

// Keeps freed memory in the process for the next allocation instead of returning it to the
// kernel. The close-out allocates and frees arrays of a few hundred MB stage after stage (10M
// orders); by default glibc maps each one fresh and unmaps it when freed, and every fresh page
// is faulted in again: about 0.6 s per GB on our 2-core VMs, and faults of two threads do not
// overlap. With this, `closeout run` on 10M orders spends half the system time (bench/README.md).
// Not for import: its growing buffers are moved with mremap when mapped, and would fragment the
// heap instead (peak memory +30% at 1M rows).
void keep_freed_memory();
// Hands the heap's free pages back to the kernel now (malloc_trim): after a computation whose
// intermediate arrays are freed, so that the next phase does not hold their pages as well.
// `closeout run` calls it after the pipeline: at 10M orders the heap falls from ~2.2 GB to
// ~1.1 GB (13 ms) before the stored run is written.
void return_freed_memory();

// Has glibc's allocator back its heap with transparent huge pages (2 MB), by starting the
// program again with the tunable glibc.malloc.hugetlb=1 added to GLIBC_TUNABLES: glibc reads its
// tunables only when a process starts. Call first thing in main(), with main's argv; returns
// when the tunable is already set (or the program cannot be started again, or this is not
// glibc), and otherwise does not return. On our VMs, where the kernel gives huge pages only to
// memory that asks for them (transparent_hugepage=madvise), the close-out on 10M orders takes a
// sixth less time: a thirtieth of the page faults and far fewer TLB misses in its hash tables
// and scattered reads (bench/README.md, "Session 6"). Set PITWALL_HUGE_PAGES=0 to leave the
// allocator as it is.
void use_huge_pages(char** argv);

}  // namespace pitwall::app::closeout
