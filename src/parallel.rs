//! Running two independent parts of one analysis at the same time. Large briefings are
//! analysed on two threads (this project's machines have two cores or more); small ones stay
//! on one, where starting a thread would cost more than it saves. The results never depend on
//! it: each part computes exactly what it would alone, and they are combined in a fixed order.
//!
//! The second part runs on one long-lived helper thread ([`helper`]) when it is free, and on
//! a new scoped thread when it is not (another analysis holds it). An analysis of a 1 MB
//! briefing joins five times; starting a thread for each cost about 60 µs of waiting each
//! time on this project's machines, while the helper, which stays awake for a moment after
//! each part, picks the next one up within a few microseconds.

use std::sync::OnceLock;

mod helper;

/// Texts from this size up are analysed on two threads.
const PARALLEL_FROM: usize = 64 * 1024;

/// Whether a text of `len` bytes is worth a second thread.
pub fn worth_it(len: usize) -> bool {
    static CORES: OnceLock<usize> = OnceLock::new();
    let cores = *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    len >= PARALLEL_FROM && cores > 1
}

/// Runs `a` and `b`, on two threads when `parallel`, and returns both results. A panic in
/// either is passed on once both have finished.
pub fn join<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !parallel {
        return (a(), b());
    }
    if let Some(helper) = helper::claim() {
        return helper.join(a, b);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn both_parts_run_and_borrow_from_the_caller() {
        let words = ["a".to_owned(), "b".to_owned()];
        for _ in 0..1000 {
            let (x, y) = join(true, || words[0].clone(), || words[1].clone());
            assert_eq!((x.as_str(), y.as_str()), ("a", "b"));
        }
    }

    #[test]
    fn nested_and_concurrent_joins_finish() {
        let count = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..200 {
                        join(
                            true,
                            || join(true, || count.fetch_add(1, Ordering::Relaxed), || ()),
                            || count.fetch_add(1, Ordering::Relaxed),
                        );
                    }
                });
            }
        });
        assert_eq!(count.load(Ordering::Relaxed), 4 * 200 * 2);
    }

    #[test]
    fn a_panic_in_either_part_reaches_the_caller_after_both_finish() {
        for second_panics in [false, true] {
            let finished = AtomicUsize::new(0);
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                join(
                    true,
                    || {
                        if !second_panics {
                            panic!("first");
                        }
                        finished.fetch_add(1, Ordering::SeqCst);
                    },
                    || {
                        std::thread::sleep(std::time::Duration::from_millis(5));
                        if second_panics {
                            panic!("second");
                        }
                        finished.fetch_add(1, Ordering::SeqCst);
                    },
                )
            }));
            assert!(outcome.is_err());
            // The part that did not panic ran to its end before the panic was passed on.
            assert_eq!(finished.load(Ordering::SeqCst), 1);
        }
        // The helper survives a panic in a part it ran.
        assert_eq!(join(true, || 1, || 2), (1, 2));
    }
}
