//! `tracing` to stderr and to a daily-rotated file in the log folder.
//!
//! Nothing that holds a token is ever a field of a span or event: types that carry
//! secrets do not implement `Debug` with their contents.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer as _;
use tracing_subscriber::{fmt, EnvFilter};

const LOG_FILE_PREFIX: &str = "cynosure";
const LOG_FILES_KEPT: usize = 7;

/// Installs the global subscriber. Keep the returned guard alive for the life of the
/// process: dropping it flushes the file writer. Returns `None` (stderr only) when the
/// log folder cannot be used, or when a subscriber is already installed.
pub fn init(log_dir: &Path) -> Option<WorkerGuard> {
    let filter = || {
        EnvFilter::try_from_env("CYNOSURE_LOG")
            .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tao=warn,wry=warn"))
    };
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(filter());

    let file = crate::paths::create_private_dir(log_dir)
        .ok()
        .and_then(|()| {
            tracing_appender::rolling::Builder::new()
                .rotation(tracing_appender::rolling::Rotation::DAILY)
                .filename_prefix(LOG_FILE_PREFIX)
                .filename_suffix("log")
                .max_log_files(LOG_FILES_KEPT)
                .build(log_dir)
                .ok()
        });
    match file {
        Some(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let file_layer = fmt::layer()
                .with_ansi(false)
                .with_writer(writer)
                .with_filter(filter());
            tracing_subscriber::registry()
                .with(stderr)
                .with(file_layer)
                .try_init()
                .ok()
                .map(|()| guard)
        }
        None => {
            let _ = tracing_subscriber::registry().with(stderr).try_init();
            tracing::warn!(log_dir = %log_dir.display(), "log folder unusable; logging to stderr only");
            None
        }
    }
}
