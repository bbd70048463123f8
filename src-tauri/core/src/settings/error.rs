use crate::error::ErrorCode;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{0}")]
    Invalid(String),

    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for SettingsError {
    fn from(e: sqlx::Error) -> Self {
        Self::Store(e.into())
    }
}

impl ErrorCode for SettingsError {
    fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "settings.invalid",
            Self::Store(e) => e.code(),
        }
    }
}
