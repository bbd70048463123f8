use crate::error::ErrorCode;
use crate::store::StoreError;
use crate::sync::SyncError;

#[derive(Debug, thiserror::Error)]
pub enum OnlineError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for OnlineError {
    fn from(e: sqlx::Error) -> Self {
        Self::Store(e.into())
    }
}

impl From<SyncError> for OnlineError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Store(e) => Self::Store(e),
        }
    }
}

impl ErrorCode for OnlineError {
    fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
        }
    }
}
