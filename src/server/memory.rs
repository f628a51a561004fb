//! The allocator's settings for the server, and giving freed memory back to the system after
//! the results of a large document.
//!
//! An analysis is built on a blocking thread and dropped on a runtime thread; with glibc's
//! default of one arena per thread those frees cross arenas, which made a keystroke in a 1 MB
//! briefing about 1.6 times slower and left each arena holding its own free pages. The server
//! uses one arena (its threads rarely allocate at the same time).
//!
//! Publishing the diagnostics of a large briefing allocates transient copies many times the
//! size of the text (the JSON tree `tower-lsp-server` builds, the analysis' words and tokens);
//! glibc keeps the freed pages in its per-thread arenas, so resident memory stayed at about
//! 50 MB after a keystroke in a 1 MB briefing although the live data is a fraction of it.
//! Trimming costs milliseconds (it consolidates every free chunk), so it runs once typing
//! pauses, not after every keystroke.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Sets the allocator up; call before any thread starts.
pub fn configure() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            /// glibc: sets an allocator parameter; always safe to call.
            safe fn mallopt(param: i32, value: i32) -> i32;
        }
        /// `M_ARENA_MAX` in glibc's `malloc.h`.
        const M_ARENA_MAX: i32 = -8;
        mallopt(M_ARENA_MAX, 1);
    }
}

/// Texts from this size up give their transient memory back once the server is quiet.
const TRIM_FROM: usize = 256 * 1024;

/// How long after the last publish of a large text the memory is trimmed.
pub const QUIET: Duration = Duration::from_millis(300);

/// Bumped by every publish of a large text; a trim runs only if none came after it.
static PUBLISHES: AtomicU64 = AtomicU64::new(0);

/// After work on a text of `len` bytes (call from the runtime): returns free heap pages to the
/// system once no other large publish has followed for [`QUIET`].
pub fn release_after(len: usize) {
    if len < TRIM_FROM {
        return;
    }
    let publish = PUBLISHES.fetch_add(1, Ordering::SeqCst) + 1;
    tokio::spawn(async move {
        tokio::time::sleep(QUIET).await;
        if PUBLISHES.load(Ordering::SeqCst) == publish {
            let _ = tokio::task::spawn_blocking(trim).await;
        }
    });
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn trim() {
    unsafe extern "C" {
        /// glibc: releases free memory at the top of the heap and free whole pages inside
        /// every arena; always safe to call.
        safe fn malloc_trim(pad: usize) -> i32;
    }
    malloc_trim(0);
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() {}
