use super::error::RosterError;
use super::models::{Account, LinkedCharacter, RosterEntry};
use crate::events::CoreEvent;
use crate::store;
use crate::Cynosure;

/// The linked characters, from the store only (no network), in the order they were added.
#[tracing::instrument(skip_all, err)]
pub async fn roster_list(core: &Cynosure) -> Result<Vec<RosterEntry>, RosterError> {
    let characters = store::roster::list(core.db()).await?;
    let corporations: Vec<i64> = characters.iter().map(|c| c.corporation_id).collect();
    let names = store::names::known(core.db(), &corporations).await?;
    let wanted = crate::catalog::wanted_scopes(&core.settings_snapshot());
    Ok(characters
        .into_iter()
        .map(|c| {
            let corporation_name = names.get(&c.corporation_id).cloned();
            entry_of(core, c, corporation_name, &wanted)
        })
        .collect())
}

/// A stored character as the UI shows it (with its corporation's name when known).
pub async fn roster_entry(core: &Cynosure, c: LinkedCharacter) -> Result<RosterEntry, RosterError> {
    let corporation_name = store::names::get(core.db(), c.corporation_id).await?;
    let wanted = crate::catalog::wanted_scopes(&core.settings_snapshot());
    Ok(entry_of(core, c, corporation_name, &wanted))
}

fn entry_of(
    core: &Cynosure,
    c: LinkedCharacter,
    corporation_name: Option<String>,
    wanted: &[&str],
) -> RosterEntry {
    let character_id = c.character_id;
    let mut entry = RosterEntry::from_stored(
        c,
        corporation_name,
        &core.gate().config().images_url,
        wanted,
    );
    if core.is_demo() {
        // The demo's faces come with the answer: the window's CSP lets images in only
        // from EVE's image server, never from a loopback port like the demo's simulator.
        entry.portrait_url = cynosure_sim::images::portrait_data_url(character_id);
    }
    entry
}

/// One linked character, or [`RosterError::UnknownCharacter`]: the check every command
/// that names a character id goes through.
#[tracing::instrument(skip(core), err)]
pub async fn linked_character(
    core: &Cynosure,
    character_id: i64,
) -> Result<LinkedCharacter, RosterError> {
    store::roster::get(core.db(), character_id)
        .await?
        .ok_or(RosterError::UnknownCharacter(character_id))
}

/// The player's accounts, with their characters.
#[tracing::instrument(skip_all, err)]
pub async fn accounts_list(core: &Cynosure) -> Result<Vec<Account>, RosterError> {
    let characters = store::roster::list(core.db()).await?;
    Ok(store::accounts::list(core.db())
        .await?
        .into_iter()
        .map(|a| Account {
            character_ids: characters
                .iter()
                .filter(|c| c.account_id == Some(a.account_id))
                .map(|c| c.character_id)
                .collect(),
            account_id: a.account_id,
            name: a.name,
        })
        .collect())
}

fn account_name(name: &str) -> Result<&str, RosterError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(RosterError::AccountName);
    }
    Ok(name)
}

async fn account(core: &Cynosure, account_id: i64) -> Result<Account, RosterError> {
    accounts_list(core)
        .await?
        .into_iter()
        .find(|a| a.account_id == account_id)
        .ok_or(RosterError::UnknownAccount(account_id))
}

/// A new, empty account.
#[tracing::instrument(skip(core), err)]
pub async fn account_create(core: &Cynosure, name: &str) -> Result<Account, RosterError> {
    let name = account_name(name)?;
    let id = store::accounts::create(core.db(), name, core.now_ms())
        .await?
        .ok_or_else(|| RosterError::AccountNameTaken(name.to_owned()))?;
    account(core, id).await
}

#[tracing::instrument(skip(core), err)]
pub async fn account_rename(
    core: &Cynosure,
    account_id: i64,
    name: &str,
) -> Result<Account, RosterError> {
    let name = account_name(name)?;
    let current = account(core, account_id).await?;
    if current.name != name && !store::accounts::rename(core.db(), account_id, name).await? {
        return Err(RosterError::AccountNameTaken(name.to_owned()));
    }
    core.emit(CoreEvent::RosterChanged);
    account(core, account_id).await
}

