//! Logs that store a run of like entries as one (the undo log, the statement's after-trigger
//! queue, the deferred checks), and the marks that keep a run from growing across them.

/// An entry that can take the next one into itself when that one continues it (the next row
/// slot of the same table, the next row checked for the same constraint).
pub trait Absorb {
    /// Merges `next` into `self` and returns true, or returns false and leaves both alone.
    /// Only an entry that owns no memory (a run of slots) is ever merged: [`RunList::push`]
    /// forgets it instead of dropping it.
    fn absorb(&mut self, next: &Self) -> bool;
    /// How many single events this entry stands for.
    fn weight(&self) -> usize {
        1
    }
}

/// Extends the run of slots `run` with `next` when `next` starts where it ends.
#[inline]
pub fn join_runs(run: &mut std::ops::Range<u32>, next: &std::ops::Range<u32>) -> bool {
    if run.end != next.start {
        return false;
    }
    run.end = next.end;
    true
}

/// Entries in order. Entries before the seal (a mark: statement start, savepoint; or what has
/// already fired) are never extended, so going back to a mark or firing in order sees each
/// event exactly once.
#[derive(Debug, Clone)]
pub struct RunList<T> {
    items: Vec<T>,
    sealed: usize,
}

impl<T> Default for RunList<T> {
    fn default() -> Self {
        RunList { items: Vec::new(), sealed: 0 }
    }
}

impl<T: Absorb> RunList<T> {
    /// Appends an event, merged into the last entry when it continues it.
    #[inline]
    pub fn push(&mut self, event: T) {
        if self.items.len() > self.sealed
            && let Some(last) = self.items.last_mut()
            && last.absorb(&event)
        {
            // A merged entry owns nothing (see `Absorb::absorb`): no drop to run, and the
            // compiler is spared the drop of the entries that do own memory on this hot path.
            std::mem::forget(event);
            return;
        }
        self.items.push(event);
    }

    /// The current length, as a mark to truncate back to; entries so far are sealed.
    pub fn mark(&mut self) -> usize {
        self.seal(self.items.len());
        self.items.len()
    }

    /// Seals the first `n` entries (at least).
    pub fn seal(&mut self, n: usize) {
        self.sealed = self.sealed.max(n);
    }

    /// The entry at `i`.
    pub fn get(&self, i: usize) -> Option<&T> {
        self.items.get(i)
    }

    /// Puts `with` at `i` (a sealed entry) and returns what was there.
    pub fn replace(&mut self, i: usize, with: T) -> Option<T> {
        self.items.get_mut(i).map(|slot| std::mem::replace(slot, with))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when nothing is queued.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many single events the list stands for.
    pub fn count(&self) -> usize {
        self.items.iter().map(Absorb::weight).sum()
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.iter()
    }

    /// Removes and returns the last entry.
    pub fn pop(&mut self) -> Option<T> {
        let last = self.items.pop();
        self.sealed = self.sealed.min(self.items.len());
        last
    }

    /// Takes every entry out, leaving the list empty and unsealed.
    pub fn take(&mut self) -> Vec<T> {
        self.sealed = 0;
        std::mem::take(&mut self.items)
    }
}
