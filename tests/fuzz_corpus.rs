//! Replays the fuzz corpus (`fuzz/corpus/load`) on stable Rust: every input loads or fails
//! with an error, never a panic, and whatever loads round-trips.

use std::path::Path;

#[test]
fn the_fuzz_corpus_never_panics_the_loader() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/load");
    let mut n = 0;
    let mut loaded = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        n += 1;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Ok(ws) = hipaudit::io::store::from_ron(text, Path::new("fuzz.ron")) {
            loaded += 1;
            let again = hipaudit::io::store::to_ron(&ws);
            assert_eq!(
                hipaudit::io::store::from_ron(&again, Path::new("fuzz.ron")).unwrap(),
                ws
            );
        }
    }
    assert!(n >= 5, "the corpus is there ({n} inputs)");
    assert!(loaded >= 2, "some inputs are valid workspaces");
}
