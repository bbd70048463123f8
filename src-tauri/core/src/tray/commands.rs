use super::models::{TrayGroup, TrayMenu, TrayPilot};
use crate::industry::models::IndustryJob;
use crate::skills::models::QueuedSkill;
use crate::store::{boards, StoreError};
use crate::sync::Slice;
use crate::{store, Cynosure};

/// At most this many pilots in the tray menu (a screen's height of lines on every desktop).
pub const TRAY_PILOTS: usize = 20;

/// The tray menu's lines now, from the stored boards.
#[tracing::instrument(skip_all, err)]
pub async fn tray_menu(core: &Cynosure) -> Result<TrayMenu, StoreError> {
    let now = core.now_ms();
    let characters = store::roster::list(core.db()).await?;
    let accounts = store::accounts::list(core.db()).await?;
    let online = store::online::list(core.db()).await?;
    let queues = boards::by_owner(core.db(), Slice::Skillqueue).await?;

    let mut jobs_ready = 0;
    for slice in [Slice::CharacterJobs, Slice::CorporationJobs] {
        let boards = boards::by_owner(core.db(), slice).await?;
        for owner in boards.keys() {
            if let Some(jobs) = boards.parsed::<Vec<IndustryJob>>(*owner) {
                jobs_ready += jobs.iter().filter(|j| ready(j, now)).count();
            }
        }
    }

    // The skill in training of each pilot, and the ids whose names the labels need.
    let training: Vec<(i64, Option<QueuedSkill>, bool)> = characters
        .iter()
        .map(|c| {
            let queue = queues.parsed::<Vec<QueuedSkill>>(c.character_id);
            let known = queue.is_some();
            let current = queue
                .iter()
                .flat_map(|q| q.iter())
                .find(|e| {
                    e.finish_at.is_some_and(|f| f > now) && e.start_at.is_some_and(|s| s <= now)
                })
                .cloned();
            (c.character_id, current, known)
        })
        .collect();
    let names = crate::names::lookup(
        core,
        training
            .iter()
            .filter_map(|(_, e, _)| e.as_ref().map(|e| e.skill_id)),
    )
    .await?;

    // Each pilot's line, its account and how much it matters now (the lowest first).
    let mut lines: Vec<(Option<String>, TrayPilot, u8)> = Vec::with_capacity(characters.len());
    for (c, (_, current, known)) in characters.iter().zip(&training) {
        let is_online = online
            .iter()
            .find(|r| r.character_id == c.character_id)
            .map(|r| r.online);
        let mark = match is_online {
            Some(true) => "●",
            Some(false) => "○",
            None => "?",
        };
        let doing = match current {
            Some(e) => {
                let skill = names
                    .get(&e.skill_id)
                    .cloned()
                    .unwrap_or_else(|| "a skill".to_owned());
                let left = e.finish_at.map_or(0, |f| f - now);
                format!(
                    " — {skill} {}, {}",
                    roman(e.finished_level),
                    time_left(left)
                )
            }
            None if *known => " — not training".to_owned(),
            None => String::new(),
        };
        let account = c.account_id.and_then(|id| {
            accounts
                .iter()
                .find(|a| a.account_id == id)
                .map(|a| a.name.clone())
        });
        let pilot = TrayPilot {
            character_id: c.character_id,
            label: format!("{mark} {}{doing}", c.name),
        };
        let rank = match (is_online, current.is_some() || !*known) {
            (Some(true), _) => 0,
            (_, false) => 1,
            _ => 2,
        };
        lines.push((account, pilot, rank));
    }
    // A menu with a hundred pilots cannot be used: the ones online, then the ones not
    // training, then the rest in roster order, up to the cap; the others are "more".
    let more = lines.len().saturating_sub(TRAY_PILOTS);
    if more > 0 {
        let mut by_rank: Vec<usize> = (0..lines.len()).collect();
        by_rank.sort_by_key(|&i| lines[i].2);
        let mut kept = vec![false; lines.len()];
        for &i in &by_rank[..TRAY_PILOTS] {
            kept[i] = true;
        }
        let mut i = 0;
        lines.retain(|_| {
            i += 1;
            kept[i - 1]
        });
    }
    let mut groups: Vec<TrayGroup> = Vec::new();
    for (account, pilot, _) in lines {
        match groups.iter_mut().find(|g| g.account == account) {
            Some(g) => g.pilots.push(pilot),
            None => groups.push(TrayGroup {
                account,
                pilots: vec![pilot],
            }),
        }
    }
    // Accounts by name, the pilots on none last.
    groups.sort_by(|a, b| match (&a.account, &b.account) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });

    let next = crate::next::commands::next_view(core)
        .await?
        .lines
        .into_iter()
        .next()
        .map(|l| l.text);
    Ok(TrayMenu {
        next,
        jobs_ready,
        groups,
        more,
    })
}

/// Ready to deliver: ESI says so, or an active job whose end has passed (ESI keeps it
/// "active" until it is delivered).
fn ready(job: &IndustryJob, now: i64) -> bool {
    job.status == "ready" || (job.status == "active" && job.end_at <= now)
}

fn roman(level: i64) -> &'static str {
    ["0", "I", "II", "III", "IV", "V"]
        .get(level as usize)
        .copied()
        .unwrap_or("?")
}

/// "2d 03h", "3h 05m", "4m": two units at most, as the window's countdowns.
fn time_left(ms: i64) -> String {
    let minutes = (ms.max(0) + 59_999) / 60_000;
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (d, h) {
        (0, 0) => format!("{m}m"),
        (0, _) => format!("{h}h {m:02}m"),
        _ => format!("{d}d {h:02}h"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn time_left_reads_as_the_window_s_countdowns() {
        assert_eq!(super::time_left(4 * 60_000), "4m");
        assert_eq!(super::time_left((3 * 60 + 5) * 60_000), "3h 05m");
        assert_eq!(super::time_left((2 * 1440 + 3 * 60) * 60_000), "2d 03h");
        assert_eq!(super::time_left(-5), "0m");
    }
}
