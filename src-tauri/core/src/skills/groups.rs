//! The group of each published skill (Gunnery, Industry, …), from CCP's static data:
//! `third_party/ccp/sde/skills/skill_groups.csv`, compiled in.

use std::collections::HashMap;
use std::sync::OnceLock;

const SKILL_GROUPS: &str = include_str!("../../../../third_party/ccp/sde/skills/skill_groups.csv");

/// The skill's group name; `None` for a skill newer than the extract.
pub fn of(skill_id: i64) -> Option<&'static str> {
    static GROUPS: OnceLock<HashMap<i64, &'static str>> = OnceLock::new();
    GROUPS
        .get_or_init(|| {
            SKILL_GROUPS
                .lines()
                .skip(1)
                .filter_map(|line| {
                    let mut cells = line.splitn(3, ',');
                    let id = cells.next()?.parse().ok()?;
                    let _group_id = cells.next()?;
                    Some((id, cells.next()?))
                })
                .collect()
        })
        .get(&skill_id)
        .copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn skills_are_named_by_their_group() {
        // Small Hybrid Turret (3301) and Gunnery (3300) are Gunnery; Industry (3380) is
        // Production; an unknown id has none.
        assert_eq!(super::of(3300), Some("Gunnery"));
        assert_eq!(super::of(3301), Some("Gunnery"));
        assert_eq!(super::of(3380), Some("Production"));
        assert_eq!(super::of(1), None);
    }
}
