//! What CCP asks of every client and can ban an application for, checked on each request
//! (ESI's best practices): a `User-Agent` naming the application and a contact that
//! reaches a person, no request for a resource before the `Expires` the server gave for
//! it (that "may count as circumventing the ESI caching"), no expired access token. The
//! real servers do not say when a client breaks these; the simulator records each
//! breach so tests can demand there are none.

use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum Rule {
    /// No `User-Agent`, or one without `Name/version` and a contact (an e-mail address or
    /// a `+https://…` address), or with a no-reply e-mail address.
    UserAgent,
    /// A request for a resource (path, page, body) by the same character before the
    /// `Expires` of the last answer for it.
    EarlyRequest,
    /// An access token sent after its `exp`.
    ExpiredToken,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Breach {
    pub at_ms: i64,
    pub route: &'static str,
    pub path: String,
    pub rule: Rule,
    pub detail: String,
}

/// Why a `User-Agent` falls short of what CCP asks, if it does.
pub fn user_agent_fault(user_agent: Option<&str>) -> Option<String> {
    let Some(ua) = user_agent.map(str::trim).filter(|u| !u.is_empty()) else {
        return Some("no User-Agent".into());
    };
    let product = ua.split_whitespace().next().unwrap_or_default();
    if !product
        .split_once('/')
        .is_some_and(|(name, version)| !name.is_empty() && !version.is_empty())
    {
        return Some(format!("no Name/version in {ua:?}"));
    }
    let comment = ua
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(c, _)| c)
        .unwrap_or_default();
    let contacts: Vec<&str> = comment.split(';').map(str::trim).collect();
    let email = contacts
        .iter()
        .find(|c| c.contains('@') && !c.starts_with('+'));
    if let Some(email) = email {
        let local = email
            .split('@')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if [
            "noreply",
            "no-reply",
            "no_reply",
            "donotreply",
            "do-not-reply",
        ]
        .iter()
        .any(|n| local.contains(n))
            || email.to_ascii_lowercase().contains("users.noreply.")
        {
            return Some(format!("a no-reply contact in {ua:?}"));
        }
        return None;
    }
    if contacts.iter().any(|c| c.starts_with("+http")) {
        return None;
    }
    Some(format!("no contact in {ua:?}"))
}

#[cfg(test)]
mod tests {
    use super::user_agent_fault;

    #[test]
    fn a_user_agent_names_the_application_and_a_contact_that_reaches_someone() {
        for good in [
            "Cynosure/0.1.0 (+https://github.com/cynosure-app/cynosure/issues)",
            "Cynosure/0.1.0 (pilot@example.org; +https://github.com/cynosure-app/cynosure)",
            "AllianceAuth/1.2.3 (foo@example.com; +https://gitlab.com/allianceauth/allianceauth) DjangoESI/1.2.3",
        ] {
            assert_eq!(user_agent_fault(Some(good)), None, "{good}");
        }
        for bad in [
            None,
            Some(""),
            Some("reqwest"),
            Some("Cynosure/0.1.0"),
            Some("Cynosure/0.1.0 (cynosure@users.noreply.github.com; +https://github.com/x/y)"),
            Some("Cynosure/0.1.0 (no-reply@example.org)"),
        ] {
            assert!(user_agent_fault(bad).is_some(), "{bad:?}");
        }
    }
}
