//! The loopback listener of a native-app login (RFC 8252 §7.3): it listens on the
//! registered callback port of `localhost` (both its IPv4 and IPv6 sides, or neither),
//! waits for EVE's redirect, checks the `Host` and (in constant time) `state`, and keeps
//! the browser's connection open so the page it shows can say how the sign-in ended.
//! Connections are read side by side, a few at a time, each given a few seconds: idle
//! local connections cannot stall a sign-in.

use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

use super::AuthError;

pub const CALLBACK_PATH: &str = "/callback";
const MAX_REQUEST_HEAD: usize = 8 * 1024;
/// How long a connection may take to send its request head.
const READ_TIMEOUT: Duration = Duration::from_secs(3);
/// Connections read at once; beyond it the one waiting longest is closed unanswered.
const CONNECTIONS_AT_ONCE: usize = 16;
/// The pause after a failed accept (out of descriptors, say), so it does not spin.
const ACCEPT_PAUSE: Duration = Duration::from_millis(50);

pub fn callback_url(port: u16) -> String {
    format!("http://localhost:{port}{CALLBACK_PATH}")
}

/// Listeners on both loopback addresses `localhost` may resolve to.
pub struct Loopback {
    port: u16,
    v4: TcpListener,
    v6: Option<TcpListener>,
}

/// The browser's request that carried the authorisation code, still waiting for its page.
pub struct Redirect {
    pub code: String,
    browser: TcpStream,
}

impl Loopback {
    pub async fn bind(port: u16) -> Result<Self, AuthError> {
        let v4 =
            TcpListener::bind(("127.0.0.1", port))
                .await
                .map_err(|e| AuthError::CallbackPort {
                    port,
                    reason: e.to_string(),
                })?;
        // Browsers try ::1 first for "localhost": where this computer has IPv6, its side
        // of the port must be ours too, or another program would receive the code.
        let v6 = match TcpListener::bind(("::1", port)).await {
            Ok(listener) => Some(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                return Err(AuthError::CallbackPort {
                    port,
                    reason: "another program holds its IPv6 side (::1)".into(),
                })
            }
            // No IPv6 loopback here: IPv4 alone is what "localhost" reaches.
            Err(_) => None,
        };
        Ok(Self { port, v4, v6 })
    }

    async fn accept(&self) -> std::io::Result<TcpStream> {
        match &self.v6 {
            Some(v6) => tokio::select! {
                r = self.v4.accept() => r.map(|(s, _)| s),
                r = v6.accept() => r.map(|(s, _)| s),
            },
            None => self.v4.accept().await.map(|(s, _)| s),
        }
    }

    /// Waits for the redirect that carries our `state`. Requests for other paths or
    /// hosts, and redirects with a wrong or missing `state` (an old tab, another program),
    /// are answered with an error page and ignored: they cannot end or alter this sign-in.
    pub async fn redirect(&self, expected_state: &str) -> Result<Redirect, AuthError> {
        let mut reading: tokio::task::JoinSet<Option<(TcpStream, Vec<u8>)>> =
            tokio::task::JoinSet::new();
        // Oldest first: when too many are open, the one waiting longest goes (the browser
        // coming back with the code is the newest).
        let mut waiting: std::collections::VecDeque<tokio::task::AbortHandle> =
            std::collections::VecDeque::new();
        loop {
            let (browser, head) = tokio::select! {
                accepted = self.accept() => {
                    match accepted {
                        Ok(mut browser) => {
                            waiting.retain(|h| !h.is_finished());
                            if waiting.len() >= CONNECTIONS_AT_ONCE {
                                if let Some(oldest) = waiting.pop_front() {
                                    oldest.abort();
                                }
                            }
                            waiting.push_back(reading.spawn(async move {
                                let head = read_head(&mut browser).await?;
                                Some((browser, head))
                            }));
                        }
                        Err(_) => tokio::time::sleep(ACCEPT_PAUSE).await,
                    }
                    continue;
                }
                Some(read) = reading.join_next(), if !reading.is_empty() => match read {
                    Ok(Some(read)) => read,
                    _ => continue,
                },
            };
            if !host_is_ours(&head, self.port) {
                respond(
                    browser,
                    400,
                    "Not understood",
                    "This request is not for Cynosure.",
                )
                .await;
                continue;
            }
            match read_callback(&head, expected_state) {
                Callback::NotARequest => {}
                Callback::NotUnderstood => {
                    respond(
                        browser,
                        400,
                        "Not understood",
                        "Cynosure could not read this request.",
                    )
                    .await;
                }
                Callback::NotFound => respond(browser, 404, "Not found", "Nothing here.").await,
                Callback::WrongState => {
                    tracing::warn!(
                        "a callback arrived with a state that is not this sign-in's; ignored"
                    );
                    respond(
                        browser,
                        400,
                        "Not this sign-in",
                        "This answer does not belong to the sign-in Cynosure is waiting for. Close this tab and use the newest EVE login page, or start again from Cynosure.",
                    )
                    .await;
                }
                Callback::Denied(error) => {
                    respond(
                        browser,
                        200,
                        "Sign-in declined",
                        "EVE's login did not authorise Cynosure. You can close this tab.",
                    )
                    .await;
                    return Err(AuthError::Denied(error));
                }
                Callback::MissingCode => {
                    respond(
                        browser,
                        400,
                        "Sign-in failed",
                        "EVE's login answered without an authorisation code. Start again from Cynosure.",
                    )
                    .await;
                    return Err(AuthError::MissingCode);
                }
                Callback::Code(code) => return Ok(Redirect { code, browser }),
            }
        }
    }
}

