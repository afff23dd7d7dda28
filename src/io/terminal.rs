//! The terminal as a file: whether it hung up. crossterm loops forever reading a terminal
//! that is gone (every read returns end of file), so whoever waits for keys asks here first.

use std::io;
use std::time::Duration;

/// Waits up to `timeout` for input on the terminal; true when it hung up. A signal ends the
/// wait early (the loop then looks at it).
#[cfg(unix)]
pub fn terminal_gone(timeout: Duration) -> io::Result<bool> {
    use std::os::fd::AsRawFd;
    let fd = io::stdin().as_raw_fd();
    let mut fds = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
    // SAFETY: one valid pollfd, its count, a timeout; poll writes only `revents`.
    let r = unsafe { libc::poll(&mut fds, 1, ms) };
    if r < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(false)
        } else {
            Err(e)
        };
    }
    Ok(r > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0)
}

#[cfg(not(unix))]
pub fn terminal_gone(timeout: Duration) -> io::Result<bool> {
    let _ = ratatui::crossterm::event::poll(timeout)?;
    Ok(false)
}
