use crate::error::ErrorCode;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for SyncError {
    fn from(e: sqlx::Error) -> Self {
        Self::Store(e.into())
    }
}

impl ErrorCode for SyncError {
    fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
        }
    }
}
