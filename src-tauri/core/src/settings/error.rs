use crate::error::ErrorCode;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{0}")]
    Invalid(String),

    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ErrorCode for SettingsError {
    fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "settings.invalid",
            Self::Store(e) => e.code(),
        }
    }
}
