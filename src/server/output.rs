//! The protocol's output: every framed message goes to stdout through one writer thread, in the
//! order it was handed over.
//!
//! `tower-lsp-server` writes its messages (responses, the server's requests and notifications)
//! through [`Stdout`], which hands whole frames to the writer thread. The server's own
//! `publishDiagnostics` take the other door, [`Output::send`]: the library would first turn the
//! parameters into a `serde_json::Value` tree (for 3,800 diagnostics of a 1 MB briefing, over
//! 100,000 small allocations and a tree many times the size of the JSON) and then print that;
//! here they are serialised straight from the analysis into one buffer. Both doors end in the
//! same queue, so a frame is never interleaved with another; publishes themselves keep their
//! order because all of them, clears included, go through [`Output::send`] under the publish
//! lock.
//!
//! `tokio_util`'s `FramedWrite` hands its whole buffer to `poll_write`, which here always takes
//! all of it, so each write is a run of whole frames.

use std::io::Write;
use std::pin::Pin;
use std::sync::mpsc;
use std::task::{Context, Poll};
use std::time::Duration;

use serde::Serialize;

enum Job {
    /// Bytes to write: `bytes[start..]`.
    Frame { bytes: Vec<u8>, start: usize },
    /// Everything before has been written: say so and stop.
    Finish(mpsc::Sender<()>),
}

/// The writer thread's queue; cheap to clone.
#[derive(Clone)]
pub struct Output {
    jobs: mpsc::Sender<Job>,
}

/// Room kept in front of a message for its `Content-Length` header.
const HEADER_ROOM: usize = 40;

impl Output {
    /// Starts the writer thread on `sink` (stdout in the server).
    pub fn start(mut sink: impl Write + Send + 'static) -> std::io::Result<Output> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("briefing-lsp-out".to_owned())
            .spawn(move || {
                while let Ok(job) = queue.recv() {
                    match job {
                        Job::Frame { bytes, start } => {
                            let written = sink.write_all(&bytes[start..]);
                            if let Err(error) = written.and_then(|()| sink.flush()) {
                                tracing::error!("cannot write to the client: {error}");
                                return;
                            }
                        }
                        Job::Finish(done) => {
                            let _ = sink.flush();
                            let _ = done.send(());
                            return;
                        }
                    }
                }
            })?;
        Ok(Output { jobs })
    }

    /// Queues one message; false when the writer has stopped (the client is gone).
    pub fn send(&self, message: &impl Serialize) -> bool {
        self.send_with(|bytes| serde_json::to_writer(bytes, message))
    }

    /// Queues the message `write` appends to the buffer it is given.
    pub fn send_with(&self, write: impl FnOnce(&mut Vec<u8>) -> serde_json::Result<()>) -> bool {
        let mut bytes = Vec::with_capacity(64 * 1024);
        bytes.resize(HEADER_ROOM, b' ');
        if let Err(error) = write(&mut bytes) {
            tracing::error!("cannot serialise a message: {error}");
            return true;
        }
        let header = format!("Content-Length: {}\r\n\r\n", bytes.len() - HEADER_ROOM);
        let start = HEADER_ROOM - header.len();
        bytes[start..HEADER_ROOM].copy_from_slice(header.as_bytes());
        self.jobs.send(Job::Frame { bytes, start }).is_ok()
    }

    /// Waits up to `timeout` for everything queued so far to be written, then stops the writer.
    pub fn finish(&self, timeout: Duration) {
        let (done, wait) = mpsc::channel();
        if self.jobs.send(Job::Finish(done)).is_ok() {
            let _ = wait.recv_timeout(timeout);
        }
    }

    /// The door for `tower-lsp-server`'s own messages.
    pub fn stdout(&self) -> Stdout {
        Stdout {
            output: self.clone(),
        }
    }
}

/// An `AsyncWrite` that hands every buffer whole to the writer thread.
pub struct Stdout {
    output: Output,
}

impl tokio::io::AsyncWrite for Stdout {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let job = Job::Frame {
            bytes: buf.to_vec(),
            start: 0,
        };
        Poll::Ready(match self.output.jobs.send(job) {
            Ok(()) => Ok(buf.len()),
            Err(_) => Err(std::io::ErrorKind::BrokenPipe.into()),
        })
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}
