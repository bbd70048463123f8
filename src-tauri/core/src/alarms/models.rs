use serde::{Deserialize, Serialize};

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// One job, or jobs that became ready in the same minute.
    JobsReady,
    /// Jobs that became ready while the app was not running.
    JobsReadyWhileAway,
    /// A character's skill queue has run out.
    QueueEmpty,
    /// A character's skill queue ends soon.
    QueueEnding,
    /// A character's planetary extractors stop soon.
    ExtractorsStopping,
    /// A character's planetary extractors stopped.
    ExtractorsStopped,
    /// Extractors that stopped while the app was not running.
    ExtractorsStoppedWhileAway,
    /// A character's industry slots stayed idle after their jobs ended.
    SlotsIdle,
    /// Industry slots that went idle while the app was not running.
    SlotsIdleWhileAway,
    /// A character's next clone jump is available.
    CloneJumpAvailable,
    /// A character's market orders expire soon.
    OrdersExpiring,
    /// A character's market orders were filled.
    OrdersFilled,
    /// Contracts a character issued were accepted, or its couriers delivered.
    ContractsAccepted,
    /// A character's contracts expire soon, or its couriers are due soon.
    ContractsDue,
}

/// Where a click on the notification should take the player.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum NoticeView {
    Industry,
    Skills,
    Planets,
    Clones,
    /// Market orders and contracts.
    Trade,
}

/// A desktop notification, worded by the core.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    pub view: NoticeView,
}

impl NoticeKind {
    pub fn view(self) -> NoticeView {
        match self {
            Self::JobsReady
            | Self::JobsReadyWhileAway
            | Self::SlotsIdle
            | Self::SlotsIdleWhileAway => NoticeView::Industry,
            Self::QueueEmpty | Self::QueueEnding => NoticeView::Skills,
            Self::ExtractorsStopping
            | Self::ExtractorsStopped
            | Self::ExtractorsStoppedWhileAway => NoticeView::Planets,
            Self::CloneJumpAvailable => NoticeView::Clones,
            Self::OrdersExpiring
            | Self::OrdersFilled
            | Self::ContractsAccepted
            | Self::ContractsDue => NoticeView::Trade,
        }
    }
}

/// "20 min", "3 h", "1 d 4 h": a span for a notification's text.
pub fn span(ms: i64) -> String {
    let minutes = (ms.max(0) + 59_999) / 60_000;
    match minutes {
        0..=59 => format!("{} min", minutes.max(1)),
        60..=1439 => {
            let (h, m) = (minutes / 60, minutes % 60);
            if m == 0 {
                format!("{h} h")
            } else {
                format!("{h} h {m} min")
            }
        }
        _ => {
            let (d, h) = (minutes / 1440, (minutes % 1440) / 60);
            if h == 0 {
                format!("{d} d")
            } else {
                format!("{d} d {h} h")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::span;

    #[test]
    fn spans_read_like_a_person_wrote_them() {
        assert_eq!(span(0), "1 min");
        assert_eq!(span(20 * 60_000), "20 min");
        assert_eq!(span(19 * 60_000 + 1), "20 min");
        assert_eq!(span(3 * 3_600_000), "3 h");
        assert_eq!(span(3 * 3_600_000 + 5 * 60_000), "3 h 5 min");
        assert_eq!(span(28 * 3_600_000), "1 d 4 h");
        assert_eq!(span(48 * 3_600_000), "2 d");
    }
}
