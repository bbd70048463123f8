//! Contract news, on the item alarm's terms (each once, a character's together, at most
//! hourly): a contract the character issued accepted, its courier contract delivered,
//! its outstanding contract about to expire, and a courier it accepted about to be due.
//! News older than a day when first seen (a contract accepted before the feature was on)
//! passes silently.

use super::item_alarm::{Kind, Watched};
use super::models::NoticeKind;
use crate::contracts::models::{Contract, ContractStatus, ContractType};
use crate::names::is_station;

const DAY_MS: i64 = 24 * 3_600_000;

pub const ACCEPTED: Kind = Kind {
    ledger: "contract_accepted",
    notice: NoticeKind::ContractsAccepted,
    one: "{who}: contract accepted",
    many: "{who}: {n} contracts accepted",
    says_when: false,
    while_away: Some((
        "{who}: contract accepted while you were away",
        "{who}: {n} contracts accepted while you were away",
    )),
};

pub const DELIVERED: Kind = Kind {
    ledger: "courier_delivered",
    notice: NoticeKind::ContractsAccepted,
    one: "{who}: courier contract delivered",
    many: "{who}: {n} courier contracts delivered",
    says_when: false,
    while_away: Some((
        "{who}: courier contract delivered while you were away",
        "{who}: {n} courier contracts delivered while you were away",
    )),
};

pub const EXPIRING: Kind = Kind {
    ledger: "contract_expiring",
    notice: NoticeKind::ContractsDue,
    one: "{who}: a contract expires in {in}",
    many: "{who}: {n} contracts expire soon",
    says_when: true,
    while_away: None,
};

pub const COURIER_DUE: Kind = Kind {
    ledger: "courier_due",
    notice: NoticeKind::ContractsDue,
    one: "{who}: a courier contract is due in {in}",
    many: "{who}: {n} courier contracts due soon",
    says_when: true,
    while_away: None,
};

/// A contract in a few words: its title, or its type (a courier by where it goes).
fn label(c: &Contract) -> (String, Vec<i64>) {
    if let Some(title) = &c.title {
        return (title.replace("{}", "{ }"), Vec::new());
    }
    match (c.kind, c.end_location_id) {
        (ContractType::Courier, Some(end)) if is_station(end) => {
            ("Courier to {}".into(), vec![end])
        }
        (ContractType::Courier, _) => ("Courier to an Upwell structure".into(), Vec::new()),
        (ContractType::ItemExchange, _) => ("Item exchange".into(), Vec::new()),
        (ContractType::Auction, _) => ("Auction".into(), Vec::new()),
        (ContractType::Loan, _) => ("Loan".into(), Vec::new()),
        (ContractType::Unknown, _) => ("Contract".into(), Vec::new()),
    }
}

fn watched(
    character_id: i64,
    kind: &Kind,
    c: &Contract,
    from: i64,
    until: Option<i64>,
    at: i64,
) -> Watched {
    let (label, names) = label(c);
    Watched {
        character_id,
        kind: kind.ledger,
        item_id: c.contract_id,
        from,
        until,
        at,
        label,
        names,
    }
}

/// What a character's contracts give to tell (`warning_ms` 0: no warnings ahead).
pub fn watch(character_id: i64, contracts: &[Contract], warning_ms: i64) -> Vec<Watched> {
    let mut out = Vec::new();
    for c in contracts {
        let mine = c.issuer_id == character_id;
        if mine {
            if let Some(at) = c.accepted_at.filter(|_| c.acceptor_id > 0) {
                out.push(watched(
                    character_id,
                    &ACCEPTED,
                    c,
                    at,
                    Some(at + DAY_MS),
                    at,
                ));
            }
            if c.kind == ContractType::Courier && c.is_finished() {
                if let Some(at) = c.completed_at {
                    out.push(watched(
                        character_id,
                        &DELIVERED,
                        c,
                        at,
                        Some(at + DAY_MS),
                        at,
                    ));
                }
            }
            if warning_ms > 0 && c.status == ContractStatus::Outstanding {
                let at = c.expires_at;
                out.push(watched(
                    character_id,
                    &EXPIRING,
                    c,
                    at - warning_ms,
                    Some(at),
                    at,
                ));
            }
        }
        if c.acceptor_id == character_id && warning_ms > 0 {
            if let Some(at) = c.courier_due_at() {
                out.push(watched(
                    character_id,
                    &COURIER_DUE,
                    c,
                    at - warning_ms,
                    Some(at),
                    at,
                ));
            }
        }
    }
    out
}
