//! Known advisories against the crates Cynosure builds with: `cargo deny check advisories`
//! against a snapshot of the RustSec advisory database kept in `third_party/rustsec/`
//! (CI here reaches only the package registries, not GitHub), trimmed to the crates of
//! `Cargo.lock`. `cargo xtask advisories-extract <advisory-db checkout>` remakes it; the
//! accepted advisories, each with its reason, are in `deny.toml`. Where GitHub is
//! reachable (the GitHub workflow) the check also runs against the live database.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::shell::{cargo, on_path, root, sh, step, target_dir, Step};

/// The snapshot, as the extract writes it.
const SNAPSHOT: &str = "third_party/rustsec";
/// The database cargo-deny looks for under `db-path` for RustSec's default URL
/// (`https://github.com/rustsec/advisory-db`): its folder name carries a hash of the URL.
const DB_FOLDER: &str = "advisory-db-3157b0e258782691";
/// A snapshot older than this fails the check: it must be remade (README in the folder).
const MAX_AGE_DAYS: i64 = 365;
const CARGO_DENY_VERSION: &str = "0.20.2";

/// `cargo xtask advisories-extract <checkout>`: the advisories of every crate named in
/// `Cargo.lock` (all of their versions: the check decides which apply), the database's
/// licence, and where and when it came from.
pub(crate) fn extract(args: &[String]) -> Step {
    let [checkout] = args else {
        return Err("usage: cargo xtask advisories-extract <rustsec/advisory-db checkout>".into());
    };
    let checkout = PathBuf::from(checkout);
    step("extracting RustSec advisories into third_party/rustsec/");
    let git = |args: &[&str]| -> Result<String, String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(&checkout)
            .args(args)
            .output()
            .map_err(|e| e.to_string())?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
            .ok_or_else(|| format!("git {args:?} failed in {}", checkout.display()))
    };
    let commit = git(&["rev-parse", "HEAD"])?;
    let date = git(&["show", "-s", "--format=%cI", "HEAD"])?;

    let out = root().join(SNAPSHOT);
    let crates_out = out.join("crates");
    let _ = std::fs::remove_dir_all(&crates_out);
    let mut kept = 0;
    for name in locked_crates()? {
        let dir = checkout.join("crates").join(&name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        std::fs::create_dir_all(crates_out.join(&name)).map_err(|e| e.to_string())?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                std::fs::copy(&path, crates_out.join(&name).join(entry.file_name()))
                    .map_err(|e| e.to_string())?;
                kept += 1;
            }
        }
    }
    std::fs::copy(checkout.join("LICENSE.txt"), out.join("LICENSE.txt"))
        .map_err(|e| e.to_string())?;
    std::fs::write(
        out.join("SNAPSHOT"),
        format!(
            "source = https://github.com/rustsec/advisory-db\ncommit = {commit}\ndate = {date}\n"
        ),
    )
    .map_err(|e| e.to_string())?;
    println!("xtask: {kept} advisories of crates in Cargo.lock, from {commit} ({date})");
    Ok(())
}

/// Every crate name in `Cargo.lock`.
fn locked_crates() -> Result<BTreeSet<String>, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| e.to_string())?;
    Ok(lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .map(str::to_owned)
        .collect())
}

/// The check `cargo xtask test` runs: the snapshot, made into the git repository
/// cargo-deny reads (dated as the snapshot, so its age is the real one), then cargo-deny
/// offline against every target's dependencies.
pub(crate) fn check() -> Step {
    let snapshot = root().join(SNAPSHOT);
    let facts = std::fs::read_to_string(snapshot.join("SNAPSHOT")).map_err(|e| e.to_string())?;
    let fact = |key: &str| {
        facts
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key} = ")))
            .map(str::to_owned)
            .ok_or_else(|| format!("{SNAPSHOT}/SNAPSHOT has no {key}"))
    };
    let (commit, date) = (fact("commit")?, fact("date")?);
    let age = age_in_days(&date)?;
    println!("xtask: RustSec snapshot {commit} of {date} ({age} days old)");
    if age > MAX_AGE_DAYS {
        return Err(format!(
            "the RustSec snapshot is over {MAX_AGE_DAYS} days old: remake it ({SNAPSHOT}/README.md)"
        ));
    }

    if !on_path("cargo-deny") {
        step("installing cargo-deny");
        sh(Command::new(cargo())
            .args([
                "install",
                "cargo-deny",
                "--version",
                &format!("={CARGO_DENY_VERSION}"),
                "--locked",
            ])
            // Its dependencies build once per build folder, not once per run.
            .arg("--target-dir")
            .arg(target_dir().join("tools")))?;
    }
    let db_root = target_dir().join("rustsec");
    let db = db_root.join(DB_FOLDER);
    let _ = std::fs::remove_dir_all(&db);
    copy_tree(&snapshot, &db)?;
    let git = |args: &[&str]| {
        sh(Command::new("git")
            .arg("-C")
            .arg(&db)
            .args(["-c", "user.name=xtask", "-c", "user.email=xtask@localhost"])
            .args(args)
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date))
    };
    git(&["init", "--quiet"])?;
    git(&["add", "--all"])?;
    git(&[
        "commit",
        "--quiet",
        "--message",
        &format!("rustsec/advisory-db {commit}"),
    ])?;

    // cargo-deny reads the whole graph (every target's crates) without the network.
    sh(Command::new(cargo()).args(["fetch", "--locked"]))?;
    sh(Command::new("cargo-deny")
        .current_dir(root())
        .arg("--offline")
        .arg("--config")
        .arg(deny_config(&db_root)?)
        .args(["check", "advisories"]))
}

/// `deny.toml` with `db-path` pointing at the made database (the one list of accepted
/// advisories stays in `deny.toml`).
fn deny_config(db_root: &Path) -> Result<PathBuf, String> {
    let text = std::fs::read_to_string(root().join("deny.toml")).map_err(|e| e.to_string())?;
    let line = text
        .lines()
        .find(|l| l.starts_with("db-path"))
        .ok_or("deny.toml has no db-path")?;
    let config = db_root.join("deny.toml");
    std::fs::write(
        &config,
        text.replace(
            line,
            &format!("db-path = {:?}", db_root.display().to_string()),
        ),
    )
    .map_err(|e| e.to_string())?;
    Ok(config)
}

fn copy_tree(from: &Path, to: &Path) -> Step {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Whole days from an ISO 8601 date (`2026-08-21T08:28:40+02:00`; its day is enough) to
/// now.
fn age_in_days(date: &str) -> Result<i64, String> {
    let bad = || format!("cannot read the date {date}");
    let mut parts = date.get(..10).ok_or_else(bad)?.split('-');
    let mut next =
        || -> Result<i64, String> { parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad) };
    let (y, m, d) = (next()?, next()?, next()?);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs() as i64;
    Ok(now / 86_400 - days_from_civil(y, m, d))
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar (the well-known
/// era arithmetic: 400-year eras of 146,097 days, years starting in March).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_are_counted_from_the_epoch() {
        assert_eq!(super::days_from_civil(1970, 1, 1), 0);
        assert_eq!(super::days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(super::days_from_civil(2026, 8, 21), 20_686);
    }
}
