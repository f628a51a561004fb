//! Giving freed memory back to the system after the results of a large document.
//!
//! Publishing the diagnostics of a large briefing allocates transient copies many times the
//! size of the text (the JSON tree `tower-lsp-server` builds, the analysis' words and tokens);
//! the allocator keeps the freed pages for the next analysis (`crate::allocator`), so resident
//! memory would stay at about 50 MB after a keystroke in a 1 MB briefing although the live
//! data is a fraction of it. Trimming costs milliseconds (it consolidates every free chunk),
//! so it runs once typing pauses, not after every keystroke.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How long after the last publish the memory is trimmed.
pub const QUIET: Duration = Duration::from_millis(300);

/// Bumped by every publish; a trim runs only if none came after it.
static PUBLISHES: AtomicU64 = AtomicU64::new(0);

/// After a publish (call from the runtime): returns free heap pages to the system once no
/// other publish has followed for [`QUIET`]. Every text's, not only large ones': the allocator
/// keeps what an analysis freed (`crate::allocator`).
pub fn release_after() {
    let publish = PUBLISHES.fetch_add(1, Ordering::SeqCst) + 1;
    tokio::spawn(async move {
        tokio::time::sleep(QUIET).await;
        if PUBLISHES.load(Ordering::SeqCst) == publish {
            let _ = tokio::task::spawn_blocking(trim).await;
        }
    });
}

fn trim() {
    crate::allocator::trim();
}
