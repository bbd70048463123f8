use crate::auth::AuthError;
use crate::error::ErrorCode;
use crate::roster::RosterError;
use crate::settings::SettingsError;
use crate::StartError;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("The demo could not prepare its folder: {0}.")]
    Folder(std::io::Error),
    #[error("The demo will not start: {0} exists and is not the demo's own folder, so Cynosure will not delete it. Move it away or choose another data folder.")]
    NotOurs(String),
    #[error("The demo could not start its simulated EVE servers: {0}.")]
    Simulator(std::io::Error),
    #[error(transparent)]
    Start(#[from] StartError),
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error("The demo could not sign its characters in: {0}")]
    Link(#[from] AuthError),
    #[error(transparent)]
    Accounts(#[from] RosterError),
}

impl ErrorCode for DemoError {
    fn code(&self) -> &'static str {
        match self {
            Self::Folder(_) => "demo.folder",
            Self::NotOurs(_) => "demo.not_ours",
            Self::Simulator(_) => "demo.simulator",
            Self::Start(e) => e.code(),
            Self::Settings(e) => e.code(),
            Self::Link(_) => "demo.link",
            Self::Accounts(e) => e.code(),
        }
    }
}
