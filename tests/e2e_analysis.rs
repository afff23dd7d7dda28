//! End-to-end, the risk analysis: a fresh workspace, the real binary in tmux, keys only (an
//! asset, a second one, a flow, a risk for each from the library with the reasons for its
//! ratings, a plan for one and an acceptance for the other), then `hipaudit analysis` on the
//! saved file says complete.

use std::time::Duration;

#[path = "common/tmux.rs"]
#[allow(dead_code)]
mod tmux;
use tmux::{Tmux, cli, new_workspace};

fn json(home: &std::path::Path, file: &str) -> serde_json::Value {
    let o = cli(home, &["analysis", file, "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn an_analysis_done_from_keys_only_turns_complete_in_the_analysis_command() {
    let d = tempfile::tempdir().unwrap();
    let (file, _) = new_workspace(d.path(), "clinic.ron", "Cedar Clinic");
    let f = file.to_str().unwrap();
    assert_eq!(json(d.path(), f)["complete"], false);
    let t = Tmux::new(d.path(), "an");
    t.start("a", f);
    t.wait_for("a", "Cedar Clinic");
    // The Risk tab's inventory: the row before the register.
    t.keys("a", &["5", "h", "G", "k", "l"]);
    t.wait_for("a", "No assets yet");
    let tab = |n: usize| {
        for _ in 0..n {
            t.keys("a", &["Tab"]);
        }
    };
    // Two assets: name, kind, then (5 fields on) how they hold ePHI.
    for (name, kind) in [("Clinician laptops", "laptop"), ("Paper charts", "paper")] {
        t.keys("a", &["A"]);
        t.wait_for("a", "New asset");
        t.text("a", name);
        tab(1);
        t.text("a", kind);
        tab(4);
        t.text("a", "maintain");
        t.keys("a", &["Enter"]);
        t.wait_for("a", "added: r adds a risk");
    }
    // A flow from the laptops to an outside party.
    t.keys("a", &["k", "F"]);
    t.wait_for("a", "New data flow");
    tab(1);
    t.text("a", "Reference lab");
    tab(1);
    t.text("a", "lab orders");
    t.keys("a", &["Enter"]);
    t.wait_for("a", "F-01 added");
    // A risk for each asset from the library, with both reasons (fields 6 and 8).
    for (row, why) in [
        ("g", "left in cars twice"),
        ("j", "charts on the front desk"),
    ] {
        t.keys("a", &[row, "r"]);
        t.wait_for("a", "pairs not yet assessed");
        t.keys("a", &["j", "Enter"]);
        t.wait_for("a", "New risk");
        tab(6);
        t.text("a", why);
        tab(2);
        t.text("a", "the whole schedule");
        t.keys("a", &["Enter"]);
        t.wait_for("a", "added to the register");
    }
    // The register: a plan for the laptops' risk (w), an acceptance for the charts' (Z).
    t.keys("a", &["h", "j", "l", "g", "w"]);
    t.wait_for("a", "Remediation of R-01");
    tab(3);
    t.keys("a", &["C-u"]);
    t.text("a", "BitLocker on all four by January");
    t.keys("a", &["Enter"]);
    t.wait_for("a", "remediation saved");
    t.keys("a", &["j", "Z"]);
    t.wait_for("a", "Accept the risk of R-02");
    t.text("a", "Dr Nair");
    tab(1);
    t.text("a", "Practice owner");
    tab(2);
    t.text("a", "scanned and shredded by March");
    t.keys("a", &["Enter"]);
    t.wait_for("a", "risk accepted by Dr Nair");
    t.keys("a", &["h", "k", "l"]);
    t.wait_for("a", "Risk analysis: complete");
    t.keys("a", &["q"]);
    t.wait_for("a", "HIPAUDIT-EXITED=0");
    std::thread::sleep(Duration::from_millis(100));
    let v = json(d.path(), f);
    assert_eq!(v["complete"], true, "{v}");
    assert_eq!(v["assets"], 2);
    assert_eq!(v["flows"], 1);
    assert_eq!(v["risks"], 2);
    let o = cli(d.path(), &["inventory", f, "--format", "json"]);
    let inv: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(inv[0]["risks"][0], "R-01");
    assert_eq!(inv[1]["assessed"], true);
}
