use super::error::RosterError;
use super::models::{LinkedCharacter, RosterEntry};
use crate::store;
use crate::Cynosure;

/// The linked characters, from the store only (no network), in the order they were added.
#[tracing::instrument(skip_all, err)]
pub async fn roster_list(core: &Cynosure) -> Result<Vec<RosterEntry>, RosterError> {
    let characters = store::roster::list(core.db()).await?;
    let mut entries = Vec::with_capacity(characters.len());
    for c in characters {
        entries.push(roster_entry(core, c).await?);
    }
    Ok(entries)
}

/// A stored character as the UI shows it (with its corporation's name when known).
pub async fn roster_entry(core: &Cynosure, c: LinkedCharacter) -> Result<RosterEntry, RosterError> {
    let corporation_name = store::names::get(core.db(), c.corporation_id).await?;
    Ok(RosterEntry::from_stored(
        c,
        corporation_name,
        &core.gate().config().images_url,
        &crate::catalog::wanted_scopes(&core.settings_snapshot()),
    ))
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
