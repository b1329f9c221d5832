//! Bounds on the work one document may cost: the time its analysis may take on the thread analysing it,
//! and the prefix of an over-long text a bounded stage reads ([`prefix`]).
//!
//! Every stage is linear or bounded per document; this is the last guard against a pathological input the
//! bounds missed. The pipeline starts a budget before a document's analysis stages; a stage's outer loop
//! asks [`exhausted`] and stops early when it says so, keeping what it found, and the stage then notes in
//! the record's warnings that it was cut off ([`tripped`]). With no budget started, nothing is ever
//! exhausted.

use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static TRIPPED: Cell<bool> = const { Cell::new(false) };
}

/// A started budget; dropping it ends it.
pub struct Budget(());

impl Budget {
    /// Starts a budget of `limit` for the work this thread does until the returned value is dropped.
    pub fn start(limit: Duration) -> Budget {
        DEADLINE.with(|d| d.set(Instant::now().checked_add(limit)));
        TRIPPED.with(|t| t.set(false));
        Budget(())
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(None));
        TRIPPED.with(|t| t.set(false));
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a char boundary: the part of an
/// over-long text a bounded stage reads.
pub fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether this thread's budget is spent; a stage that asks and gets `true` should stop.
pub fn exhausted() -> bool {
    let out = DEADLINE.with(|d| d.get().is_some_and(|at| Instant::now() >= at));
    if out {
        TRIPPED.with(|t| t.set(true));
    }
    out
}

/// Whether a stage stopped early since the last call, clearing the mark: each stage asks after its run
/// to say in the record's warnings that it was cut off.
pub fn tripped() -> bool {
    TRIPPED.with(|t| t.replace(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_end_on_char_boundaries() {
        assert_eq!(prefix("héllo", 2), "h");
        assert_eq!(prefix("héllo", 3), "hé");
        assert_eq!(prefix("abc", 10), "abc");
    }

    #[test]
    fn a_spent_budget_is_exhausted_and_tripped_once() {
        assert!(!exhausted());
        let budget = Budget::start(Duration::ZERO);
        assert!(exhausted());
        assert!(tripped());
        assert!(!tripped());
        drop(budget);
        assert!(!exhausted());
        let _long = Budget::start(Duration::from_secs(3600));
        assert!(!exhausted() && !tripped());
    }
}
