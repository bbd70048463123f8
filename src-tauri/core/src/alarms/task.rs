//! The alarm task: [`Alarms::tick`] decides (tests drive it with a controllable clock),
//! [`run`] sleeps between ticks for the life of the app.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::clone_alarm;
use super::contract_alarm;
use super::extractor_alarm::{self, StoredExtractor};
use super::item_alarm::{self, Kind, Watched};
use super::job_alarm::{self, can_ring, StoredJob};
use super::models::Notice;
use super::order_alarm;
use super::queue_alarm::{self, StoredQueue};
use super::slot_alarm::{self, StoredSlots};
use crate::clones::descriptors::CLONES;
use crate::clones::models::ClonesBoard;
use crate::contracts::descriptors::CONTRACTS;
use crate::events::CoreEvent;
use crate::features::Feature;
use crate::industry::descriptors::{CHARACTER_JOBS, CORPORATION_JOBS};
use crate::industry::models::IndustryJob;
use crate::markets::descriptors::MARKET_ORDERS;
use crate::planets::descriptors::PLANETS;
use crate::planets::models::PlanetsBoard;
use crate::settings::models::Settings;
use crate::skills::descriptors::SKILLQUEUE;
use crate::skills::models::{QueuedSkill, SkillsBoard};
use crate::slots::held_by_kind;
use crate::slots::models::SlotKind;
use crate::store::notified::{self, ExtractorMark, JobMark, SlotMark};
use crate::store::{boards, roster, StoreError};
use crate::sync::owner_sync::{refresh_owner, Descriptor};
use crate::sync::{OwnerKind, Slice};
use crate::{names, Cynosure};

/// The longest the task sleeps without looking at the clock again, so that a suspend and
/// resume, or a clock change, is caught within about a minute.
pub const MAX_SLEEP_MS: i64 = 60_000;

/// What one look found.
#[derive(Debug, Default)]
pub struct Tick {
    pub notices: Vec<Notice>,
    /// The next moment something may become due (`None`: nothing pending).
    pub next_at: Option<i64>,
}

#[derive(Debug)]
pub struct Alarms {
    /// Jobs ready before this moment became ready while the app was not running.
    started_at: i64,
    /// What the last look was made from, and until when it holds.
    last_look: Mutex<Option<LastLook>>,
}

/// A look finds what is due from the stored boards, the settings, the clock and the
/// alarms' own marks (only they write those). With nothing stored and no setting changed
/// since, a look before its `next_at` finds nothing new: the task wakes every minute to
/// catch a suspend or a clock change, and those wakes cost nothing more than one read.
#[derive(Debug)]
struct LastLook {
    stored: i64,
    settings: Settings,
    next_at: Option<i64>,
}

impl Alarms {
    pub fn new(started_at: i64) -> Self {
        Self {
            started_at,
            last_look: Mutex::new(None),
        }
    }

