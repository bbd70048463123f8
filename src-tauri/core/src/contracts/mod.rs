//! Contracts (the `contracts` feature): the contracts each character issued, accepted or
//! was assigned, with courier deadlines, and a contract's items when the player opens it.
//!
//! What ESI does, from CCP's spec and what other clients learned of the real server: the
//! list holds contracts no older than 30 days, or in progress (the spec); an outstanding
//! contract stays `outstanding` after it expires, so expiry is `date_expired` passing
//! (esi/esi-issues#1153); `deleted` contracts appear and are dropped
//! (ErikKalkoken/evebuddy#373); a courier is due `days_to_complete` days after it was
//! accepted; the items of an old or deleted contract answer 404 or 500
//! (esi/esi-issues#1080, #1192) and a courier's are `[]` (#697); the game server limits
//! contract reads itself and answers 520 (esi/esi-docs#40), which the gate waits out.

pub mod commands;
pub mod descriptors;
pub mod error;
pub mod models;

use models::{Contract, ContractRole, ContractStatus};

/// What a contract is to a character, if anything.
pub fn role(c: &Contract, character_id: i64, corporation_id: i64) -> Option<ContractRole> {
    if c.issuer_id == character_id {
        Some(ContractRole::Issued)
    } else if c.acceptor_id == character_id {
        Some(ContractRole::Accepted)
    } else if c.status == ContractStatus::Outstanding
        && (c.assignee_id == character_id || c.assignee_id == corporation_id)
    {
        Some(ContractRole::ForYou)
    } else {
        None
    }
}

/// Still asks something of someone: outstanding (not expired) or in progress.
pub fn is_open(c: &Contract, now: i64) -> bool {
    (c.status == ContractStatus::Outstanding && !c.is_expired(now))
        || c.status == ContractStatus::InProgress
}

#[cfg(test)]
mod tests {
    use super::models::ContractType;
    use super::*;

    const DAY: i64 = 24 * 3_600_000;

    pub(crate) fn contract(kind: ContractType, status: ContractStatus) -> Contract {
        Contract {
            contract_id: 1,
            kind,
            status,
            title: None,
            issuer_id: 10,
            issuer_corporation_id: 100,
            assignee_id: 0,
            acceptor_id: 0,
            for_corporation: false,
            issued_at: 0,
            expires_at: 7 * DAY,
            accepted_at: None,
            completed_at: None,
            days_to_complete: None,
            start_location_id: None,
            end_location_id: None,
            price: None,
            reward: None,
            collateral: None,
            buyout: None,
            volume: None,
        }
    }

    #[test]
    fn an_outstanding_contract_past_its_expiry_is_expired_though_esi_says_outstanding() {
        let c = contract(ContractType::ItemExchange, ContractStatus::Outstanding);
        assert!(!c.is_expired(7 * DAY - 1));
        assert!(c.is_expired(7 * DAY));
        assert!(is_open(&c, 0));
        assert!(!is_open(&c, 7 * DAY));
    }

    #[test]
    fn a_courier_is_due_its_days_after_it_was_accepted() {
        let mut c = contract(ContractType::Courier, ContractStatus::InProgress);
        c.accepted_at = Some(DAY);
        c.days_to_complete = Some(3);
        assert_eq!(c.courier_due_at(), Some(4 * DAY));
        c.status = ContractStatus::Finished;
        assert_eq!(c.courier_due_at(), None);
    }

    #[test]
    fn the_role_says_whose_contract_it_is() {
        let mut c = contract(ContractType::ItemExchange, ContractStatus::Outstanding);
        assert_eq!(role(&c, 10, 100), Some(ContractRole::Issued));
        c.assignee_id = 20;
        assert_eq!(role(&c, 20, 200), Some(ContractRole::ForYou));
        c.assignee_id = 200;
        assert_eq!(role(&c, 20, 200), Some(ContractRole::ForYou));
        c.status = ContractStatus::InProgress;
        c.acceptor_id = 30;
        assert_eq!(role(&c, 30, 300), Some(ContractRole::Accepted));
        assert_eq!(role(&c, 20, 200), None);
    }
}
