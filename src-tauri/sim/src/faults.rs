//! Scripted faults: what a route answers instead of the truth, for the next `times`
//! requests.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FaultKind {
    /// Answer with this status and an ESI error body.
    Status { status: u16 },
    /// Answer after a delay (seconds of real time), then normally.
    Delay { ms: u64 },
    /// Never answer within any sane timeout.
    Timeout,
    /// A 200 whose body is not JSON.
    MalformedBody,
    /// A 200 whose JSON body is cut in half.
    TruncatedBody,
    /// A 200 with `Content-Type: text/html`.
    WrongContentType,
    /// ESI's cache of this resource is rebuilt just before it answers, a second later
    /// (paged routes: the later pages of a read then come from another moment, with
    /// another `Last-Modified`).
    Regenerated,
    /// An ESI error with this status and JSON body as the real servers have sent it, e.g.
    /// 403 `{"error":"unexpected end of JSON input","sso_status":401}` (a token EVE's
    /// login could not vouch for) or 403 `{"error":"Character does not have required
    /// role(s)"}`.
    EsiError { status: u16, body: String },
    /// EVE's login refusing (SSO routes only): this status and an OAuth error body, e.g.
    /// 400 `invalid_token` "The refresh token is expired." (which EVE has also sent for
    /// good tokens around downtime), or 401 `invalid_client` with
    /// `WWW-Authenticate: Basic realm="login.eveonline.com"`.
    OAuthError {
        status: u16,
        error: String,
        description: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// The route name it applies to (`esi.online`, `sso.token`, ...), one page of a paged
    /// route (`esi.corporation_jobs page=2`), or `*`.
    pub route: String,
    pub kind: FaultKind,
    /// How many requests it applies to; `None`: until cleared.
    pub times: Option<u32>,
}