    /// Looks at the stored boards and rings what is due: each job and each queue end
    /// once, after one stale-gated refresh of the owner's board.
    #[tracing::instrument(skip_all, err)]
    pub async fn tick(&self, core: &Cynosure) -> Result<Tick, StoreError> {
        let settings = core.settings_snapshot();
        let stored = crate::store::memo::stored_version(core.db()).await?;
        if let Some(last) = self
            .last_look
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            let unchanged = last.stored == stored && last.settings == settings;
            if unchanged && last.next_at.map_or(true, |at| core.now_ms() < at) {
                return Ok(Tick {
                    notices: vec![],
                    next_at: last.next_at,
                });
            }
        }
        let tick = self.look(core, &settings).await?;
        // The version read before the look: whatever the look itself stored (a refresh
        // before ringing) makes the next one look again.
        *self.last_look.lock().unwrap_or_else(|p| p.into_inner()) = Some(LastLook {
            stored,
            settings,
            next_at: tick.next_at,
        });
        Ok(tick)
    }

    async fn look(&self, core: &Cynosure, settings: &Settings) -> Result<Tick, StoreError> {
        let mut tick = Tick::default();
        let jobs_next = self.jobs(core, settings, &mut tick.notices).await?;
        let queues_next = self.queues(core, settings, &mut tick.notices).await?;
        let extractors_next = self.extractors(core, settings, &mut tick.notices).await?;
        let slots_next = self.slots(core, settings, &mut tick.notices).await?;
        let clones_next = self.clone_jumps(core, settings, &mut tick.notices).await?;
        let items_next = self.items(core, settings, &mut tick.notices).await?;
        tick.next_at = [
            jobs_next,
            queues_next,
            extractors_next,
            slots_next,
            clones_next,
            items_next,
        ]
        .into_iter()
        .flatten()
        .min();
        Ok(tick)
    }

    async fn jobs(
        &self,
        core: &Cynosure,
        settings: &Settings,
        notices: &mut Vec<Notice>,
    ) -> Result<Option<i64>, StoreError> {
        let (mut stored, mut rung) = stored_jobs(core).await?;
        let mut plan = job_alarm::plan(&stored, &rung, core.now_ms());
        if plan.due.is_empty() {
            return Ok(plan.next_at);
        }
        let rings = |s: &StoredJob| {
            settings.job_notifications
                && (s.owner_kind == OwnerKind::Character || settings.corporation_job_notifications)
        };
        // No false alarm: the boards of the owners about to ring first (free while
        // fresh), then look again.
        let owners: BTreeSet<(i64, bool)> = plan
            .due
            .iter()
            .filter(|s| rings(s))
            .map(|s| (s.owner_id, s.owner_kind == OwnerKind::Corporation))
            .collect();
        if !owners.is_empty() {
            for (owner_id, corporate) in owners {
                let d: &'static Descriptor = if corporate {
                    &CORPORATION_JOBS
                } else {
                    &CHARACTER_JOBS
                };
                if let Err(e) = refresh_owner(core, d, owner_id).await {
                    tracing::warn!(error = %e, "pre-alarm refresh failed; using the stored board");
                }
            }
            (stored, rung) = stored_jobs(core).await?;
            plan = job_alarm::plan(&stored, &rung, core.now_ms());
        }
        let now = core.now_ms();

        let (ring, silent): (Vec<StoredJob>, Vec<StoredJob>) =
            plan.due.into_iter().partition(|s| rings(s));
        notified::mark_jobs(core.db(), &marks(&silent), None).await?;
        let recorded = notified::mark_jobs(core.db(), &marks(&ring), Some(now)).await?;
        let ring: Vec<StoredJob> = ring
            .into_iter()
            .filter(|s| recorded.contains(&s.job.job_id))
            .collect();
        if !ring.is_empty() {
            let names = job_names(core, &ring).await?;
            let while_away = ring.iter().any(|s| s.job.end_at < self.started_at);
            notices.push(job_alarm::notice(&ring, while_away, &names));
        }
        Ok(plan.next_at)
    }

    async fn queues(
        &self,
        core: &Cynosure,
        settings: &Settings,
        notices: &mut Vec<Notice>,
    ) -> Result<Option<i64>, StoreError> {
        let hours = settings.skill_queue_warning_hours;
        let (mut queues, mut marks) = stored_queues(core).await?;
        let mut plan = queue_alarm::plan(&queues, &marks, hours, core.now_ms());
        if settings.skill_queue_notifications && !plan.alerts.is_empty() {
            let owners: BTreeSet<i64> = plan.alerts.iter().map(|a| a.character_id).collect();
            for id in owners {
                if let Err(e) = refresh_owner(core, &SKILLQUEUE, id).await {
                    tracing::warn!(error = %e, "pre-alarm refresh failed; using the stored queue");
                }
            }
            (queues, marks) = stored_queues(core).await?;
            plan = queue_alarm::plan(&queues, &marks, hours, core.now_ms());
        }
        for id in &plan.forget_empty {
            notified::forget_queue(core.db(), *id, queue_alarm::EMPTY).await?;
        }
        let now = core.now_ms();
        for alert in plan.alerts {
            let on = settings.skill_queue_notifications;
            let first = notified::mark_queue(
                core.db(),
                alert.character_id,
                alert.kind,
                alert.mark,
                on.then_some(now),
            )
            .await?;
            if on && first {
                notices.push(alert.notice);
            }
        }
        Ok(plan.next_at)
    }
}

