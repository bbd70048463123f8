//! Updates: a feed on loopback offering a newer version, and a download whose signature
//! does not check out — or does not name the version the feed announced (a downgrade
//! replaying an older signed build) — refused with nothing installed.

use tempfile::TempDir;

use crate::harness::App;

/// What the test feed serves.
const TAMPERED: u8 = 0;
/// The real bytes, with a signature that names no version.
const UNVERSIONED: u8 = 1;
/// The real bytes, with their signature bound to 99.0.0.
const GENUINE: u8 = 2;

/// A tiny update feed on loopback: `latest.json` offering 99.0.0 and a download as
/// `stage` says (tampered bytes, or the real ones with an unversioned or a versioned
/// signature). Returns its base URL and the paths asked for.
fn update_feed(
    stage: std::sync::Arc<std::sync::atomic::AtomicU8>,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead as _, BufReader, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let versioned = include_str!("fixtures/update-test.sig").trim().to_owned();
    let unversioned = include_str!("fixtures/update-test-unversioned.sig")
        .trim()
        .to_owned();
    let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = asked.clone();
    let download = format!("{base}/cynosure-99.0.0.bin");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
            log.lock().unwrap().push(path.clone());
            let now = stage.load(std::sync::atomic::Ordering::SeqCst);
            let (kind, body) = if path == "/latest.json" {
                let signature = if now == UNVERSIONED {
                    &unversioned
                } else {
                    &versioned
                };
                let platform = serde_json::json!({ "signature": signature, "url": download });
                let feed = serde_json::json!({
                    "version": "99.0.0",
                    "notes": "A test release",
                    "pub_date": "2026-12-01T00:00:00Z",
                    "platforms": {
                        "linux-x86_64": platform,
                        "linux-x86_64-deb": platform,
                        "linux-x86_64-appimage": platform,
                    }
                });
                ("application/json", feed.to_string().into_bytes())
            } else if now == TAMPERED {
                ("application/octet-stream", b"a tampered update".to_vec())
            } else {
                ("application/octet-stream", b"the real update".to_vec())
            };
            let mut stream = &stream;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    (base, asked)
}

/// With an update feed set, Cynosure offers the newer version; a download whose signature
/// does not check out is refused in plain words and nothing is installed, while the signed
/// bytes pass the check.
#[tokio::test(flavor = "multi_thread")]
async fn an_update_with_a_bad_signature_is_refused() {
    let data = TempDir::new().unwrap();
    let stage = std::sync::Arc::new(std::sync::atomic::AtomicU8::new(TAMPERED));
    let (feed, asked) = update_feed(stage.clone());
    let app = App::start_with_env(
        data.path(),
        &[
            ("CYNOSURE_UPDATE_FEED", format!("{feed}/latest.json")),
            (
                "CYNOSURE_UPDATE_PUBKEY",
                include_str!("fixtures/update-test.pub").trim().to_owned(),
            ),
        ],
    )
    .await;
    let banner = app.text_of("[data-testid=update-banner]").await;
    assert!(banner.contains("Cynosure 99.0.0 is available"), "{banner}");
    app.click("[data-testid=update-install]").await;
    assert_eq!(
        app.attr_of("[data-testid=update-error]", "data-code")
            .await
            .as_deref(),
        Some("update.signature")
    );
    let error = app.text_of("[data-testid=update-error]").await;
    assert!(error.contains("Nothing was installed"), "{error}");
    assert!(
        asked
            .lock()
            .unwrap()
            .iter()
            .any(|p| p == "/cynosure-99.0.0.bin"),
        "the download was fetched and then refused: {:?}",
        asked.lock().unwrap()
    );
    // Still this version, still running.
    assert_eq!(
        app.text_of("[data-testid=overview-empty] h2").await,
        "Welcome to Cynosure"
    );

    // The real bytes with a signature that names no version (an older build's, replayed
    // under a newer version number): refused too.
    stage.store(UNVERSIONED, std::sync::atomic::Ordering::SeqCst);
    app.click("[data-testid=update-install]").await;
    app.wait_until(
        "(() => { const e = document.querySelector('[data-testid=update-error]'); return e?.dataset.code === 'update.signature' && e.textContent.includes('version'); })()",
        "the unversioned signature's refusal",
    )
    .await;

    // The bytes that were signed for 99.0.0 pass the check (so the key and signature are
    // sound) and reach the installer, which refuses them for what they are: not an app
    // bundle.
    stage.store(GENUINE, std::sync::atomic::Ordering::SeqCst);
    app.click("[data-testid=update-install]").await;
    app.wait_until(
        "document.querySelector('[data-testid=update-error]')?.dataset.code === 'update.install'",
        "the installer's refusal",
    )
    .await;
    app.quit().await;
}
