use base64::Engine as _;
use serde_json::Value;

use super::models::DoctorReport;
use crate::error::IpcError;
use crate::esi::{routes, Probed};
use crate::store::boards;
use crate::sync::{OwnerAxis, OwnerKind};
use crate::{catalog, store, Cynosure};

/// The metadata document in a line: its issuer, the key set's address and every field.
pub fn describe_metadata(doc: &Value) -> String {
    let text = |k: &str| doc.get(k).and_then(Value::as_str).unwrap_or("(none)");
    let mut fields: Vec<&str> = doc
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    fields.sort_unstable();
    format!(
        "issuer {}, jwks_uri {}, fields: {}",
        text("issuer"),
        text("jwks_uri"),
        fields.join(" ")
    )
}

/// The key set in a line: each key's algorithm, type and id, and members beside `keys`.
pub fn describe_key_set(set: &Value) -> String {
    let keys: Vec<String> = set
        .get("keys")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|k| {
            let text = |f: &str| k.get(f).and_then(Value::as_str).unwrap_or("?");
            format!("{} {} {}", text("alg"), text("kty"), text("kid"))
        })
        .collect();
    let mut others: Vec<&str> = set
        .as_object()
        .map(|o| {
            o.keys()
                .map(String::as_str)
                .filter(|k| *k != "keys")
                .collect()
        })
        .unwrap_or_default();
    others.sort_unstable();
    format!(
        "{} key(s): {}; other members: {}",
        keys.len(),
        keys.join(", "),
        if others.is_empty() {
            "none".to_owned()
        } else {
            others.join(" ")
        }
    )
}

/// An access token's shape — header algorithm and key id, the names of its claims, its
/// lifetime — never a claim's value.
pub fn describe_token(token: &str) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let part = |i: usize| -> Option<Value> {
        let text = token.split('.').nth(i)?;
        serde_json::from_slice(&b64.decode(text).ok()?).ok()
    };
    let (Some(header), Some(claims)) = (part(0), part(1)) else {
        return "not a JWT".into();
    };
    shape(&header, &claims)
}

/// As [`describe_token`], from a decoded header and claims.
pub fn shape(header: &Value, claims: &Value) -> String {
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("?").to_owned();
    let mut names: Vec<&str> = claims
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    names.sort_unstable();
    let lifetime = claims
        .get("exp")
        .and_then(Value::as_i64)
        .zip(claims.get("iat").and_then(Value::as_i64))
        .map_or("?".to_owned(), |(exp, iat)| format!("{} s", exp - iat));
    let scp = match claims.get("scp") {
        Some(Value::Array(_)) => "a list",
        Some(Value::String(_)) => "a string",
        _ => "absent",
    };
    format!(
        "{} signed, kid {}; claims: {}; lifetime {lifetime}; scp is {scp}; aud is {}",
        text(header, "alg"),
        text(header, "kid"),
        names.join(" "),
        if claims.get("aud").is_some_and(Value::is_array) {
            "a list"
        } else {
            "a string"
        }
    )
}

fn describe_probe(p: &Probed) -> String {
    let mut said = format!("HTTP {}", p.status);
    if let Some(secs) = p.cache_secs {
        said.push_str(&format!(", cached {secs} s (Expires − Date)"));
    }
    if let Some(group) = &p.rate_limit_group {
        said.push_str(&format!(", rate-limit group {group}"));
    }
    if let Some(pages) = p.pages {
        said.push_str(&format!(", {pages} page(s)"));
    }
    if let Some(items) = p.items {
        said.push_str(&format!(", {items} item(s)"));
    }
    said.push_str(&format!("; headers: {}", p.header_names.join(" ")));
    said
}

async fn get_json(core: &Cynosure, url: &str) -> Result<Value, String> {
    let response = core
        .gate()
        .sso_http()
        .get(url)
        .send()
        .await
        .map_err(|e| e.without_url().to_string())?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("HTTP {}", status.as_u16()));
    }
    response
        .json()
        .await
        .map_err(|e| e.without_url().to_string())
}