impl Alarms {
    async fn extractors(
        &self,
        core: &Cynosure,
        settings: &Settings,
        notices: &mut Vec<Notice>,
    ) -> Result<Option<i64>, StoreError> {
        if !settings.features.contains(&Feature::Planets) {
            return Ok(None);
        }
        let warning_ms = i64::from(settings.extractor_warning_hours) * 3_600_000;
        let on = settings.extractor_notifications;
        let mut stored = stored_extractors(core).await?;
        let mut marks = notified::extractor_marks(core.db()).await?;
        let mut plan = extractor_alarm::plan(&stored, &marks, warning_ms, core.now_ms());
        if on && !plan.due.is_empty() {
            // No false alarm: each character's colonies once more (free while fresh): a
            // program restarted in game moves the stop.
            let owners: BTreeSet<i64> = plan.due.iter().map(|r| r.character_id).collect();
            for id in owners {
                if let Err(e) = refresh_owner(core, &PLANETS, id).await {
                    tracing::warn!(error = %e, "pre-alarm refresh failed; using the stored colonies");
                }
            }
            stored = stored_extractors(core).await?;
            marks = notified::extractor_marks(core.db()).await?;
            plan = extractor_alarm::plan(&stored, &marks, warning_ms, core.now_ms());
        }
        let now = core.now_ms();
        let mut names: HashMap<i64, String> = HashMap::new();
        if on && !plan.due.is_empty() {
            let planets: Vec<i64> = plan
                .due
                .iter()
                .flat_map(|r| r.extractors.iter().map(|e| e.planet_id))
                .collect();
            names = names::lookup(core, planets).await?;
            for c in roster::list(core.db()).await? {
                names.insert(c.character_id, c.name);
            }
        }
        for ring in &plan.due {
            let cycles: Vec<ExtractorMark> = ring
                .extractors
                .iter()
                .map(|e| ExtractorMark {
                    character_id: e.character_id,
                    planet_id: e.planet_id,
                    pin_id: e.pin_id,
                    expiry_at: e.expiry_at,
                })
                .collect();
            let recorded =
                notified::mark_extractors(core.db(), &cycles, ring.kind, on.then_some(now)).await?;
            if on && recorded > 0 {
                let while_away = ring.kind == extractor_alarm::STOPPED
                    && ring
                        .extractors
                        .iter()
                        .all(|e| e.expiry_at < self.started_at);
                notices.push(extractor_alarm::notice(
                    ring,
                    while_away,
                    &names,
                    crate::esi::error::clock_time,
                ));
            }
        }
        Ok(plan.next_at)
    }
}

