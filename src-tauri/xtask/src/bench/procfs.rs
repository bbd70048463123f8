//! What the benchmarks read of a running app from `/proc` (Linux): its process tree,
//! memory (PSS) and CPU time; and how they end it.

use std::process::Command;

/// A process and all its descendants (the app and its WebKit processes), children last.
pub(crate) fn process_tree(root_pid: u32) -> Vec<u32> {
    let mut out = vec![root_pid];
    let mut next = 0;
    while next < out.len() {
        let pid = out[next];
        next += 1;
        let children =
            std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        out.extend(
            children
                .split_whitespace()
                .filter_map(|c| c.parse::<u32>().ok()),
        );
    }
    out
}

/// Proportional set size of a process tree, in KiB.
pub(crate) fn pss_kib(root_pid: u32) -> u64 {
    process_tree(root_pid)
        .into_iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok())
        .filter_map(|text| {
            text.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .sum()
}

/// CPU time (utime + stime) of a process tree, in clock ticks (USER_HZ, 100 a second).
pub(crate) fn cpu_ticks(root_pid: u32) -> u64 {
    process_tree(root_pid).into_iter().map(cpu_ticks_of).sum()
}

/// CPU time of one process, in clock ticks.
pub(crate) fn cpu_ticks_of(pid: u32) -> u64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0;
    };
    // After the ")" closing the command name: utime and stime are fields 12 and 13.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<u64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0)
}

/// Ends a process and all its descendants (`kill -9`, the deepest first), then reaps it.
pub(crate) fn kill_tree(child: &mut std::process::Child) {
    for pid in process_tree(child.id()).into_iter().skip(1).rev() {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    }
    let _ = child.kill();
    let _ = child.wait();
}
