//! The long-lived helper thread of [`super::join`]: one caller at a time hands it the second
//! part of a join, runs the first part itself, and waits for the helper to finish.
//!
//! This is the one place that needs `unsafe`: the part borrows from the caller's stack, which
//! a thread that outlives the call cannot be told through lifetimes. It is sound for the
//! reason `std::thread::scope` is: the caller does not return, nor unwind, before the helper
//! has said the part is done, and the helper does not touch the part after saying so.

use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

/// How long the helper waits awake for its next part, and a caller for the helper, before
/// sleeping: longer than the gaps between the parts of one analysis (at most about half a
/// millisecond for a 1 MB briefing), short enough to cost nothing between keystrokes.
const STAY_AWAKE: Duration = Duration::from_millis(1);

pub(super) struct Helper {
    /// Set by the one caller whose part the helper is running or about to run.
    claimed: AtomicBool,
    /// The part handed over and not yet taken, or null.
    job: AtomicPtr<Job>,
    /// The helper thread, or `None` if it could not be started.
    thread: OnceLock<Option<Thread>>,
}

/// A part handed to the helper; it lives on the caller's stack.
struct Job {
    /// The part, with its result written back into the caller's frame. It never unwinds.
    task: *mut (dyn FnMut() + Send),
    /// Set by the helper once `task` has run; the caller's frame may be gone right after.
    done: AtomicBool,
    caller: Thread,
}

static HELPER: Helper = Helper {
    claimed: AtomicBool::new(false),
    job: AtomicPtr::new(ptr::null_mut()),
    thread: OnceLock::new(),
};

/// The helper, if it is running and no other caller holds it; it is held until
/// [`Helper::join`] returns.
pub(super) fn claim() -> Option<&'static Helper> {
    let started = HELPER.thread.get_or_init(|| {
        thread::Builder::new()
            .name("analysis-helper".into())
            .spawn(|| HELPER.serve())
            .ok()
            .map(|handle| handle.thread().clone())
    });
    started.as_ref()?;
    HELPER
        .claimed
        .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
        .ok()
        .map(|_| &HELPER)
}

impl Helper {
    /// Runs `b` on the helper thread and `a` on this one; releases the helper.
    pub(super) fn join<A, B: Send>(
        &'static self,
        a: impl FnOnce() -> A,
        b: impl FnOnce() -> B + Send,
    ) -> (A, B) {
        let mut b = Some(b);
        let mut b_result = None;
        let mut task = || {
            if let Some(b) = b.take() {
                b_result = Some(panic::catch_unwind(AssertUnwindSafe(b)));
            }
        };
        let task: &mut (dyn FnMut() + Send + '_) = &mut task;
        // SAFETY: only the lifetime is erased (same fat pointer). The helper calls `task`
        // before setting `done`, and this frame waits for `done` below before it returns or
        // unwinds (`a` cannot unwind past it: it runs under `catch_unwind`).
        let task: *mut (dyn FnMut() + Send + 'static) = unsafe { std::mem::transmute(task) };
        let job = Job {
            task,
            done: AtomicBool::new(false),
            caller: thread::current(),
        };
        self.job
            .store(ptr::from_ref(&job).cast_mut(), Ordering::Release);
        if let Some(Some(helper)) = self.thread.get() {
            helper.unpark();
        }
        let a_result = panic::catch_unwind(AssertUnwindSafe(a));
        wait_awhile_then_park(|| job.done.load(Ordering::Acquire));
        self.claimed.store(false, Ordering::Release);
        match (a_result, b_result) {
            (Ok(a), Some(Ok(b))) => (a, b),
            (Err(panic), _) | (_, Some(Err(panic))) => panic::resume_unwind(panic),
            (Ok(_), None) => unreachable!("the helper set `done` without running the part"),
        }
    }

    /// The helper thread's loop: takes each part handed over, runs it, and says so.
    fn serve(&self) -> ! {
        loop {
            let mut job = ptr::null_mut();
            wait_awhile_then_park(|| {
                job = self.job.swap(ptr::null_mut(), Ordering::Acquire);
                !job.is_null()
            });
            // SAFETY: the caller that stored `job` keeps it alive until `done` is set, and
            // `task` is called once per job, here, never unwinding (see `join`).
            let job = unsafe { &*job };
            unsafe { (*job.task)() };
            let caller = job.caller.clone();
            job.done.store(true, Ordering::Release);
            // `job` may be gone from here on: only the clone of the caller's handle is used.
            caller.unpark();
        }
    }
}

/// Returns once `ready` is true: checks it in a busy loop for [`STAY_AWAKE`], then sleeps
/// between checks until unparked.
fn wait_awhile_then_park(mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    let mut checks: u32 = 0;
    while !ready() {
        checks = checks.wrapping_add(1);
        // Reading the clock costs more than a check: look at it every 64 checks.
        if checks.is_multiple_of(64) && start.elapsed() > STAY_AWAKE {
            thread::park();
        } else {
            std::hint::spin_loop();
        }
    }
}
