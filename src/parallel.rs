//! Running two independent parts of one analysis at the same time. Large briefings are
//! analysed on two threads (this project's machines have two cores or more); small ones stay
//! on one, where starting a thread would cost more than it saves. The results never depend on
//! it: each part computes exactly what it would alone, and they are combined in a fixed order.

use std::sync::OnceLock;

/// Texts from this size up are analysed on two threads.
const PARALLEL_FROM: usize = 64 * 1024;

/// Whether a text of `len` bytes is worth a second thread.
pub fn worth_it(len: usize) -> bool {
    static CORES: OnceLock<usize> = OnceLock::new();
    let cores = *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    len >= PARALLEL_FROM && cores > 1
}

/// Runs `a` and `b`, on two threads when `parallel`, and returns both results.
pub fn join<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !parallel {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let b = scope.spawn(b);
        let a = a();
        match b.join() {
            Ok(b) => (a, b),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}
