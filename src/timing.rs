//! Time spent in each pipeline stage, summed over the threads that ran it. Stages run per
//! article on every core at once (load → extract → clean → classify for one file, then the
//! next), so a build's wall time cannot be split by stage; `digest build -v` prints the
//! wall time of each phase and, under it, this split.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Load,
    Extract,
    Clean,
    Classify,
    Render,
    Write,
}

impl Stage {
    const ALL: [Stage; 6] = [
        Stage::Load,
        Stage::Extract,
        Stage::Clean,
        Stage::Classify,
        Stage::Render,
        Stage::Write,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Extract => "extract",
            Stage::Clean => "clean",
            Stage::Classify => "classify",
            Stage::Render => "render",
            Stage::Write => "write",
        }
    }
}

/// Nanoseconds per stage; shared by the threads of one build.
#[derive(Debug, Default)]
pub struct StageTimes {
    nanos: [AtomicU64; 6],
}

impl StageTimes {
    /// Runs `work`, counting its time to `stage`.
    pub fn time<T>(&self, stage: Stage, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        self.add(stage, started.elapsed());
        result
    }

    pub fn add(&self, stage: Stage, time: Duration) {
        let nanos = u64::try_from(time.as_nanos()).unwrap_or(u64::MAX);
        self.nanos[stage as usize].fetch_add(nanos, Ordering::Relaxed);
    }

    pub fn get(&self, stage: Stage) -> Duration {
        Duration::from_nanos(self.nanos[stage as usize].load(Ordering::Relaxed))
    }

    /// Every stage's time, with script conversion (`converted`, the converter's own total)
    /// reported apart from the stages it ran in: `converted_while_cleaning` of it in clean,
    /// the rest in render (the second edition).
    pub fn split(
        &self,
        converted: Duration,
        converted_while_cleaning: Duration,
    ) -> Vec<(&'static str, Duration)> {
        let mut out = Vec::new();
        for stage in Stage::ALL {
            let mut time = self.get(stage);
            match stage {
                Stage::Clean => time = time.saturating_sub(converted_while_cleaning),
                Stage::Render => {
                    time = time.saturating_sub(converted.saturating_sub(converted_while_cleaning))
                }
                _ => {}
            }
            out.push((stage.name(), time));
            if stage == Stage::Clean {
                out.push(("convert (OpenCC)", converted));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_is_reported_apart_from_clean_and_render() {
        let times = StageTimes::default();
        times.add(Stage::Clean, Duration::from_millis(100));
        times.add(Stage::Render, Duration::from_millis(50));
        times.time(Stage::Load, || std::thread::sleep(Duration::from_millis(2)));
        let split = times.split(Duration::from_millis(70), Duration::from_millis(40));
        let get = |name: &str| split.iter().find(|(n, _)| *n == name).map(|p| p.1);
        assert_eq!(get("clean"), Some(Duration::from_millis(60)));
        assert_eq!(get("convert (OpenCC)"), Some(Duration::from_millis(70)));
        assert_eq!(get("render"), Some(Duration::from_millis(20)));
        assert!(get("load") >= Some(Duration::from_millis(2)));
        let names: Vec<&str> = split.iter().map(|p| p.0).collect();
        assert_eq!(
            names,
            [
                "load",
                "extract",
                "clean",
                "convert (OpenCC)",
                "classify",
                "render",
                "write"
            ]
        );
    }
}
