//! Argon2id password hashing, off the async threads.

use std::sync::{mpsc, Arc, Mutex, OnceLock};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::AppError;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 1000;

pub fn hash_blocking(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("argon2 hash: {e}")))
}

fn verify_blocking(hash: &str, password: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash that matches no password, verified when the account does not exist so that a
/// login for an unknown e-mail takes as long as one for a known e-mail.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("no password matches this one, ever").unwrap_or_default())
}

/// Argon2id needs ~19 MiB per hash. Hashes run on a small pool of dedicated threads (one
/// per core): this bounds the concurrent hashes, and each thread reuses its own allocator
/// arena. The login benchmark showed 3.4–4.4 GiB resident under a login flood when hashes
/// ran on tokio's blocking pool (up to hundreds of threads, one arena each).
type Job = Box<dyn FnOnce() + Send + 'static>;

fn pool() -> Option<&'static Mutex<mpsc::Sender<Job>>> {
    static POOL: OnceLock<Option<Mutex<mpsc::Sender<Job>>>> = OnceLock::new();
    POOL.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        for i in 0..workers {
            let rx = Arc::clone(&rx);
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || loop {
                    let job = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
            if spawned.is_err() {
                return None;
            }
        }
        Some(Mutex::new(tx))
    })
    .as_ref()
}

async fn run<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    let pool = pool()
        .ok_or_else(|| AppError::Internal("password hashing threads could not start".into()))?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = tx.send(f());
    });
    pool.lock()
        .map_err(|_| AppError::Internal("password pool poisoned".into()))?
        .send(job)
        .map_err(|_| AppError::Internal("password pool stopped".into()))?;
    rx.await
        .map_err(|_| AppError::Internal("password job dropped".into()))
}

pub async fn hash(password: String) -> Result<String, AppError> {
    run(move || hash_blocking(&password)).await?
}

/// Verifies `password` against `hash`; with no hash, burns the same time and answers false.
pub async fn verify(hash: Option<String>, password: String) -> Result<bool, AppError> {
    run(move || match hash {
        Some(h) => verify_blocking(&h, &password),
        None => {
            let _ = verify_blocking(dummy_hash(), &password);
            false
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash_blocking("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_blocking(&h, "correct horse battery"));
        assert!(!verify_blocking(&h, "wrong horse battery"));
    }
}
