//! Helpers that the test suites of several crates share (the app's end-to-end tests, the
//! core's tests and benches, the simulator's tests), written once.
//!
//! Generic on purpose: nothing here knows the core's or the simulator's types (both use
//! this crate for their own tests, so depending on them would be a cycle).
//!
//! - [`free_port`]: a loopback port nobody listens on.
//! - [`files_under`], [`contents_under`], [`bytes_contain`]: the files of a data folder
//!   and what is in them, for leak scans (no token where none may be).
//! - [`http_client`], [`query_param`]: a browser stand-in's HTTP client, and one query
//!   parameter of a URL.
//! - [`ccp`]: CCP's own material kept in `third_party/ccp/` (the ESI spec extract and its
//!   example responses).

use std::path::{Path, PathBuf};
use std::time::Duration;

/// A loopback port free at the time of the call.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Every file below `dir`, in its subfolders too.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Every file below `dir` with its bytes, read one by one as the caller goes.
///
/// A file listed a moment ago may be gone (SQLite removes its -wal/-shm files as the last
/// connection closes): what is gone holds nothing and is passed over. Any other error
/// reading a file panics.
pub fn contents_under(dir: &Path) -> impl Iterator<Item = (PathBuf, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .filter_map(|path| match std::fs::read(&path) {
            Ok(bytes) => Some((path, bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => panic!("cannot read {}: {e}", path.display()),
        })
}

/// Whether `needle` (a token, say) occurs anywhere in `haystack` (a file's bytes).
pub fn bytes_contain(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// An HTTP client as a test's browser stand-in: follows up to five redirects, or none
/// (to look at the redirect itself); every request is bounded at 10 s.
pub fn http_client(follow_redirects: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(if follow_redirects {
            reqwest::redirect::Policy::limited(5)
        } else {
            reqwest::redirect::Policy::none()
        })
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// The (decoded) value of the query parameter `name` in `url`, if it has one.
pub fn query_param(url: impl AsRef<str>, name: &str) -> Option<String> {
    url::Url::parse(url.as_ref())
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// One JSON file of CCP's material in `third_party/ccp/` (`esi-openapi.json`, the spec
/// extract, or `examples/…` responses), as `cargo xtask esi-extract` made it.
pub fn ccp(file: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../third_party/ccp")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "CCP's material at {} (run `cargo xtask esi-extract`): {e}",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} parses: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_ports_can_be_bound() {
        let port = free_port();
        std::net::TcpListener::bind(("127.0.0.1", port)).expect("the port is free");
    }

    #[test]
    fn files_and_their_contents_are_found_in_subfolders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("logs/old")).unwrap();
        std::fs::write(dir.path().join("a.txt"), "no secret here").unwrap();
        std::fs::write(dir.path().join("logs/old/b.log"), "token=s3cr3t-t0ken").unwrap();
        let mut files = files_under(dir.path());
        files.sort();
        assert_eq!(
            files,
            [dir.path().join("a.txt"), dir.path().join("logs/old/b.log")]
        );
        let leaked: Vec<PathBuf> = contents_under(dir.path())
            .filter(|(_, bytes)| bytes_contain(bytes, "s3cr3t-t0ken"))
            .map(|(path, _)| path)
            .collect();
        assert_eq!(leaked, [dir.path().join("logs/old/b.log")]);
        assert!(!bytes_contain(b"s3cr3t", "s3cr3t-t0ken"));
    }

    #[test]
    fn query_parameters_are_decoded() {
        let url = "http://localhost:1/callback?code=a%2Fb&state=st";
        assert_eq!(query_param(url, "code").as_deref(), Some("a/b"));
        assert_eq!(query_param(url, "state").as_deref(), Some("st"));
        assert_eq!(query_param(url, "error"), None);
        assert_eq!(query_param("not a url", "code"), None);
    }

    #[test]
    fn ccps_spec_extract_is_found() {
        assert!(ccp("esi-openapi.json")["paths"].is_object());
    }
}
