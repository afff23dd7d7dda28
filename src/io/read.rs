//! Reading files safely: only regular files (a FIFO never blocks, a device is never read),
//! and never more than `MAX_READ` bytes whole, so no file at a path can hang or abort a
//! reader. Every reader of the workspace, its key, the settings and the app's own files uses
//! these (through `files`).

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Opens a file to read it, refusing anything that is not a regular file (a FIFO would
/// block the read forever, a device could be endless). Links are followed: a workspace may be
/// reached through one. The open does not wait on a FIFO, and the check is on the opened file
/// itself, so nothing can be swapped in between.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    let f = o.open(path)?;
    if !f.metadata()?.is_file() {
        return Err(io::Error::other(
            "not a regular file (a pipe, a device or a folder); nothing was read",
        ));
    }
    Ok(f)
}

/// The largest file the readers take whole (256 MB): a workspace is a few megabytes, and a
/// file sized in gigabytes (or a sparse one claiming 100 GB) would otherwise be allocated
/// whole and abort the process, leaving the terminal raw.
pub const MAX_READ: u64 = 256 * 1024 * 1024;

/// A size in words: `100 GB`, `300 MB`, `12 KB`.
pub fn human_size(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} bytes")
    } else if v >= 10.0 {
        format!("{v:.0} {}", UNITS[u])
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

fn too_large(len: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "the file is {}, more than the {} hipaudit reads; nothing was read",
            human_size(len),
            human_size(MAX_READ)
        ),
    )
}

/// Reads a whole regular file (see `open_regular`) of at most `MAX_READ` bytes. The size is
/// checked before anything is allocated, and the read stops past the limit for a file that
/// grows meanwhile.
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    let f = open_regular(path)?;
    let len = f.metadata()?.len();
    if len > MAX_READ {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    io::Read::read_to_end(&mut io::Read::take(f, MAX_READ + 1), &mut bytes)?;
    if bytes.len() as u64 > MAX_READ {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