/// Deletes an account; its characters stay, each on its own.
#[tracing::instrument(skip(core), err)]
pub async fn account_delete(core: &Cynosure, account_id: i64) -> Result<(), RosterError> {
    if !store::accounts::delete(core.db(), account_id).await? {
        return Err(RosterError::UnknownAccount(account_id));
    }
    core.emit(CoreEvent::RosterChanged);
    Ok(())
}

/// Puts a linked character in an account (`None`: on its own).
#[tracing::instrument(skip(core), err)]
pub async fn account_assign(
    core: &Cynosure,
    character_id: i64,
    account_id: Option<i64>,
) -> Result<RosterEntry, RosterError> {
    linked_character(core, character_id).await?;
    if let Some(id) = account_id {
        account(core, id).await?;
    }
    store::roster::set_account(core.db(), character_id, account_id).await?;
    core.emit(CoreEvent::RosterChanged);
    roster_entry(core, linked_character(core, character_id).await?).await
}

/// The roster for a view: the stored characters at once, and (behind the answer, at most
/// once per ESI's cache window) their corporations checked again.
#[tracing::instrument(skip_all, err)]
pub async fn roster_on_view(
    core: &std::sync::Arc<Cynosure>,
) -> Result<Vec<RosterEntry>, RosterError> {
    let roster = roster_list(core).await?;
    let core = core.clone();
    tokio::spawn(async move {
        if let Err(e) = refresh_affiliations(&core).await {
            tracing::warn!(error = %e, "could not check the characters' corporations");
        }
    });
    Ok(roster)
}

/// A character ESI's affiliation names (`POST /characters/affiliation`).
#[derive(serde::Deserialize)]
struct Affiliation {
    character_id: i64,
    corporation_id: i64,
}

/// The corporations of every linked character, read again from ESI's affiliation (all
/// characters in one request, at most once per its cache window), so that a character who
/// moved is shown in its new corporation — whose jobs are then read — and the boards of a
/// corporation no linked character belongs to any more go. Returns how many moved.
#[tracing::instrument(skip_all, err)]
pub async fn refresh_affiliations(core: &Cynosure) -> Result<usize, RosterError> {
    let characters = store::roster::list(core.db()).await?;
    if characters.is_empty() {
        return Ok(0);
    }
    let mut ids: Vec<i64> = characters.iter().map(|c| c.character_id).collect();
    ids.sort_unstable();
    let key = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let now = core.now_ms();
    if let Some((asked, expires_at)) = core.db().affiliation_checked().await? {
        if asked == key && now < expires_at {
            return Ok(0);
        }
    }
    let route = crate::esi::routes::AFFILIATION;
    let mut rows: Vec<Affiliation> = Vec::new();
    let mut expires_at = i64::MAX;
    for batch in ids.chunks(1000) {
        let (answer, until): (Vec<Affiliation>, i64) =
            match core.gate().post_until(route, route.path, batch).await {
                Ok(answer) => answer,
                Err(e) => {
                    if matches!(e, crate::esi::GateError::Malformed(_)) {
                        // ESI keeps serving that unreadable answer for its cache time:
                        // asking again before then is asking inside its cache window.
                        let until = now + route.cache_secs * 1000;
                        core.db().save_affiliation_checked(&key, until).await?;
                    }
                    return Err(RosterError::Affiliation(e.to_string()));
                }
            };
        rows.extend(answer);
        expires_at = expires_at.min(until);
    }
    core.db().save_affiliation_checked(&key, expires_at).await?;
    let mut moved = 0;
    for row in rows {
        let known = characters
            .iter()
            .any(|c| c.character_id == row.character_id);
        if known
            && store::roster::set_corporation(core.db(), row.character_id, row.corporation_id)
                .await?
        {
            tracing::info!(
                character_id = row.character_id,
                "a character changed corporation"
            );
            moved += 1;
        }
    }
    if moved > 0 {
        let corporations: Vec<i64> = store::roster::list(core.db())
            .await?
            .iter()
            .map(|c| c.corporation_id)
            .collect();
        crate::names::resolve(core, &corporations).await;
        core.emit(CoreEvent::RosterChanged);
    }
    Ok(moved)
}
