//! Encryption at rest with age. An encrypted workspace `NAME.ron.age` is encrypted to an age
//! X25519 key kept beside it in `NAME.ron.age.key`, and that key file is itself an age file
//! encrypted with the passphrase. The slow passphrase step (scrypt, about a second) happens
//! once when the workspace is opened; every save after that is a fast X25519 encryption.
//! The standard `age` tool recovers a workspace: `age -d -i NAME.ron.age.key NAME.ron.age`.

use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};

/// What every age file starts with.
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";

/// The scrypt work factor for the key file: 2^18, age's own default (about a second here).
/// `HIPAUDIT_KDF_LOG_N` lowers it for tests (never below 10).
fn work_factor() -> u8 {
    std::env::var("HIPAUDIT_KDF_LOG_N")
        .ok()
        .and_then(|v| v.parse::<u8>().ok())
        .map_or(18, |n| n.clamp(10, 22))
}

pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// `NAME.ron.age.key`
pub fn key_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".key");
    PathBuf::from(s)
}

/// The keys of an open encrypted workspace, held for the session.
pub struct Keys {
    identity: age::x25519::Identity,
    recipient: age::x25519::Recipient,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material.
        f.write_str("Keys(..)")
    }
}

/// Why decryption failed, in words a user can act on.
fn explain(e: age::DecryptError, what: &Path) -> io::Error {
    let msg = match e {
        age::DecryptError::DecryptionFailed
        | age::DecryptError::NoMatchingKeys
        | age::DecryptError::KeyDecryptionFailed => {
            format!(
                "{}: wrong passphrase (or the file was changed)",
                what.display()
            )
        }
        age::DecryptError::InvalidMac
        | age::DecryptError::InvalidHeader
        | age::DecryptError::UnknownFormat => {
            format!(
                "{}: the encrypted file is damaged or was tampered with",
                what.display()
            )
        }
        age::DecryptError::Io(e) => format!(
            "{}: the encrypted file is truncated or unreadable ({e})",
            what.display()
        ),
        other => format!("{}: cannot decrypt ({other})", what.display()),
    };
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

impl Keys {
    /// A fresh key pair for a newly encrypted workspace.
    pub fn generate() -> Keys {
        let identity = age::x25519::Identity::generate();
        let recipient = identity.to_public();
        Keys {
            identity,
            recipient,
        }
    }

    /// Writes the key file, encrypted with the passphrase (refuses to replace one).
    pub fn write_key_file(&self, path: &Path, passphrase: &SecretString) -> io::Result<()> {
        let kp = key_path(path);
        if kp.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists", kp.display()),
            ));
        }
        let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
        recipient.set_work_factor(work_factor());
        let secret = self.identity.to_string();
        let text = format!(
            "# hipaudit workspace key for {}\n{}\n",
            file_name(path),
            secret.expose_secret()
        );
        let sealed = age::encrypt(&recipient, text.as_bytes()).map_err(io::Error::other)?;
        crate::io::files::write_atomic(&kp, &sealed, crate::io::files::WriteMode::PLAIN).map(|_| ())
    }

    /// Opens the key file with the passphrase (the slow step, once per session).
    pub fn open(path: &Path, passphrase: &SecretString) -> io::Result<Keys> {
        let kp = key_path(path);
        let sealed = crate::io::files::read_regular(&kp).map_err(|e| {
            io::Error::new(e.kind(), format!("{}: the key file is missing ({e}); without it the workspace cannot be decrypted", kp.display()))
        })?;
        let mut id = age::scrypt::Identity::new(passphrase.clone());
        id.set_max_work_factor(22);
        let text = age::decrypt(&id, &sealed).map_err(|e| explain(e, &kp))?;
        let text = SecretString::from(
            String::from_utf8(text).map_err(|_| io::Error::other("the key file holds no key"))?,
        );
        let line = text
            .expose_secret()
            .lines()
            .find(|l| l.starts_with("AGE-SECRET-KEY-"))
            .ok_or_else(|| io::Error::other(format!("{}: no key inside", kp.display())))?
            .to_string();
        let identity = age::x25519::Identity::from_str(&line)
            .map_err(|e| io::Error::other(format!("{}: {e}", kp.display())))?;
        let recipient = identity.to_public();
        Ok(Keys {
            identity,
            recipient,
        })
    }

    pub fn encrypt(&self, plain: &[u8]) -> io::Result<Vec<u8>> {
        age::encrypt(&self.recipient, plain).map_err(io::Error::other)
    }

    pub fn decrypt(&self, sealed: &[u8], what: &Path) -> io::Result<Vec<u8>> {
        age::decrypt(&self.identity, sealed).map_err(|e| explain(e, what))
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The passphrase from `HIPAUDIT_PASSPHRASE` alone (never asked): for listings that must
/// not stop to ask, like the portfolio.
pub fn passphrase_from_env() -> Option<SecretString> {
    std::env::var("HIPAUDIT_PASSPHRASE")
        .ok()
        .filter(|p| !p.is_empty())
        .map(SecretString::from)
}

/// The passphrase from `HIPAUDIT_PASSPHRASE`, or asked on the terminal with hidden input.
pub fn passphrase(prompt: &str, confirm: bool) -> anyhow::Result<SecretString> {
    if let Ok(p) = std::env::var("HIPAUDIT_PASSPHRASE")
        && !p.is_empty()
    {
        return Ok(SecretString::from(p));
    }
    let first = read_hidden(prompt)?;
    if first.expose_secret().is_empty() {
        anyhow::bail!("no passphrase given");
    }
    if confirm {
        let again = read_hidden("Repeat the passphrase: ")?;
        if again.expose_secret() != first.expose_secret() {
            anyhow::bail!("the passphrases differ; nothing was written");
        }
    }
    Ok(first)
}

/// Reads a line from the terminal without echoing it.
fn read_hidden(prompt: &str) -> anyhow::Result<SecretString> {
    use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    use ratatui::crossterm::terminal;
    use std::io::{IsTerminal, Write};
    if !io::stdin().is_terminal() {
        // Said for both uses: opening an encrypted workspace and choosing a passphrase to
        // encrypt one (found by attack: `encrypt` of a plain file said it was encrypted).
        anyhow::bail!(
            "a passphrase is needed and there is no terminal to ask it on: set HIPAUDIT_PASSPHRASE or run from a terminal"
        );
    }
    // Raw mode first, then the prompt: keys typed the moment the prompt shows are read as
    // keys (in the terminal's line mode a typed-ahead Enter would arrive as Ctrl-J).
    terminal::enable_raw_mode()?;
    eprint!("{prompt}");
    io::stderr().flush()?;
    let mut s = String::new();
    let result = loop {
        // Keys crossterm has already read (a pasted passphrase and its Enter arrive in one
        // read) are taken first: the terminal itself has nothing more to say about them,
        // and waiting on it would hang with the Enter sitting in crossterm's queue.
        if !event::poll(std::time::Duration::ZERO).unwrap_or(false) {
            // A terminal that hung up would make `read` spin forever.
            match crate::io::terminal::terminal_gone(std::time::Duration::from_secs(3600)) {
                Ok(true) => break Err(anyhow::anyhow!("the terminal went away")),
                Err(e) => break Err(e.into()),
                Ok(false) => {}
            }
            continue;
        }
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(anyhow::anyhow!("cancelled"));
                }
                KeyCode::Esc => break Err(anyhow::anyhow!("cancelled")),
                KeyCode::Backspace => {
                    s.pop();
                }
                KeyCode::Char(c) => s.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(e.into()),
        }
    };
    terminal::disable_raw_mode()?;
    eprintln!();
    result.map(|()| SecretString::from(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_opens_with_the_right_passphrase_only() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("w.ron.age");
        let keys = Keys::generate();
        keys.write_key_file(&ws, &SecretString::from("correct horse".to_string()))
            .unwrap();
        let sealed = keys.encrypt(b"hello").unwrap();
        assert!(is_encrypted(&sealed));
        let again = Keys::open(&ws, &SecretString::from("correct horse".to_string())).unwrap();
        assert_eq!(again.decrypt(&sealed, &ws).unwrap(), b"hello");
        let e = Keys::open(&ws, &SecretString::from("wrong".to_string())).unwrap_err();
        assert!(e.to_string().contains("wrong passphrase"), "{e}");
        assert!(format!("{keys:?}") == "Keys(..)");
    }

    #[test]
    fn damaged_and_truncated_files_are_explained() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("w.ron.age");
        let keys = Keys::generate();
        let sealed = keys.encrypt(&vec![b'x'; 100_000]).unwrap();
        let e = keys.decrypt(&sealed[..sealed.len() / 2], &ws).unwrap_err();
        assert!(
            e.to_string().contains("truncated") || e.to_string().contains("damaged"),
            "{e}"
        );
        let mut tampered = sealed.clone();
        let n = tampered.len() - 10;
        tampered[n] ^= 0xff;
        assert!(keys.decrypt(&tampered, &ws).is_err());
        let other = Keys::generate();
        assert!(
            other
                .decrypt(&sealed, &ws)
                .unwrap_err()
                .to_string()
                .contains("wrong passphrase")
        );
    }
}
