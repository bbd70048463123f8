//! Anything a browser (or anything else on the machine) might send to the sign-in's
//! loopback listener: only a GET of the callback with this sign-in's `state` and a
//! code yields a code.
#![no_main]

use cynosure_core::auth::loopback::{read_callback, Callback};
use libfuzzer_sys::fuzz_target;

const STATE: &str = "Zm9vYmFyLXN0YXRl";

fuzz_target!(|data: &[u8]| {
    match read_callback(data, STATE) {
        Callback::Code(code) => {
            assert!(!code.is_empty());
            assert!(data.starts_with(b"GET /"), "only a GET yields a code");
        }
        Callback::Denied(error) => {
            assert!(error.len() <= 64);
            assert!(error.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        }
        _ => {}
    }
});