impl Alarms {
    async fn slots(
        &self,
        core: &Cynosure,
        settings: &Settings,
        notices: &mut Vec<Notice>,
    ) -> Result<Option<i64>, StoreError> {
        let idle_ms = i64::from(settings.slot_idle_hours) * 3_600_000;
        let on = settings.slot_idle_notifications;
        let mut stored = stored_slots(core).await?;
        let mut marks = notified::slot_marks(core.db()).await?;
        let mut plan = slot_alarm::plan(&stored, &marks, idle_ms, core.now_ms());
        if on && !plan.due.is_empty() {
            // No false alarm: a job installed in game since takes the slot. Each idle
            // character's jobs once more (free while fresh), and their corporations'.
            let idle: BTreeSet<i64> = plan.due.iter().map(|d| d.character_id).collect();
            let corporations: BTreeSet<i64> = roster::list(core.db())
                .await?
                .into_iter()
                .filter(|c| idle.contains(&c.character_id))
                .map(|c| c.corporation_id)
                .collect();
            for id in idle {
                if let Err(e) = refresh_owner(core, &CHARACTER_JOBS, id).await {
                    tracing::warn!(error = %e, "pre-alarm refresh failed; using the stored jobs");
                }
            }
            let read = crate::sync::owner_sync::owners(core, &CORPORATION_JOBS).await?;
            for id in corporations.into_iter().filter(|c| read.contains(c)) {
                if let Err(e) = refresh_owner(core, &CORPORATION_JOBS, id).await {
                    tracing::warn!(error = %e, "pre-alarm refresh failed; using the stored jobs");
                }
            }
            stored = stored_slots(core).await?;
            marks = notified::slot_marks(core.db()).await?;
            plan = slot_alarm::plan(&stored, &marks, idle_ms, core.now_ms());
        }
        let now = core.now_ms();
        for (character_id, kind, freed_at) in &plan.seen {
            let seen = SlotMark {
                freed_at: *freed_at,
                settled: false,
            };
            notified::mark_slot(core.db(), *character_id, *kind, seen, None).await?;
        }
        let mut announced = Vec::new();
        for d in plan.due {
            let settled = SlotMark {
                freed_at: d.freed_at,
                settled: true,
            };
            let first = notified::mark_slot(
                core.db(),
                d.character_id,
                d.kind,
                settled,
                on.then_some(now),
            )
            .await?;
            if on && first {
                announced.push(d);
            }
        }
        if !announced.is_empty() {
            let names: HashMap<i64, String> = roster::list(core.db())
                .await?
                .into_iter()
                .map(|c| (c.character_id, c.name))
                .collect();
            notices.extend(slot_alarm::notices(
                &announced,
                &names,
                self.started_at,
                now,
            ));
        }
        Ok(plan.next_at)
    }
}

impl Alarms {
    async fn clone_jumps(
        &self,
        core: &Cynosure,
        settings: &Settings,
        notices: &mut Vec<Notice>,
    ) -> Result<Option<i64>, StoreError> {
        if !settings.features.contains(&Feature::Clones) {
            return Ok(None);
        }
        let on = settings.clone_jump_notifications;
        let mut marks = notified::moment_marks(core.db()).await?;
        let mut plan = clone_alarm::plan(&next_jumps(core).await?, &marks, core.now_ms());
        if on && !plan.due.is_empty() {
            // No false alarm: a jump made in game since moves the next one.
            for (id, _) in &plan.due {
                if let Err(e) = refresh_owner(core, &CLONES, *id).await {
                    tracing::warn!(error = %e, "pre-alarm refresh failed; using the stored clones");
                }
            }
            marks = notified::moment_marks(core.db()).await?;
            plan = clone_alarm::plan(&next_jumps(core).await?, &marks, core.now_ms());
        }
        let now = core.now_ms();
        let names: HashMap<i64, String> = roster::list(core.db())
            .await?
            .into_iter()
            .map(|c| (c.character_id, c.name))
            .collect();
        for (id, at) in plan.due {
            let first = notified::mark_moment(
                core.db(),
                id,
                clone_alarm::CLONE_JUMP,
                at,
                on.then_some(now),
            )
            .await?;
            if on && first {
                let who = names
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| format!("Character {id}"));
                notices.push(clone_alarm::notice(&who));
            }
        }
        Ok(plan.next_at)
    }
}

