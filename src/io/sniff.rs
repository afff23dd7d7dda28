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
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .ok()?
        .take(4096)
        .read_to_end(&mut head)
        .ok()?;
    kind_of(&head, &path.file_name()?.to_string_lossy())
}

/// The same from the first bytes and the file's name.
pub fn kind_of(head: &[u8], name: &str) -> Option<&'static str> {
    if head.starts_with(b"age-encryption.org/") {
        return Some("an encrypted workspace or its key");
    }
    let text = String::from_utf8_lossy(head);
    let body: String = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let body = body.trim_start().trim_start_matches('\u{feff}');
    let ron_start = body.starts_with('(') || body.starts_with("#![");
    if text.starts_with("// hipaudit workspace") || (ron_start && body.contains("format_version:"))
    {
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