/// Runs the check with the first linked character (its boards' own cache windows are
/// honoured: a board still fresh is not asked). Makes one token refresh.
#[tracing::instrument(skip_all, err)]
pub async fn doctor_run(core: &Cynosure) -> Result<DoctorReport, IpcError> {
    let mut report = DoctorReport::default();
    let sso = core.gate().config().sso_url.clone();
    match get_json(
        core,
        &format!("{sso}/.well-known/oauth-authorization-server"),
    )
    .await
    {
        Ok(doc) => {
            report.note("sso.metadata", describe_metadata(&doc));
            if let Some(jwks) = doc.get("jwks_uri").and_then(Value::as_str) {
                match get_json(core, jwks).await {
                    Ok(set) => report.note("sso.jwks", describe_key_set(&set)),
                    Err(e) => report.note("sso.jwks", format!("failed: {e}")),
                }
            }
        }
        Err(e) => report.note("sso.metadata", format!("failed: {e}")),
    }

    let Some(character) = store::roster::list(core.db()).await?.into_iter().next() else {
        report.note(
            "esi",
            "no linked character: sign one in to check ESI's routes",
        );
        return Ok(report);
    };
    let id = character.character_id;
    core.custody().forget_access(id).await;
    let token = match core.custody().vend(core, id).await {
        Ok(token) => {
            report.note(
                "sso.token",
                format!("refreshed; {}", describe_token(token.secret())),
            );
            token
        }
        Err(e) => {
            report.note("sso.token", format!("failed: {e}"));
            return Ok(report);
        }
    };

    let now = core.now_ms();
    for d in catalog::boards() {
        let owner = match d.owner {
            OwnerAxis::Character => id,
            OwnerAxis::Corporation { .. } => character.corporation_id,
        };
        let what = format!("esi.{}", d.route.name);
        if !character.scopes.iter().any(|s| s == d.scope) {
            report.note(what, format!("not asked: the sign-in lacks {}", d.scope));
            continue;
        }
        if let Some(until) = boards::get(core.db(), d.key(owner))
            .await?
            .and_then(|r| r.expires_at)
            .filter(|until| *until > now)
        {
            report.note(
                what,
                format!(
                    "not asked: inside ESI's cache window until {}",
                    crate::esi::error::clock_time(until)
                ),
            );
            continue;
        }
        let path = d.route.path_for(&[owner]);
        let path = if d.owner_kind() == OwnerKind::Corporation {
            format!("{path}?page=1")
        } else {
            path
        };
        let said = match core
            .gate()
            .probe(d.route, &path, Some(id), Some(token.secret()), None)
            .await
        {
            Ok(p) => describe_probe(&p),
            Err(e) => format!("failed: {e}"),
        };
        report.note(what, said);
    }
    for (route, body) in [(routes::AFFILIATION, vec![id]), (routes::NAMES, vec![id])] {
        if route.name == routes::AFFILIATION.name {
            if let Some((_, until)) = core
                .db()
                .affiliation_checked()
                .await?
                .filter(|(asked, until)| *asked == id.to_string() && *until > now)
            {
                report.note(
                    "esi.affiliation",
                    format!(
                        "not asked: inside ESI's cache window until {}",
                        crate::esi::error::clock_time(until)
                    ),
                );
                continue;
            }
        }
        let body = serde_json::to_vec(&body).unwrap_or_default();
        let said = match core
            .gate()
            .probe(route, route.path, None, None, Some(body))
            .await
        {
            Ok(p) => describe_probe(&p),
            Err(e) => format!("failed: {e}"),
        };
        report.note(format!("esi.{}", route.name), said);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> Value {
        let path = format!(
            "{}/../../third_party/ccp/examples/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn ccps_metadata_example_reads_as_a_line() {
        let said = describe_metadata(&example("sso-oauth-authorization-server.json"));
        assert!(said.starts_with(
            "issuer login.eveonline.com, jwks_uri https://login.eveonline.com/oauth/jwks, fields: "
        ));
        assert!(said.contains("code_challenge_methods_supported"), "{said}");
    }

    #[test]
    fn ccps_token_payload_example_shows_its_shape_and_no_value() {
        let header = serde_json::json!({"alg": "RS256", "kid": "JWT-Signature-Key", "typ": "JWT"});
        let claims = example("sso-access-token-payload.json");
        let said = shape(&header, &claims);
        assert_eq!(
            said,
            "RS256 signed, kid JWT-Signature-Key; claims: aud azp exp iat iss jti kid name owner region scp sub tenant tier; lifetime 1200 s; scp is a list; aud is a list"
        );
        assert!(!said.contains("Some Bloke") && !said.contains("123123"));
    }

    #[test]
    fn a_key_set_names_its_algorithms_and_extra_members() {
        let set = serde_json::json!({
            "keys": [
                {"alg": "RS256", "kty": "RSA", "kid": "JWT-Signature-Key", "n": "x", "e": "AQAB"},
                {"alg": "ES256", "kty": "EC", "kid": "8878a23f", "crv": "P-256", "x": "a", "y": "b"}
            ],
            "SkipUnresolvedJsonWebKeys": true
        });
        assert_eq!(
            describe_key_set(&set),
            "2 key(s): RS256 RSA JWT-Signature-Key, ES256 EC 8878a23f; other members: SkipUnresolvedJsonWebKeys"
        );
    }
}
