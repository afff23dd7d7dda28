#![no_main]
//! The workspace loader must never panic, whatever the bytes: it returns a workspace or an
//! error with a position.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(ws) = hipaudit::io::store::from_ron(text, std::path::Path::new("fuzz.ron")) {
            // Whatever loads must save and load back the same.
            let again = hipaudit::io::store::to_ron(&ws);
            let back = hipaudit::io::store::from_ron(&again, std::path::Path::new("fuzz.ron"))
                .expect("a loaded workspace serializes to text that loads");
            assert_eq!(back, ws);
        }
    }
});
