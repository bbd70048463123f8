use crate::error::ErrorCode;
use crate::esi::GateError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ContractsError {
    #[error("Character {0} is not linked to Cynosure.")]
    UnknownCharacter(i64),

    #[error("Contract {0} is not among this character's contracts (read them again first).")]
    UnknownContract(i64),

    #[error("EVE no longer lists this contract's items (it is too old or was deleted).")]
    ItemsGone,

    #[error("This character's sign-in lacks the contracts permission: re-authorise it.")]
    MissingScope,

    #[error(transparent)]
    Gate(#[from] GateError),

    #[error("{0}")]
    Auth(String, &'static str),

    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ErrorCode for ContractsError {
    fn code(&self) -> &'static str {
        match self {
            Self::UnknownCharacter(_) => "contracts.unknown_character",
            Self::UnknownContract(_) => "contracts.unknown_contract",
            Self::ItemsGone => "contracts.items_gone",
            Self::MissingScope => "contracts.missing_scope",
            Self::Gate(e) => e.code(),
            Self::Auth(_, code) => code,
            Self::Store(e) => e.code(),
        }
    }
}

impl From<crate::auth::AuthError> for ContractsError {
    fn from(e: crate::auth::AuthError) -> Self {
        let code = e.code();
        Self::Auth(e.to_string(), code)
    }
}
