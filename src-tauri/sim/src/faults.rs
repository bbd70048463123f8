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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// The route name it applies to (`esi.online`, `sso.token`, ...) or `*`.
    pub route: String,
    pub kind: FaultKind,
    /// How many requests it applies to; `None`: until cleared.
    pub times: Option<u32>,
}
