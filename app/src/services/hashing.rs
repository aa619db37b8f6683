//! The bounded queue every password and PIN hash goes through.
//!
//! An argon2id hash takes about 19 MiB and a good part of a core for tens of
//! milliseconds. Hashing a password for every request that asks would let a
//! flood of sign-ins take all the memory there is, so hashes run on a fixed
//! set of worker threads (one per core, at most four) that each keep one
//! argon2 memory block for good, at most `queue` requests may be waiting or
//! running at once, and none waits longer than `wait`: beyond that the
//! answer is `503 Service Unavailable` with `Retry-After`, and memory stays
//! flat. (Hashing on tokio's blocking pool instead would spread the 19 MiB
//! blocks over as many threads as were ever busy, each keeping its own.)

use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

use crate::error::AppError;

/// A worker's own memory for argon2, kept between hashes.
pub struct Scratch {
    blocks: Vec<Block>,
}

/// Stored hashes whose memory cost is larger than this are refused rather
/// than hashed (Hearth writes 19 MiB ones).
const MAX_MEMORY_KIB: u32 = 64 * 1024;

impl Scratch {
    fn blocks_for(&mut self, params: &Params) -> &mut [Block] {
        let count = params.block_count();
        if self.blocks.len() < count {
            self.blocks.resize(count, Block::default());
        }
        &mut self.blocks[..count]
    }

    /// An argon2id PHC string for `password` with Hearth's parameters
    /// (argon2's defaults) and a random salt.
    pub fn hash(&mut self, password: &[u8]) -> Result<String, AppError> {
        use rand::RngCore;
        let params = Params::default();
        let mut salt_bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut salt_bytes);
        let salt = SaltString::encode_b64(&salt_bytes).map_err(AppError::internal)?;
        let mut out = [0u8; 32];
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        argon
            .hash_password_into_with_memory(
                password,
                &salt_bytes,
                &mut out,
                self.blocks_for(&params),
            )
            .map_err(AppError::internal)?;
        let hash = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: (&params).try_into().map_err(AppError::internal)?,
            salt: Some(salt.as_salt()),
            hash: Some(Output::new(&out).map_err(AppError::internal)?),
        };
        Ok(hash.to_string())
    }

    /// Whether `password` matches a stored argon2 PHC string.
    pub fn verify(&mut self, password: &[u8], stored: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(stored) else {
            return false;
        };
        let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
            Algorithm::try_from(parsed.algorithm),
            Params::try_from(&parsed),
            parsed.salt,
            parsed.hash,
        ) else {
            return false;
        };
        if params.m_cost() > MAX_MEMORY_KIB {
            return false;
        }
        let version = parsed
            .version
            .and_then(|v| Version::try_from(v).ok())
            .unwrap_or(Version::V0x13);
        let mut salt_bytes = [0u8; 64];
        let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
            return false;
        };
        let mut out = vec![0u8; expected.len()];
        let argon = Argon2::new(algorithm, version, params.clone());
        if argon
            .hash_password_into_with_memory(password, salt, &mut out, self.blocks_for(&params))
            .is_err()
        {
            return false;
        }
        // Output compares in constant time.
        Output::new(&out).is_ok_and(|computed| computed == expected)
    }
}

type Job = Box<dyn FnOnce(&mut Scratch) + Send>;

#[derive(Debug)]
pub struct HashQueue {
    jobs: SyncSender<Job>,
    queue: Arc<Semaphore>,
    queue_size: usize,
    wait: Duration,
}

