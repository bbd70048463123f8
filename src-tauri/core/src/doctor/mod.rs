//! The maintainers' check against EVE's real servers (`cynosure-cli doctor`): the fewest
//! real requests, each once and never inside a cache window, and what they show that the
//! simulator assumes — status codes, header names, cache times, pages, the signing keys
//! and the access token's shape. Never a token, a header value that could hold one, or a
//! body.

pub mod commands;
pub mod models;
