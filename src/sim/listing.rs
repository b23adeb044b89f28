//! The job listing's query string: percent-decoding, `limit`/`offset`, status and time filters,
//! and the predicate a job's state must pass. Pure; the paging itself lives in `api.rs`.

use crate::sim::clock::parse_filter_time;
use crate::sim::job::JobMeta;

/// What real stacks answer when `limit` is missing (the docs say 100; tests observe 20).
pub const DEFAULT_LIMIT: usize = 20;
/// The largest `limit` the simulator accepts; above it answers 400 (the real maximum is
/// undocumented).
pub const MAX_LIMIT: usize = 10_000;

const STATUSES: [&str; 4] = ["waiting", "processing", "success", "error"];

/// Inclusive bounds on one of a job's times, in epoch seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TimeRange {
    from: Option<i64>,
    to: Option<i64>,
    exact: Option<i64>,
}

impl TimeRange {
    fn is_set(&self) -> bool {
        self.from.is_some() || self.to.is_some() || self.exact.is_some()
    }

    fn admits(&self, t: Option<i64>) -> bool {
        if !self.is_set() {
            return true;
        }
        let Some(t) = t else { return false };
        self.from.is_none_or(|f| t >= f)
            && self.to.is_none_or(|to| t <= to)
            && self.exact.is_none_or(|e| t == e)
    }
}

/// A parsed listing request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListQuery {
    pub(crate) limit: usize,
    pub(crate) offset: usize,
    statuses: Vec<String>,
    excluded: Vec<String>,
    created: TimeRange,
    start: TimeRange,
    end: TimeRange,
}

impl ListQuery {
    /// Parses a raw (still percent-encoded) query string. `Err` carries the 400 message.
    /// Unknown parameters are ignored, as the real API does.
    pub(crate) fn parse(raw: &str) -> Result<ListQuery, String> {
        let mut q = ListQuery {
            limit: DEFAULT_LIMIT,
            offset: 0,
            statuses: Vec::new(),
            excluded: Vec::new(),
            created: TimeRange::default(),
            start: TimeRange::default(),
            end: TimeRange::default(),
        };
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode(k);
            let value = percent_decode(v);
            // Brackets arrive encoded (`%5B%5D`) from most clients and raw from `curl -g`;
            // both decode to the same key. The bare name is accepted too.
            let name = key.strip_suffix("[]").unwrap_or(&key);
            match name {
                "limit" => {
                    let n = parse_count("limit", &value)?;
                    if !(1..=MAX_LIMIT).contains(&n) {
                        return Err(format!("limit must be between 1 and {MAX_LIMIT}"));
                    }
                    q.limit = n;
                }
                "offset" => q.offset = parse_count("offset", &value)?,
                "storage_job_status" => q.statuses.push(parse_status(&value)?),
                "excluded_storage_job_status" => q.excluded.push(parse_status(&value)?),
                _ => {
                    if let Some((range, bound)) = q.time_param(name) {
                        let t = parse_filter_time(&value)
                            .ok_or_else(|| format!("{name}: invalid date \"{value}\""))?;
                        *bound_of(range, bound) = Some(t);
                    }
                }
            }
        }
        Ok(q)
    }

    fn time_param(&mut self, name: &str) -> Option<(&mut TimeRange, Bound)> {
        let (field, bound) = if let Some(f) = name.strip_suffix("_from") {
            (f, Bound::From)
        } else if let Some(f) = name.strip_suffix("_to") {
            (f, Bound::To)
        } else {
            (name, Bound::Exact)
        };
        let range = match field {
            "created_time" => &mut self.created,
            "start_time" => &mut self.start,
            "end_time" => &mut self.end,
            _ => return None,
        };
        Some((range, bound))
    }

    /// Whether a job in this state belongs in the listing.
    pub(crate) fn admits(&self, meta: &JobMeta) -> bool {
        let status = meta.status.as_deref().unwrap_or("");
        let status_ok = if self.statuses.is_empty() {
            !self.excluded.iter().any(|s| s == status)
        } else {
            self.statuses.iter().any(|s| s == status)
        };
        status_ok
            && self.created.admits(meta.created)
            && self.start.admits(meta.start)
            && self.end.admits(meta.end)
    }
}

