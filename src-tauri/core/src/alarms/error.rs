use crate::error::ErrorCode;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AlarmError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for AlarmError {
    fn from(e: sqlx::Error) -> Self {
        Self::Store(e.into())
    }
}

impl ErrorCode for AlarmError {
    fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
        }
    }
}
