use super::error::RosterError;
use super::models::{LinkedCharacter, RosterEntry};
use crate::store;
use crate::Cynosure;

/// The linked characters, from the store only (no network), in the order they were added.
#[tracing::instrument(skip_all, err)]
pub async fn roster_list(core: &Cynosure) -> Result<Vec<RosterEntry>, RosterError> {
    let characters = store::roster::list(core.db()).await?;
    Ok(characters.into_iter().map(RosterEntry::from).collect())
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