impl Alarms {
    /// News about single items (market orders; contracts): each once, a character's of
    /// one kind together, at most hourly.
    async fn items(
        &self,
        core: &Cynosure,
        settings: &Settings,
        notices: &mut Vec<Notice>,
    ) -> Result<Option<i64>, StoreError> {
        let mut watched = watched_items(core, settings).await?;
        if watched.is_empty() {
            return Ok(None);
        }
        let (mut marks, mut last) = notified::item_marks(core.db()).await?;
        let mut plan = item_alarm::plan(&watched, &marks, &last, core.now_ms());
        let on_for = |kind: &str| item_kind(kind).is_some_and(|(_, d)| rings(settings, d));
        if plan.due.iter().any(|r| on_for(r.kind)) {
            // No false alarm: a change in game since moves or ends the item.
            let owners: BTreeSet<(i64, Slice)> = plan
                .due
                .iter()
                .filter(|r| on_for(r.kind))
                .filter_map(|r| item_kind(r.kind).map(|(_, d)| (r.character_id, d.slice)))
                .collect();
            for (id, slice) in owners {
                if let Err(e) = refresh_owner(core, crate::catalog::board(slice), id).await {
                    tracing::warn!(error = %e, "pre-alarm refresh failed; using the stored board");
                }
            }
            watched = watched_items(core, settings).await?;
            (marks, last) = notified::item_marks(core.db()).await?;
            plan = item_alarm::plan(&watched, &marks, &last, core.now_ms());
        }
        let now = core.now_ms();
        let mut names: HashMap<i64, String> = HashMap::new();
        if plan.due.iter().any(|r| on_for(r.kind)) {
            let ids = plan
                .due
                .iter()
                .flat_map(|r| r.items.iter())
                .flat_map(|w| w.names.iter().copied());
            names = names::lookup(core, ids.collect::<Vec<_>>()).await?;
            for c in roster::list(core.db()).await? {
                names.insert(c.character_id, c.name);
            }
        }
        for ring in &plan.due {
            let Some((kind, _)) = item_kind(ring.kind) else {
                continue;
            };
            let on = on_for(ring.kind);
            let ids: Vec<i64> = ring.items.iter().map(|w| w.item_id).collect();
            let recorded = notified::mark_items(
                core.db(),
                ring.character_id,
                ring.kind,
                &ids,
                on.then_some(now),
            )
            .await?;
            if on && recorded > 0 {
                notices.push(item_alarm::notice(
                    kind,
                    ring,
                    &names,
                    (now, self.started_at),
                    crate::esi::error::clock_time,
                ));
            }
        }
        Ok(plan.next_at)
    }
}

/// Every item kind: its words and the board it comes from.
const ITEM_KINDS: &[(&Kind, &Descriptor)] = &[
    (&order_alarm::EXPIRING, &MARKET_ORDERS),
    (&order_alarm::FILLED, &MARKET_ORDERS),
    (&contract_alarm::ACCEPTED, &CONTRACTS),
    (&contract_alarm::DELIVERED, &CONTRACTS),
    (&contract_alarm::EXPIRING, &CONTRACTS),
    (&contract_alarm::COURIER_DUE, &CONTRACTS),
];

/// The ledger names of the item kinds a board's news comes in.
fn kinds_of(slice: Slice) -> Vec<&'static str> {
    ITEM_KINDS
        .iter()
        .filter(|(_, d)| d.slice == slice)
        .map(|(k, _)| k.ledger)
        .collect()
}

fn item_kind(ledger: &str) -> Option<(&'static Kind, &'static Descriptor)> {
    ITEM_KINDS.iter().copied().find(|(k, _)| k.ledger == ledger)
}

/// Whether news from this board rings now (its notifications are on).
fn rings(settings: &Settings, d: &Descriptor) -> bool {
    match d.slice {
        Slice::MarketOrders => settings.order_notifications,
        Slice::Contracts => settings.contract_notifications,
        _ => false,
    }
}

/// What the stored boards of the features that are on give to tell, after forgetting the
/// ledger's items that left them.
async fn watched_items(core: &Cynosure, settings: &Settings) -> Result<Vec<Watched>, StoreError> {
    let mut out = Vec::new();
    if settings.features.contains(&Feature::Markets) {
        let warning_ms = i64::from(settings.order_warning_hours) * 3_600_000;
        for (character_id, board) in crate::markets::commands::stored(core).await? {
            let Some(board) = board else { continue };
            out.extend(order_alarm::watch(character_id, &board, warning_ms));
            let keep: Vec<i64> = board.orders().map(|o| o.order_id).collect();
            notified::forget_items(
                core.db(),
                character_id,
                &kinds_of(Slice::MarketOrders),
                &keep,
            )
            .await?;
        }
    }
    if settings.features.contains(&Feature::Contracts) {
        let warning_ms = i64::from(settings.contract_warning_hours) * 3_600_000;
        for (character_id, contracts) in crate::contracts::commands::stored(core).await? {
            let Some(contracts) = contracts else { continue };
            out.extend(contract_alarm::watch(character_id, &contracts, warning_ms));
            let keep: Vec<i64> = contracts.iter().map(|c| c.contract_id).collect();
            notified::forget_items(core.db(), character_id, &kinds_of(Slice::Contracts), &keep)
                .await?;
        }
    }
    Ok(out)
}

