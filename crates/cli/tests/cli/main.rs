//! End-to-end tests of the `kuzet` binary: each test runs the built binary
//! (`CARGO_BIN_EXE_kuzet`) on vaults in a temporary folder, with the
//! passphrase in `KUZET_PASSPHRASE`, and checks exit codes, output and what
//! ends up in the vault.

mod errors;
mod evidence;
mod exchange;
mod leftovers;
mod overview;
mod passphrase;
mod read_only;
mod round_trip;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The passphrase the tests' vaults use.
const PASS: &str = "correct horse battery staple";

/// The May 2024 fixture.
fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/may-2024.csv")
}

/// A temporary folder with a vault path in it.
struct Dir {
    dir: tempfile::TempDir,
    vault: PathBuf,
}

impl Dir {
    fn new() -> Dir {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = dir.path().join("cases.kuzet");
        Dir { dir, vault }
    }

    /// A path in the folder.
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `content` to a file in the folder and returns its path.
    fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, content).expect("write test file");
        p
    }

    /// Runs `kuzet --vault <vault> args…` with the test passphrase.
    fn kuzet(&self, args: &[&str]) -> Run {
        self.kuzet_with(args, &[("KUZET_PASSPHRASE", PASS)])
    }

    /// Runs `kuzet --vault <vault> args…` with exactly these variables of ours set.
    fn kuzet_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kuzet"));
        cmd.arg("--vault").arg(&self.vault).args(args).current_dir(self.dir.path());
        for var in ["KUZET_PASSPHRASE", "KUZET_NEW_PASSPHRASE", "KUZET_VAULT"] {
            cmd.env_remove(var);
        }
        cmd.envs(env.iter().copied()).stdin(std::process::Stdio::null());
        Run::new(cmd.output().expect("run kuzet"), args)
    }

    /// A vault holding the fixture.
    fn with_fixture() -> Dir {
        let d = Dir::new();
        d.kuzet(&["init"]).ok();
        d.kuzet(&["import", fixture().to_str().unwrap()]).ok();
        d
    }

    /// `stats --month <month> --json`, parsed.
    fn stats(&self, month: &str) -> Value {
        let out = self.kuzet(&["stats", "--month", month, "--json"]).ok();
        serde_json::from_str(&out.stdout).expect("stats --json prints JSON")
    }
}

/// The outcome of one run.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    what: String,
}

impl Run {
    fn new(o: Output, args: &[&str]) -> Run {
        Run {
            code: o.status.code().expect("exited normally"),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            what: args.join(" "),
        }
    }

    /// Asserts success and returns the run.
    fn ok(self) -> Run {
        assert_eq!(self.code, 0, "kuzet {} failed:\n{}{}", self.what, self.stdout, self.stderr);
        self
    }

    /// Asserts the exit code and that stderr contains every `needle`.
    fn fails(self, code: i32, needles: &[&str]) -> Run {
        assert_eq!(self.code, code, "kuzet {}: exit code\nstdout: {}\nstderr: {}", self.what, self.stdout, self.stderr);
        for n in needles {
            assert!(self.stderr.contains(n), "kuzet {}: stderr lacks {n:?}:\n{}", self.what, self.stderr);
        }
        assert!(!self.stderr.contains(PASS) && !self.stdout.contains(PASS), "the passphrase must never be printed");
        self
    }
}

/// The count of group `group` (and, with `category`, of that category) in
/// `stats --json` output.
fn count(stats: &Value, group: &str, category: Option<&str>) -> u64 {
    let g = stats["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["code"] == group)
        .unwrap_or_else(|| panic!("group {group} in {stats}"));
    match category {
        None => g["count"].as_u64().unwrap(),
        Some(c) => g["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["code"] == c)
            .map_or(0, |x| x["count"].as_u64().unwrap()),
    }
}

/// Asserts that `stats` (of May 2024) holds the published headline counts.
fn assert_published_counts(stats: &Value) {
    assert_eq!(stats["month"], "2024-05");
    assert_eq!(count(stats, "journalists", None), 22, "published: 22 violations of journalists' rights");
    assert_eq!(count(stats, "journalists", Some("journalists.interference")), 5, "published: 5 interference");
    assert_eq!(count(stats, "information", None), 13, "published: 13 on the right to information");
    assert_eq!(count(stats, "information", Some("information.refusal")), 10, "published: 10 refusals");
    assert_eq!(count(stats, "claims", None), 10, "published: 10 claims");
    assert_eq!(count(stats, "claims", Some("claims.criminal")), 1);
    assert_eq!(count(stats, "claims", Some("claims.civil")), 6);
    assert_eq!(count(stats, "claims", Some("claims.administrative")), 3);
    assert_eq!(stats["total"], 45, "context events and developments (Adilbekov's detention of May 21) are not counted");
}
