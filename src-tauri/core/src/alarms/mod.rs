//! Job-ready and skill-queue alarms (docs/design.md §7). The core decides what to say and
//! when; the shell only shows a [`models::Notice`].
//!
//! One task sleeps until the earliest un-notified moment (capped, so suspend/resume and
//! clock changes are caught) and wakes early when a board or a setting changes. It never
//! polls ESI: the background job refresh learns about new jobs; the alarm only makes
//! one stale-gated refresh of an owner's board just before it fires.

pub mod background;
pub mod clone_alarm;
pub mod contract_alarm;
pub mod extractor_alarm;
pub mod item_alarm;
pub mod job_alarm;
pub mod models;
pub mod order_alarm;
pub mod queue_alarm;
pub mod slot_alarm;
pub mod task;
