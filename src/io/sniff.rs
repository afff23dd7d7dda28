//! What a file already on disk is, read from its first bytes: an export replaces an older
//! export with `--force`, but never a workspace, a backup of one, an encryption key or a
//! lock, whatever name or path it is reached by.

use std::io::Read;
use std::path::Path;

/// The hipaudit file `path` holds, said as a noun phrase; `None` for anything else (an older
/// report, a spreadsheet, nothing at all).
pub fn hipaudit_file(path: &Path) -> Option<&'static str> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    // The whole file, as far as a workspace can be (the readers refuse more): a workspace's
    // `format_version` may come late, after comments or a long note (found by attack: a
    // first-4-KB check let `--force` replace a workspace that began with a block comment).
    let mut all = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(crate::io::files::MAX_READ)
        .read_to_end(&mut all)
        .ok()?;
    kind_of(&all, &path.file_name()?.to_string_lossy())
}

/// Whether `bytes` hold a RON field `format_version:` (spaces allowed before the colon), as
/// every workspace does and no export does: JSON quotes its keys (`"format_version":`).
fn has_format_version(bytes: &[u8]) -> bool {
    const KEY: &[u8] = b"format_version";
    let mut from = 0;
    while let Some(i) = bytes[from..]
        .windows(KEY.len())
        .position(|w| w == KEY)
        .map(|i| i + from)
    {
        let quoted = i > 0 && bytes[i - 1] == b'"';
        let after = bytes[i + KEY.len()..]
            .iter()
            .find(|b| !b.is_ascii_whitespace());
        if !quoted && after == Some(&b':') {
            return true;
        }
        from = i + KEY.len();
    }
    false
}

/// The same from the first bytes and the file's name.
pub fn kind_of(head: &[u8], name: &str) -> Option<&'static str> {
    if head.starts_with(b"age-encryption.org/") {
        return Some("an encrypted workspace or its key");
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(64)]);
    let lead = text.trim_start_matches('\u{feff}');
    if lead.starts_with("// hipaudit workspace") || has_format_version(head) {
        return Some("a hipaudit workspace");
    }
    if name.starts_with('.') && name.ends_with(".lock") && text.starts_with("pid ") {
        return Some("a workspace's lock");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspaces_keys_and_locks_are_known_and_reports_are_not() {
        let demo = crate::io::paths::DEMO;
        assert_eq!(
            kind_of(demo.as_bytes(), "x.csv"),
            Some("a hipaudit workspace")
        );
        // A workspace written without the leading comment, or hand-edited to start blank.
        let bare = demo.split_once('\n').unwrap().1;
        assert_eq!(
            kind_of(format!("\n\n{bare}").as_bytes(), "a.md"),
            Some("a hipaudit workspace")
        );
        assert!(kind_of(b"age-encryption.org/v1\n-> scrypt", "w.ron.age.key").is_some());
        // Forms the loader reads that a look at the start missed (found by attack): a block
        // comment first, a named struct, a space before the colon, the field far down.
        for odd in [
            format!("/* Riverside 2026 */\n{bare}"),
            bare.replacen('(', "Workspace(", 1),
            bare.replacen("format_version:", "format_version :", 1),
            format!("{}\n{bare}", " ".repeat(10_000)),
            format!("// {}\n{bare}", "x".repeat(10_000)),
        ] {
            assert_eq!(
                kind_of(odd.as_bytes(), "w.md"),
                Some("a hipaudit workspace")
            );
        }
        assert!(kind_of(b"pid 42 on host", ".w.ron.lock").is_some());
        // Exports of every kind are fair game for --force.
        for (head, name) in [
            (&b"# HIPAA assessment report\n"[..], "w-report.md"),
            (b"<!DOCTYPE html>", "w-report.html"),
            (b"PK\x03\x04", "w-report.docx"),
            (b"id,kind,title\n", "w-gaps.csv"),
            (b"BEGIN:VCALENDAR\r\n", "w.ics"),
            (b"{\n  \"format_version\": 6", "w.json"),
            (b"pid 42 on host", "notes.txt"),
            (b"", "empty.md"),
        ] {
            assert_eq!(kind_of(head, name), None, "{name}");
        }
    }
}
