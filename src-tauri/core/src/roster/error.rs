use crate::error::ErrorCode;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("Character {0} is not linked to Cynosure.")]
    UnknownCharacter(i64),

    #[error("There is no such account (it may have been deleted).")]
    UnknownAccount(i64),

    #[error("An account needs a name of 1 to 64 characters.")]
    AccountName,

    #[error("There is already an account called {0}.")]
    AccountNameTaken(String),

    #[error("Could not check the characters' corporations: {0}")]
    Affiliation(String),

    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ErrorCode for RosterError {
    fn code(&self) -> &'static str {
        match self {
            Self::UnknownCharacter(_) => "roster.unknown_character",
            Self::UnknownAccount(_) => "roster.unknown_account",
            Self::AccountName => "roster.account_name",
            Self::AccountNameTaken(_) => "roster.account_name_taken",
            Self::Affiliation(_) => "roster.affiliation",
            Self::Store(e) => e.code(),
        }
    }
}