#[derive(Clone, Copy)]
enum Bound {
    From,
    To,
    Exact,
}

fn bound_of(range: &mut TimeRange, bound: Bound) -> &mut Option<i64> {
    match bound {
        Bound::From => &mut range.from,
        Bound::To => &mut range.to,
        Bound::Exact => &mut range.exact,
    }
}

fn parse_count(name: &str, value: &str) -> Result<usize, String> {
    value
        .trim()
        .parse::<usize>()
        .map_err(|_| format!("{name} must be a non-negative integer, got \"{value}\""))
}

fn parse_status(value: &str) -> Result<String, String> {
    if STATUSES.contains(&value) {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "Invalid job status \"{value}\", allowed: {}",
            STATUSES.join(", ")
        ))
    }
}

/// Decodes `%XX` escapes and `+` (a space in query strings); invalid escapes stay as they are.
pub(crate) fn percent_decode(s: &str) -> String {
    decode_escapes(s.as_bytes())
}

fn decode_escapes(bytes: &[u8]) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| (h * 16 + l) as u8),
            _ => None,
        };
        match (b, escaped) {
            (_, Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (other, None) => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(status: &str, created: i64, start: Option<i64>) -> JobMeta {
        JobMeta {
            status: Some(status.to_owned()),
            created: Some(created),
            start,
            end: None,
        }
    }

    #[test]
    fn brackets_are_accepted_encoded_and_raw() {
        let a = ListQuery::parse("storage_job_status%5B%5D=error&limit=5");
        let b = ListQuery::parse("storage_job_status[]=error&limit=5");
        assert_eq!(a, b);
        let q = a.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(q.limit, 5);
        assert!(q.admits(&meta("error", 0, None)));
        assert!(!q.admits(&meta("success", 0, None)));
    }

    #[test]
    fn excluded_statuses_are_ignored_when_statuses_are_given() {
        let q = ListQuery::parse("excluded_storage_job_status[]=success")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!q.admits(&meta("success", 0, None)));
        assert!(q.admits(&meta("error", 0, None)));
        let q =
            ListQuery::parse("storage_job_status[]=success&excluded_storage_job_status[]=success")
                .unwrap_or_else(|e| panic!("{e}"));
        assert!(q.admits(&meta("success", 0, None)));
    }

    #[test]
    fn limit_defaults_to_20_and_rejects_junk() {
        assert_eq!(ListQuery::parse("").map(|q| q.limit), Ok(DEFAULT_LIMIT));
        assert_eq!(ListQuery::parse("limit=10000").map(|q| q.limit), Ok(10_000));
        assert!(ListQuery::parse("limit=10001").is_err());
        assert!(ListQuery::parse("limit=0").is_err());
        assert!(ListQuery::parse("limit=ten").is_err());
        assert!(ListQuery::parse("offset=-1").is_err());
        assert!(ListQuery::parse("storage_job_status[]=cancelled").is_err());
        assert!(ListQuery::parse("created_time_from=soon").is_err());
        assert!(ListQuery::parse("whatever=1").is_ok());
    }

    #[test]
    fn time_filters_accept_plus_and_percent_encoded_spaces() {
        let a = ListQuery::parse("created_time_from=2025-11-28+10:00:00");
        let b = ListQuery::parse("created_time_from=2025-11-28%2010:00:00");
        assert_eq!(a, b);
        let q = a.unwrap_or_else(|e| panic!("{e}"));
        let ten = 1_764_324_000;
        assert!(q.admits(&meta("success", ten, None)));
        assert!(!q.admits(&meta("success", ten - 1, None)));
    }

    #[test]
    fn start_time_filter_excludes_jobs_not_started() {
        let q = ListQuery::parse("start_time_to=2030-01-01").unwrap_or_else(|e| panic!("{e}"));
        assert!(!q.admits(&meta("waiting", 0, None)));
        assert!(q.admits(&meta("processing", 0, Some(5))));
    }

    #[test]
    fn percent_decoding_keeps_invalid_escapes() {
        assert_eq!(percent_decode("a%20b+c%zz%"), "a b c%zz%");
    }
}
