//! Pure: deadlines, characters and accounts in; the lines of "Next" out.

use std::collections::BTreeMap;

use super::models::NextLine;
use crate::sync::{Deadline, DeadlineKind};

/// What a line counts: what is due already and what falls due within a day.
pub const HORIZON_MS: i64 = 24 * 3_600_000;

/// A linked character as "Next" needs it.
#[derive(Debug, Clone)]
pub struct Who {
    pub character_id: i64,
    pub name: String,
    /// Its account's id and name, if the player put it in one.
    pub account: Option<(i64, String)>,
}

fn words(kind: DeadlineKind, n: usize, due: bool) -> String {
    let many = n > 1;
    match (kind, due) {
        (DeadlineKind::ExtractorStops, false) if many => format!("{n} extractors stop"),
        (DeadlineKind::ExtractorStops, false) => "1 extractor stops".into(),
        (DeadlineKind::ExtractorStops, true) if many => format!("{n} extractors stopped"),
        (DeadlineKind::ExtractorStops, true) => "1 extractor stopped".into(),
        (DeadlineKind::QueueEnds, false) if many => format!("{n} queues end"),
        (DeadlineKind::QueueEnds, false) => "queue ends".into(),
        (DeadlineKind::QueueEnds, true) if many => format!("{n} queues empty"),
        (DeadlineKind::QueueEnds, true) => "queue empty".into(),
        (DeadlineKind::JobReady, false) if many => format!("{n} jobs finish"),
        (DeadlineKind::JobReady, false) => "1 job finishes".into(),
        (DeadlineKind::JobReady, true) if many => format!("{n} jobs ready"),
        (DeadlineKind::JobReady, true) => "1 job ready".into(),
        (DeadlineKind::CloneJump, _) => "clone jump ready".into(),
        (DeadlineKind::FatigueEnds, _) => "jump fatigue ends".into(),
        (DeadlineKind::OrderExpires, false) if many => format!("{n} orders expire"),
        (DeadlineKind::OrderExpires, false) => "1 order expires".into(),
        (DeadlineKind::OrderExpires, true) if many => format!("{n} orders expired"),
        (DeadlineKind::OrderExpires, true) => "1 order expired".into(),
        (DeadlineKind::ContractExpires, false) if many => format!("{n} contracts expire"),
        (DeadlineKind::ContractExpires, false) => "1 contract expires".into(),
        (DeadlineKind::ContractExpires, true) if many => format!("{n} contracts expired"),
        (DeadlineKind::ContractExpires, true) => "1 contract expired".into(),
        (DeadlineKind::CourierDue, false) if many => format!("{n} couriers due"),
        (DeadlineKind::CourierDue, false) => "courier due".into(),
        (DeadlineKind::CourierDue, true) if many => format!("{n} couriers overdue"),
        (DeadlineKind::CourierDue, true) => "courier overdue".into(),
    }
}

/// A line's label, account and characters (id, name).
type Group = (String, Option<i64>, Vec<(i64, String)>);

