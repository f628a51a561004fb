//! The allocator's settings, for every entry point: the server, `check` and the benchmarks
//! (which measure what users run).
//!
//! - **One arena.** An analysis is built on one thread and dropped on another; with glibc's
//!   default of one arena per thread those frees cross arenas, which made a keystroke in a
//!   1 MB briefing about 1.6 times slower and left each arena holding its own free pages.
//! - **No fresh pages per analysis.** glibc serves blocks above its mmap threshold (128 KB
//!   at first, raised as such blocks are freed) with new mappings, and gives the top of the
//!   heap back after every large free. An analysis of a 1 MB briefing allocates tens of
//!   megabytes of short-lived blocks (the parser's tree, words, tokens, copies of the prose),
//!   so every analysis faulted in and zeroed new pages: about 2 ms of system time per
//!   analysis, and a second parsing thread made it worse. Blocks are now taken from the heap
//!   up to 32 MB (glibc's largest threshold) and kept for reuse; the server gives them back
//!   once typing pauses (`server::memory`), so resident memory at rest is unchanged.

/// Sets the allocator up; call before any thread starts.
pub fn configure() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            /// glibc: sets an allocator parameter; always safe to call.
            safe fn mallopt(param: i32, value: i32) -> i32;
        }
        // Parameter numbers from glibc's `malloc.h`.
        const M_TRIM_THRESHOLD: i32 = -1;
        const M_MMAP_THRESHOLD: i32 = -3;
        const M_ARENA_MAX: i32 = -8;
        mallopt(M_ARENA_MAX, 1);
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    }
}

/// Gives free heap pages back to the system.
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            /// glibc: releases free memory at the top of the heap and free whole pages inside
            /// every arena; always safe to call.
            safe fn malloc_trim(pad: usize) -> i32;
        }
        malloc_trim(0);
    }
}
