//! The image server's character portraits (`images.evetech.net/characters/{id}/portrait`).
//! The simulator draws a simple stand-in per character, in SVG, so the demo and the UI
//! tests show a face-shaped picture rather than initials.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::Shared;

/// Dark backdrops in EVE's palette, picked by character id.
const BACKDROPS: &[(&str, &str)] = &[
    ("#1d3b53", "#0b1622"),
    ("#3b2a4f", "#120c1c"),
    ("#254536", "#0a1610"),
    ("#4a3422", "#170f09"),
    ("#2c3540", "#0c0f13"),
];

pub(crate) async fn portrait(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Response {
    let known = id
        .parse::<i64>()
        .ok()
        .filter(|id| shared.lock().world.characters.contains_key(id));
    let status = if known.is_some() { 200 } else { 404 };
    shared.log_simple(
        "GET",
        &format!("/characters/{id}/portrait"),
        "images.portrait",
        status,
    );
    let Some(id) = known else {
        return (StatusCode::NOT_FOUND, "unknown character").into_response();
    };
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg(id),
    )
        .into_response()
}

/// The same portrait as a `data:` URL, for the demo: its window shows the simulated faces
/// without being allowed to load images from a loopback port.
pub fn portrait_data_url(id: i64) -> String {
    use base64::Engine as _;
    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg(id))
    )
}

fn svg(id: i64) -> String {
    let (light, dark) = BACKDROPS[(id.unsigned_abs() % BACKDROPS.len() as u64) as usize];
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128"><defs><radialGradient id="b" cx="50%" cy="30%" r="80%"><stop offset="0" stop-color="{light}"/><stop offset="1" stop-color="{dark}"/></radialGradient></defs><rect width="128" height="128" fill="url(#b)"/><circle cx="64" cy="52" r="24" fill="#c9d3dd" fill-opacity="0.55"/><path d="M20 128c4-30 22-44 44-44s40 14 44 44z" fill="#c9d3dd" fill-opacity="0.45"/></svg>"##
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn portraits_differ_by_character_and_are_svg() {
        let a = super::svg(2_112_000_001);
        let b = super::svg(2_112_000_002);
        assert!(a.starts_with("<svg"));
        assert_ne!(a, b);
    }
}
