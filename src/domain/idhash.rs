//! A fast hasher for maps whose keys are our own ids (the question bank's index): SipHash
//! guards a map against keys chosen to collide, which keys we wrote ourselves cannot be.
//! Maps keyed by what a workspace file holds keep the standard hasher.
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash's mix over 8-byte words (as rustc hashes its own identifiers).
#[derive(Debug, Default, Clone, Copy)]
pub struct IdHasher(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ rest.len() as u64);
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by our own ids.
pub type IdMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bank_id_finds_its_question_and_distinct_ids_hash_apart() {
        let c = crate::domain::catalog::Catalog::builtin();
        for (i, q) in c.questions.iter().enumerate() {
            assert_eq!(c.position(&q.id), Some(i), "{}", q.id);
        }
        assert_eq!(c.position("NOT-AN-ID"), None);
        let hash = |s: &str| {
            let mut h = IdHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        let ids: std::collections::BTreeSet<u64> =
            c.questions.iter().map(|q| hash(&q.id)).collect();
        assert_eq!(ids.len(), c.questions.len());
        // A prefix is not the same key.
        assert_ne!(hash("ADM-PD-0"), hash("ADM-PD-0\0"));
    }
}