/// Each character's next clone jump, from the stored clones and skills.
async fn next_jumps(core: &Cynosure) -> Result<Vec<(i64, i64)>, StoreError> {
    let skills = boards::by_owner(core.db(), crate::skills::descriptors::SKILLS.slice).await?;
    let mut out = Vec::new();
    let clones = boards::by_owner(core.db(), CLONES.slice).await?;
    for owner in clones.owners() {
        let trained = skills.parsed::<SkillsBoard>(owner);
        if let (Some(c), Some(s)) = (clones.parsed::<ClonesBoard>(owner), trained) {
            out.extend(crate::clones::next_jump_at(c.last_clone_jump_at, &s).map(|at| (owner, at)));
        }
    }
    Ok(out)
}

/// Every linked character's slots, kind by kind, from the stored skills and jobs.
async fn stored_slots(core: &Cynosure) -> Result<Vec<StoredSlots>, StoreError> {
    let mut out = Vec::new();
    for c in crate::slots::commands::installed(core).await? {
        let Some(skills) = &c.skills else { continue };
        let mut held = held_by_kind(&c.jobs);
        for kind in SlotKind::ALL {
            let h = held.remove(&kind).unwrap_or_default();
            out.push(StoredSlots {
                character_id: c.character_id,
                kind,
                total: crate::slots::total(kind, skills),
                jobs: h.ending.iter().map(|j| (j.start_at, j.end_at)).collect(),
                paused: h.paused,
            });
        }
    }
    Ok(out)
}

/// Every extractor running a program on the stored planets boards, after forgetting the
/// ledger's extractors that left them.
async fn stored_extractors(core: &Cynosure) -> Result<Vec<StoredExtractor>, StoreError> {
    let mut stored = Vec::new();
    let mut read = Vec::new();
    let mut keep = Vec::new();
    let planets = boards::by_owner(core.db(), PLANETS.slice).await?;
    for owner in planets.owners() {
        let Some(board) = planets.parsed::<PlanetsBoard>(owner) else {
            continue;
        };
        read.push(owner);
        for colony in &board.colonies {
            for x in colony.layout.iter().flat_map(|l| l.extractors.iter()) {
                keep.push((owner, colony.planet_id, x.pin_id));
                if let Some(expiry_at) = x.expiry_at {
                    stored.push(StoredExtractor {
                        character_id: owner,
                        planet_id: colony.planet_id,
                        pin_id: x.pin_id,
                        expiry_at,
                    });
                }
            }
        }
    }
    notified::forget_extractors(core.db(), &read, &keep).await?;
    Ok(stored)
}

fn marks(jobs: &[StoredJob]) -> Vec<JobMark> {
    jobs.iter()
        .map(|s| JobMark {
            job_id: s.job.job_id,
            owner_kind: s.owner_kind,
            owner_id: s.owner_id,
            end_at: s.job.end_at,
        })
        .collect()
}