/// What one request to the listener says about the sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    /// Not an HTTP/1.x GET: dropped without an answer.
    NotARequest,
    NotUnderstood,
    /// Another path than the callback's.
    NotFound,
    /// Not this sign-in's `state` (another tab, a replay, a forgery): ignored.
    WrongState,
    /// EVE's login sent `error` (sanitised to a short token).
    Denied(String),
    MissingCode,
    Code(String),
}

/// Reads the request head the browser sent (its request line is all that counts).
/// Pure, so the fuzzer can feed it anything.
pub fn read_callback(head: &[u8], expected_state: &str) -> Callback {
    let Some(target) = request_target(head) else {
        return Callback::NotARequest;
    };
    let Ok(url) = url::Url::parse(&format!("http://localhost{target}")) else {
        return Callback::NotUnderstood;
    };
    if url.path() != CALLBACK_PATH {
        return Callback::NotFound;
    }
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    if !param("state").is_some_and(|state| same(&state, expected_state)) {
        return Callback::WrongState;
    }
    if let Some(error) = param("error") {
        return Callback::Denied(sanitise(&error));
    }
    match param("code").filter(|c| !c.is_empty()) {
        Some(code) => Callback::Code(code),
        None => Callback::MissingCode,
    }
}

impl Redirect {
    /// Answers the browser: the linked character's name, or why the sign-in failed.
    pub async fn finish(self, outcome: Result<&str, String>) {
        match outcome {
            Ok(name) => {
                respond(
                    self.browser,
                    200,
                    "Character linked",
                    &format!("{name} is linked to Cynosure — you can close this tab."),
                )
                .await
            }
            Err(why) => respond(self.browser, 200, "Sign-in failed", &why).await,
        }
    }
}

/// Equal, compared in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// Whether the request names this listener as its host (`localhost`, `127.0.0.1` or
/// `[::1]` with our port): a page elsewhere that points a name of its own at 127.0.0.1
/// (DNS rebinding) is not answered.
pub fn host_is_ours(head: &[u8], port: u16) -> bool {
    let Ok(head) = std::str::from_utf8(head) else {
        return false;
    };
    let host = head.lines().skip(1).find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("host")
            .then(|| value.trim())
    });
    host.is_some_and(|host| {
        ["localhost", "127.0.0.1", "[::1]"]
            .iter()
            .any(|name| host == format!("{name}:{port}"))
    })
}

/// An OAuth error code is a short token; anything else is cut down to plain characters.
fn sanitise(error: &str) -> String {
    error
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(64)
        .collect()
}

/// The request head (up to the blank line, at most 8 KiB), or `None` if the browser
/// says nothing in time.
async fn read_head(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    let read = async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_REQUEST_HEAD {
            let n = stream.read(&mut buf).await.ok()?;
            if n == 0 {
                break;
            }
            head.extend_from_slice(&buf[..n]);
        }
        Some(())
    };
    tokio::time::timeout(READ_TIMEOUT, read).await.ok()??;
    Some(head)
}

/// The request target of an HTTP/1.x GET, or `None` for anything else.
fn request_target(head: &[u8]) -> Option<&str> {
    let line = head.split(|b| *b == b'\n').next()?;
    let line = std::str::from_utf8(line).ok()?.trim_end();
    let mut parts = line.split(' ');
    (parts.next()? == "GET").then_some(())?;
    let target = parts.next()?;
    target.starts_with('/').then_some(target)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn respond(mut browser: TcpStream, status: u16, title: &str, text: &str) {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Bad Request",
    };
    let body = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{title} — Cynosure</title>\
         <style>body{{font:16px system-ui,sans-serif;background:#0d1117;color:#e6edf3;display:grid;place-items:center;height:90vh}}\
         main{{max-width:32em;text-align:center}}h1{{font-size:1.4em}}</style>\
         <main><h1>{title}</h1><p>{text}</p></main></html>",
        title = escape(title),
        text = escape(text),
    );
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nX-Content-Type-Options: nosniff\r\n\
         Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = browser.write_all(response.as_bytes()).await;
    let _ = browser.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_requests_for_this_listener_are_answered() {
        let head = |host: &str| format!("GET /callback?state=s HTTP/1.1\r\nHost: {host}\r\n\r\n");
        for ours in ["localhost:7878", "127.0.0.1:7878", "[::1]:7878"] {
            assert!(host_is_ours(head(ours).as_bytes(), 7878), "{ours}");
        }
        for theirs in [
            "evil.example:7878",
            "localhost:7879",
            "localhost",
            "127.0.0.1.evil:7878",
        ] {
            assert!(!host_is_ours(head(theirs).as_bytes(), 7878), "{theirs}");
        }
        assert!(
            !host_is_ours(b"GET /callback HTTP/1.1\r\n\r\n", 7878),
            "no Host"
        );
    }

    #[test]
    fn state_compares_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd") && !same("abc", "ab") && !same("", "a"));
    }
}
