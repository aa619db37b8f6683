//! The bounded queue every password and PIN hash goes through.
//!
//! An argon2id hash takes about 19 MiB and a good part of a core for tens of
//! milliseconds. Hashing a password for every request that asks would let a
//! flood of sign-ins take all the memory there is, so at most `workers`
//! hashes run at once (one per core), at most `queue` requests wait for
//! one, and none waits longer than `wait`: beyond that the answer is
//! `503 Service Unavailable` with `Retry-After`, and memory stays flat.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::error::AppError;

#[derive(Debug)]
pub struct HashQueue {
    workers: Arc<Semaphore>,
    queue: Semaphore,
    queue_size: usize,
    wait: Duration,
}

impl HashQueue {
    /// One worker per core (at most four), sixteen waiting per worker, a
    /// two-second wait.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let workers = cores.clamp(1, 4);
        HashQueue::new(workers, workers * 16, Duration::from_secs(2))
    }

    pub fn new(workers: usize, queue: usize, wait: Duration) -> Self {
        let queue_size = queue.max(workers);
        HashQueue {
            workers: Arc::new(Semaphore::new(workers)),
            queue: Semaphore::new(queue_size),
            queue_size,
            wait,
        }
    }

    /// Runs `job` (a hash or a verification) on a blocking thread once a
    /// worker is free; `Busy` when the queue is full or the wait too long.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let busy = AppError::Busy {
            retry_after_secs: self.wait.as_secs().max(1),
        };
        let Ok(_in_line) = self.queue.try_acquire() else {
            return Err(busy);
        };
        let worker =
            match tokio::time::timeout(self.wait, self.workers.clone().acquire_owned()).await {
                Ok(Ok(permit)) => permit,
                Ok(Err(closed)) => return Err(AppError::internal(closed)),
                Err(_) => return Err(busy),
            };
        // The permit moves into the job: a client that hangs up does not
        // free the worker while its hash still runs.
        tokio::task::spawn_blocking(move || {
            let _worker = worker;
            job()
        })
        .await
        .map_err(AppError::internal)
    }

    /// Hashes running or waiting right now (for metrics).
    pub fn in_use(&self) -> usize {
        self.queue_size - self.queue.available_permits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_queue_answers_busy_at_once_and_memory_stays_bounded() {
        let queue = Arc::new(HashQueue::new(1, 2, Duration::from_millis(200)));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let hold = Arc::new(std::sync::Mutex::new(hold));
        // One job runs (holding the worker), one waits: the queue is full.
        let running = {
            let (queue, hold) = (queue.clone(), hold.clone());
            tokio::spawn(async move { queue.run(move || hold.lock().unwrap().recv().ok()).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let waiting = {
            let queue = queue.clone();
            tokio::spawn(async move { queue.run(|| 2).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(queue.in_use(), 2);
        match queue.run(|| 3).await {
            Err(AppError::Busy { retry_after_secs }) => assert_eq!(retry_after_secs, 1),
            other => panic!("a third job should be refused, got {other:?}"),
        }
        // The waiting one gives up after the wait.
        assert!(matches!(waiting.await.unwrap(), Err(AppError::Busy { .. })));
        release.send(()).unwrap();
        assert_eq!(running.await.unwrap().unwrap(), Some(()));
        assert_eq!(queue.in_use(), 0);
        assert_eq!(queue.run(|| 4).await.unwrap(), 4);
    }
}
