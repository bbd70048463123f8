//! The one error shape that crosses IPC: a stable `code` and a human message.

use serde::{Deserialize, Serialize};

/// What every command error becomes on its way to the UI. The `code` is stable
/// (`<slice>.<what>`, e.g. `store.schema_too_new`) so the UI can choose an action;
/// the `message` is for people and never holds a secret or a debug dump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// Implemented by every typed error of the core: its stable code. The human message is
/// its `Display`.
pub trait ErrorCode: std::error::Error {
    fn code(&self) -> &'static str;
}

impl<E: ErrorCode> From<E> for IpcError {
    fn from(error: E) -> Self {
        Self::new(error.code(), error.to_string())
    }
}
