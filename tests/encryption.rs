//! Encryption at rest: workspaces in the age format, readable by the age tool with the key
//! file and the passphrase; wrong passphrases, damage and tampering are refused clearly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PASS: &str = "correct horse battery staple";

fn hipaudit(home: &Path, pass: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hipaudit"));
    c.env("HIPAUDIT_TODAY", "2026-11-28")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("USER", "tester")
        .env("HIPAUDIT_PASSPHRASE", pass)
        // A light key derivation keeps the suite fast; real use takes age's default.
        .env("HIPAUDIT_KDF_LOG_N", "10");
    c
}

fn run(home: &Path, pass: &str, args: &[&str]) -> Output {
    hipaudit(home, pass).args(args).output().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn encrypted_demo(d: &Path) -> PathBuf {
    let plain = d.join("clinic.ron");
    std::fs::write(&plain, hipaudit::io::paths::DEMO).unwrap();
    let o = run(d, PASS, &["encrypt", plain.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(!plain.exists(), "no plain text is left behind");
    d.join("clinic.ron.age")
}

#[test]
fn encrypt_then_every_command_reads_it_with_the_passphrase() {
    let d = tempfile::tempdir().unwrap();
    let enc = encrypted_demo(d.path());
    let bytes = std::fs::read(&enc).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(!String::from_utf8_lossy(&bytes).contains("Riverside"));
    let e = enc.to_str().unwrap();
    let o = run(d.path(), PASS, &["check", e]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Riverside Family Clinic"));
    let o = run(d.path(), PASS, &["gaps", e, "--format", "csv"]);
    assert!(o.status.success());
    let o = run(d.path(), PASS, &["export", e, "--format", "md"]);
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("not encrypted"),
        "reports warn"
    );
    let leftovers: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|x| x.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron") || n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "plain files on disk: {leftovers:?}");
}

#[test]
fn wrong_passphrase_damage_and_tampering_are_refused_and_nothing_is_written() {
    let d = tempfile::tempdir().unwrap();
    let enc = encrypted_demo(d.path());
    let e = enc.to_str().unwrap();
    let original = std::fs::read(&enc).unwrap();
    let o = run(d.path(), "not it", &["check", e]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("wrong passphrase"), "{}", err(&o));
    let truncated = d.path().join("t.ron.age");
    std::fs::write(&truncated, &original[..original.len() / 2]).unwrap();
    std::fs::copy(
        hipaudit::io::crypt::key_path(&enc),
        hipaudit::io::crypt::key_path(&truncated),
    )
    .unwrap();
    let o = run(d.path(), PASS, &["check", truncated.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("truncated") || err(&o).contains("damaged"),
        "{}",
        err(&o)
    );
    let tampered = d.path().join("x.ron.age");
    let mut bytes = original.clone();
    let n = bytes.len() - 100;
    bytes[n] ^= 0x01;
    std::fs::write(&tampered, &bytes).unwrap();
    std::fs::copy(
        hipaudit::io::crypt::key_path(&enc),
        hipaudit::io::crypt::key_path(&tampered),
    )
    .unwrap();
    let o = run(d.path(), PASS, &["check", tampered.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert_eq!(std::fs::read(&enc).unwrap(), original);
    let o = run(d.path(), "not it", &["decrypt", e]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !d.path().join("clinic.ron").exists(),
        "a failed decrypt writes nothing"
    );
}

#[test]
fn decrypt_restores_the_same_workspace() {
    let d = tempfile::tempdir().unwrap();
    let enc = encrypted_demo(d.path());
    let o = run(d.path(), PASS, &["decrypt", enc.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(!enc.exists() && !hipaudit::io::crypt::key_path(&enc).exists());
    let (ws, _) = hipaudit::io::store::load(&d.path().join("clinic.ron")).unwrap();
    let demo = hipaudit::io::store::from_ron(hipaudit::io::paths::DEMO, Path::new("d")).unwrap();
    assert_eq!(ws, demo);
}

#[test]
fn new_encrypted_and_import_keep_it_encrypted() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("new.ron.age");
    let o = run(
        d.path(),
        PASS,
        &[
            "new",
            p.to_str().unwrap(),
            "--client",
            "Secret Clinic",
            "--encrypt",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let id = &hipaudit::domain::catalog::Catalog::builtin().questions[0].id;
    let csv = d.path().join("in.csv");
    std::fs::write(
        &csv,
        format!("id,answer,note\n{id},no,patient Jane Roe mentioned\n"),
    )
    .unwrap();
    let o = run(
        d.path(),
        PASS,
        &[
            "import",
            p.to_str().unwrap(),
            "--from",
            csv.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let bytes = std::fs::read(&p).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(!String::from_utf8_lossy(&bytes).contains("Jane Roe"));
}

/// The standard age format: decrypt with the age crate alone, no hipaudit code in between,
/// the way `age -d -i NAME.ron.age.key NAME.ron.age` would (the key file asks for the
/// passphrase).
#[test]
fn the_age_format_decrypts_without_hipaudit() {
    use age::secrecy::SecretString;
    use std::str::FromStr;
    let d = tempfile::tempdir().unwrap();
    let enc = encrypted_demo(d.path());
    let key_file = std::fs::read(format!("{}.key", enc.display())).unwrap();
    let scrypt = age::scrypt::Identity::new(SecretString::from(PASS.to_string()));
    let key_text = String::from_utf8(age::decrypt(&scrypt, &key_file).unwrap()).unwrap();
    let line = key_text
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .unwrap();
    let identity = age::x25519::Identity::from_str(line).unwrap();
    let plain = age::decrypt(&identity, &std::fs::read(&enc).unwrap()).unwrap();
    let text = String::from_utf8(plain).unwrap();
    assert!(text.contains("client: \"Riverside Family Clinic\""));
}

#[test]
fn encrypt_refuses_while_plain_text_copies_sit_beside_the_workspace() {
    let d = tempfile::tempdir().unwrap();
    let plain = d.path().join("clinic.ron");
    std::fs::write(&plain, hipaudit::io::paths::DEMO).unwrap();
    for copy in [
        "clinic.emergency-20261128-101500.ron",
        "clinic.mine-20261128-101500.ron",
        ".clinic.ron.tmp-4242-0-1",
    ] {
        let c = d.path().join(copy);
        std::fs::write(&c, hipaudit::io::paths::DEMO).unwrap();
        let o = run(d.path(), PASS, &["encrypt", plain.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{copy}");
        assert!(err(&o).contains(copy), "{copy}: {}", err(&o));
        assert!(plain.exists() && !d.path().join("clinic.ron.age").exists());
        std::fs::remove_file(&c).unwrap();
    }
    // An encrypted emergency copy is no reason to refuse.
    std::fs::write(d.path().join("clinic.emergency-1.ron.age"), "sealed").unwrap();
    let o = run(d.path(), PASS, &["encrypt", plain.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
}

#[test]
fn an_interrupted_decrypt_leaves_nothing_that_blocks_a_retry() {
    let d = tempfile::tempdir().unwrap();
    let enc = encrypted_demo(d.path());
    // A crash mid-write leaves at most a temporary file, never a partial clinic.ron.
    std::fs::write(d.path().join(".clinic.ron.tmp-999999-0-1"), "half").unwrap();
    let o = run(d.path(), PASS, &["decrypt", enc.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(hipaudit::io::store::load(&d.path().join("clinic.ron")).is_ok());
    // A taken name is never replaced.
    let d2 = tempfile::tempdir().unwrap();
    let enc = encrypted_demo(d2.path());
    let taken = enc.with_file_name("clinic.ron");
    std::fs::write(&taken, "mine").unwrap();
    let o = run(
        enc.parent().unwrap(),
        PASS,
        &["decrypt", enc.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "mine");
}