impl HashQueue {
    /// One worker per core (at most four), sixteen in line per worker, a
    /// two-second wait.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let workers = cores.clamp(1, 4);
        HashQueue::new(workers, workers * 16, Duration::from_secs(2))
    }

    pub fn new(workers: usize, queue: usize, wait: Duration) -> Self {
        let queue_size = queue.max(workers);
        let (jobs, receiver) = sync_channel::<Job>(queue_size);
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..workers {
            let receiver = receiver.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("hearth-hash-{n}"))
                .spawn(move || work(&receiver));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a hashing thread");
            }
        }
        HashQueue {
            jobs,
            queue: Arc::new(Semaphore::new(queue_size)),
            queue_size,
            wait,
        }
    }

    /// Runs `job` (a hash or a check) on a hashing worker; `Busy` when the
    /// line is full or the wait too long.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Scratch) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let busy = AppError::Busy {
            retry_after_secs: self.wait.as_secs().max(1),
        };
        let Ok(place) = self.queue.clone().try_acquire_owned() else {
            return Err(busy);
        };
        let (done, answer) = oneshot::channel();
        let wrapped: Job = Box::new(move |scratch: &mut Scratch| {
            run_one(place, done, scratch, job);
        });
        match self.jobs.try_send(wrapped) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(busy),
            Err(TrySendError::Disconnected(_)) => {
                return Err(AppError::internal("no hashing worker is running"));
            }
        }
        match tokio::time::timeout(self.wait, answer).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(gone)) => Err(AppError::internal(gone)),
            // The job stays in line and is skipped when its turn comes.
            Err(_) => Err(busy),
        }
    }

    /// Hashes waiting or running right now (for metrics).
    pub fn in_use(&self) -> usize {
        self.queue_size - self.queue.available_permits()
    }
}

/// One job: skipped if whoever asked has stopped waiting; the place in
/// line is given back when it ends either way.
fn run_one<T>(
    place: OwnedSemaphorePermit,
    done: oneshot::Sender<T>,
    scratch: &mut Scratch,
    job: impl FnOnce(&mut Scratch) -> T,
) {
    let _place = place;
    if !done.is_closed() {
        let _ = done.send(job(scratch));
    }
}

fn work(receiver: &Mutex<Receiver<Job>>) {
    let mut scratch = Scratch { blocks: Vec::new() };
    loop {
        let job = match receiver.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        match job {
            Ok(job) => job(&mut scratch),
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_only_their_own_password_and_read_argon2_s_own_strings() {
        let queue = HashQueue::new(1, 4, Duration::from_secs(10));
        let hash = queue
            .run(|s| s.hash(b"correct horse battery"))
            .await
            .unwrap()
            .unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        let ok = {
            let hash = hash.clone();
            queue
                .run(move |s| s.verify(b"correct horse battery", &hash))
                .await
                .unwrap()
        };
        assert!(ok);
        let wrong = queue
            .run(move |s| s.verify(b"wrong horse battery", &hash))
            .await
            .unwrap();
        assert!(!wrong);
        // A hash written by the argon2 crate's own API (as Hearth stored
        // them before this queue) verifies too.
        use argon2::PasswordHasher;
        let salt = SaltString::encode_b64(&[9u8; 16]).unwrap();
        let older = Argon2::default()
            .hash_password(b"an older password", &salt)
            .unwrap()
            .to_string();
        let ok = queue
            .run(move |s| s.verify(b"an older password", &older))
            .await
            .unwrap();
        assert!(ok);
        assert!(!Scratch { blocks: Vec::new() }.verify(b"x", "not a hash"));
    }

    #[tokio::test]
    async fn a_full_line_answers_busy_at_once_and_a_late_job_is_skipped() {
        let queue = Arc::new(HashQueue::new(1, 2, Duration::from_millis(200)));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let hold = Arc::new(Mutex::new(hold));
        // One job runs (holding the only worker), one waits: the line is full.
        let running = {
            let (queue, hold) = (queue.clone(), hold.clone());
            tokio::spawn(async move { queue.run(move |_| hold.lock().unwrap().recv().ok()).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let ran_late = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let waiting = {
            let (queue, ran_late) = (queue.clone(), ran_late.clone());
            tokio::spawn(async move {
                queue
                    .run(move |_| ran_late.store(true, std::sync::atomic::Ordering::SeqCst))
                    .await
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(queue.in_use(), 2);
        match queue.run(|_| 3).await {
            Err(AppError::Busy { retry_after_secs }) => assert_eq!(retry_after_secs, 1),
            other => panic!("a third job should be refused, got {other:?}"),
        }
        // Both give up after the wait; the running one finishes anyway once
        // released, and the waiting one is skipped when its turn comes.
        assert!(matches!(waiting.await.unwrap(), Err(AppError::Busy { .. })));
        assert!(matches!(running.await.unwrap(), Err(AppError::Busy { .. })));
        release.send(()).unwrap();
        for _ in 0..100 {
            if queue.in_use() == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(queue.in_use(), 0, "both places in line are given back");
        assert!(!ran_late.load(std::sync::atomic::Ordering::SeqCst));
        assert_eq!(queue.run(|_| 4).await.unwrap(), 4);
    }
}