/// Every job on the stored boards, and the ledger, after forgetting the ledger's jobs
/// that left their board (delivered, cancelled, gone).
async fn stored_jobs(core: &Cynosure) -> Result<(Vec<StoredJob>, HashSet<i64>), StoreError> {
    let mut stored = Vec::new();
    let mut read: HashSet<(OwnerKind, i64)> = HashSet::new();
    for d in [&CHARACTER_JOBS, &CORPORATION_JOBS] {
        let boards = boards::by_owner(core.db(), d.slice).await?;
        for owner in boards.owners() {
            let Some(jobs) = boards.parsed::<Vec<IndustryJob>>(owner) else {
                continue;
            };
            read.insert((d.owner_kind(), owner));
            stored.extend(jobs.iter().map(|job| StoredJob {
                owner_kind: d.owner_kind(),
                owner_id: owner,
                job: job.clone(),
            }));
        }
    }
    let ringing: HashSet<i64> = stored
        .iter()
        .filter(|s| can_ring(&s.job))
        .map(|s| s.job.job_id)
        .collect();
    let mut ledger = HashSet::new();
    let mut gone = Vec::new();
    for (job_id, owner_kind, owner_id) in notified::jobs(core.db()).await? {
        if ringing.contains(&job_id) || !read.contains(&(owner_kind, owner_id)) {
            // Still on its board, or its board is not read (yet): kept.
            ledger.insert(job_id);
        } else {
            gone.push(job_id);
        }
    }
    if !gone.is_empty() {
        let ids = serde_json::to_string(&gone).unwrap_or_else(|_| "[]".into());
        notified::forget_jobs(core.db(), &ids).await?;
    }
    Ok((stored, ledger))
}

type QueueMarks = HashMap<(i64, String), i64>;

async fn stored_queues(core: &Cynosure) -> Result<(Vec<StoredQueue>, QueueMarks), StoreError> {
    let boards = boards::by_owner(core.db(), SKILLQUEUE.slice).await?;
    let queues = roster::list(core.db())
        .await?
        .into_iter()
        .filter_map(|c| {
            Some(StoredQueue {
                queue: boards.body::<Vec<QueuedSkill>>(c.character_id)?,
                character_id: c.character_id,
                name: c.name,
            })
        })
        .collect();
    Ok((queues, notified::queue_marks(core.db()).await?))
}

/// Product, blueprint, place and owner names for a notification.
async fn job_names(
    core: &Cynosure,
    jobs: &[StoredJob],
) -> Result<HashMap<i64, String>, StoreError> {
    let ids = jobs.iter().flat_map(|s| {
        [
            s.job.product_type_id,
            Some(s.job.blueprint_type_id),
            Some(s.job.location_id),
            Some(s.owner_id),
        ]
        .into_iter()
        .flatten()
    });
    let mut known = names::lookup(core, ids).await?;
    for c in roster::list(core.db()).await? {
        known.insert(c.character_id, c.name);
    }
    Ok(known)
}

/// The alarm task for the life of the app: `show` puts each notice on screen.
pub async fn run(core: Arc<Cynosure>, show: impl Fn(Notice) + Send + 'static) {
    let mut events = core.subscribe();
    let alarms = Alarms::new(core.now_ms());
    loop {
        let next_at = match alarms.tick(&core).await {
            Ok(tick) => {
                for mut notice in tick.notices {
                    if core.is_demo() {
                        // Never mistaken for news about the player's own characters.
                        notice.title.push_str(" (demo)");
                    }
                    show(notice);
                }
                tick.next_at
            }
            Err(e) => {
                tracing::warn!(error = %e, "the alarms could not read the boards");
                None
            }
        };
        let wait = next_at
            .map_or(MAX_SLEEP_MS, |at| at - core.now_ms())
            .clamp(0, MAX_SLEEP_MS);
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(wait.unsigned_abs())) => {}
            () = rearm(&mut events) => {}
        }
    }
}

/// Returns when something the alarms depend on changed.
async fn rearm(events: &mut tokio::sync::broadcast::Receiver<CoreEvent>) {
    use tokio::sync::broadcast::error::RecvError;
    let watched = [
        CHARACTER_JOBS.slice,
        CORPORATION_JOBS.slice,
        SKILLQUEUE.slice,
        PLANETS.slice,
        crate::skills::descriptors::SKILLS.slice,
        CLONES.slice,
        MARKET_ORDERS.slice,
        CONTRACTS.slice,
    ];
    loop {
        match events.recv().await {
            Ok(CoreEvent::BoardUpdated(change)) if watched.contains(&change.slice) => return,
            Ok(CoreEvent::SettingsChanged) | Err(RecvError::Lagged(_)) => return,
            Ok(_) => {}
            Err(RecvError::Closed) => std::future::pending().await,
        }
    }
}
