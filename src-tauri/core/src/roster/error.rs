use crate::error::ErrorCode;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("Character {0} is not linked to Cynosure.")]
    UnknownCharacter(i64),

    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ErrorCode for RosterError {
    fn code(&self) -> &'static str {
        match self {
            Self::UnknownCharacter(_) => "roster.unknown_character",
            Self::Store(e) => e.code(),
        }
    }
}
