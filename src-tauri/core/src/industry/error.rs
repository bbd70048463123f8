use crate::error::ErrorCode;
use crate::store::StoreError;
use crate::sync::SyncError;

#[derive(Debug, thiserror::Error)]
pub enum IndustryError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for IndustryError {
    fn from(e: sqlx::Error) -> Self {
        Self::Store(e.into())
    }
}

impl From<SyncError> for IndustryError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Store(e) => Self::Store(e),
        }
    }
}

impl ErrorCode for IndustryError {
    fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
        }
    }
}