/// The lines of "Next": one per account (a character in none is its own), soonest login
/// first; `clock` writes an instant as the player reads it.
pub fn lines(
    who: &[Who],
    deadlines: &[Deadline],
    now: i64,
    clock: impl Fn(i64) -> String,
) -> Vec<NextLine> {
    // Group key: an account, or a lone character (negative, so the two never meet).
    let mut groups: BTreeMap<i64, Group> = BTreeMap::new();
    let mut group_of: BTreeMap<i64, i64> = BTreeMap::new();
    for w in who {
        let (key, label, account) = match &w.account {
            Some((id, name)) => (*id, name.clone(), Some(*id)),
            None => (-w.character_id, w.name.clone(), None),
        };
        groups
            .entry(key)
            .or_insert_with(|| (label, account, Vec::new()))
            .2
            .push((w.character_id, w.name.clone()));
        group_of.insert(w.character_id, key);
    }
    let mut by_group: BTreeMap<i64, Vec<Deadline>> = BTreeMap::new();
    for d in deadlines
        .iter()
        .filter(|d| d.at > now || !d.kind.only_ahead())
    {
        if let Some(key) = group_of.get(&d.character_id) {
            by_group.entry(*key).or_default().push(d.clone());
        }
    }
    let mut out = Vec::new();
    for (key, mut ds) in by_group {
        let Some((label, account_id, characters)) = groups.get(&key).cloned() else {
            continue;
        };
        let (character_ids, character_names) = characters.into_iter().unzip();
        ds.sort_by_key(|d| (d.at, d.kind, d.character_id));
        let due_now = ds.iter().any(|d| d.at <= now);
        let before = ds.iter().map(|d| d.at).find(|at| *at > now);
        // Each kind (due, or ahead) once, in the order it first falls due.
        let mut counts: Vec<((bool, DeadlineKind), usize)> = Vec::new();
        for d in ds.iter().filter(|d| d.at <= now + HORIZON_MS) {
            let key = (d.at > now, d.kind);
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => counts.push((key, 1)),
            }
        }
        let parts: Vec<String> = counts
            .iter()
            .map(|((ahead, kind), n)| words(*kind, *n, !ahead))
            .collect();
        let when = match (due_now, before) {
            (true, _) => "log in now".to_owned(),
            (false, Some(at)) => format!("log in before {}", clock(at)),
            (false, None) => "log in now".to_owned(),
        };
        let text = if parts.is_empty() {
            format!("{label} — {when}")
        } else {
            format!("{label} — {when}: {}", parts.join(", "))
        };
        out.push(NextLine {
            label,
            account_id,
            character_ids,
            character_names,
            before,
            now: due_now,
            deadlines: ds,
            text,
        });
    }
    // Due now first, then by the earliest deadline ahead.
    out.sort_by_key(|l| (!l.now, l.before.unwrap_or(i64::MAX), l.label.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_795_014_400_000;
    const H: i64 = 3_600_000;

    fn d(character_id: i64, kind: DeadlineKind, at: i64) -> Deadline {
        Deadline {
            character_id,
            kind,
            at,
        }
    }

    fn who(character_id: i64, name: &str, account: Option<(i64, &str)>) -> Who {
        Who {
            character_id,
            name: name.into(),
            account: account.map(|(id, n)| (id, n.to_owned())),
        }
    }

    #[test]
    fn an_account_gathers_its_characters_deadlines_into_one_line() {
        let people = [
            who(1, "Aura Vexx", Some((7, "Account B"))),
            who(2, "Cora Maelis", Some((7, "Account B"))),
            who(3, "Brakk Tollan", None),
        ];
        let deadlines = [
            d(1, DeadlineKind::ExtractorStops, T + 2 * H),
            d(1, DeadlineKind::ExtractorStops, T + 2 * H),
            d(2, DeadlineKind::ExtractorStops, T + 3 * H),
            d(2, DeadlineKind::QueueEnds, T + 5 * H),
            d(1, DeadlineKind::JobReady, T + 6 * H),
            d(2, DeadlineKind::JobReady, T + 7 * H),
            d(3, DeadlineKind::QueueEnds, T + 10 * H),
            d(3, DeadlineKind::JobReady, T + 40 * H),
        ];
        let lines = lines(&people, &deadlines, T, |at| format!("{}h", (at - T) / H));
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0].text,
            "Account B — log in before 2h: 3 extractors stop, queue ends, 2 jobs finish"
        );
        assert_eq!(lines[0].character_ids, [1, 2]);
        assert_eq!(
            lines[1].text, "Brakk Tollan — log in before 10h: queue ends",
            "a job two days away is a deadline, but not in today's words"
        );
        assert_eq!(lines[1].deadlines.len(), 2);
    }

    #[test]
    fn something_already_due_comes_first_and_says_now() {
        let people = [who(1, "Aura Vexx", None), who(2, "Brakk Tollan", None)];
        let deadlines = [
            d(1, DeadlineKind::ExtractorStops, T + H),
            d(2, DeadlineKind::JobReady, T - H),
            d(2, DeadlineKind::ExtractorStops, T - 1),
        ];
        let lines = lines(&people, &deadlines, T, |_| "soon".into());
        assert_eq!(
            lines[0].text,
            "Brakk Tollan — log in now: 1 job ready, 1 extractor stopped"
        );
        // One ready now and one later read differently.
        let both = [
            d(2, DeadlineKind::JobReady, T - H),
            d(2, DeadlineKind::JobReady, T + H),
        ];
        let mixed = super::lines(&people, &both, T, |_| "soon".into());
        assert_eq!(
            mixed[0].text,
            "Brakk Tollan — log in now: 1 job ready, 1 job finishes"
        );
        assert!(lines[0].now);
        assert_eq!(
            lines[1].text,
            "Aura Vexx — log in before soon: 1 extractor stops"
        );
    }
}
