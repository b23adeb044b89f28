//! The built-in data sets: the realistic demo (historic jobs over the past week plus live jobs)
//! and bulk generated jobs for scale tests. Deterministic from a seed and an anchor time.

use std::time::Duration;

use fastrand::Rng;
use serde_json::{Value, json};

use crate::model::Metrics;
use crate::sim::clock::format_ts;
use crate::sim::job::{Creator, JobSpec, TableRef};

/// Number of historic jobs in the demo.
const DEMO_HISTORIC: u64 = 300;
/// First historic demo id, before [`number_by_creation`] numbers them with the flows'.
const DEMO_FIRST_ID: u64 = 386_500_000;
/// Gap between consecutive demo storage ids before jitter (jitter stays below it).
const DEMO_ID_STRIDE: u64 = 37;
/// Ids of the live demo jobs start right above this (independent of the seed).
const DEMO_LIVE_BASE: u64 = 386_520_000;
/// Position (from the oldest) of the historic failed tableImport kept for `--demo show`.
const DEMO_FAILED_IMPORT_INDEX: u64 = DEMO_HISTORIC - 4;

const WEEK_SECS: i64 = 7 * 24 * 3600;

/// Tables of the simulated project, with their columns.
const TABLES: &[(&str, &[&str])] = &[
    (
        "in.c-main.orders",
        &["id", "customer_id", "amount", "currency", "created_at"],
    ),
    (
        "in.c-main.order_items",
        &["order_id", "sku", "quantity", "price"],
    ),
    ("in.c-crm.customers", &["id", "name", "email", "country"]),
    (
        "in.c-crm.contacts",
        &["id", "customer_id", "phone", "email"],
    ),
    ("in.c-events.pageviews", &["id", "session_id", "url", "ts"]),
    (
        "out.c-reports.daily_revenue",
        &["date", "revenue", "orders"],
    ),
    ("out.c-reports.churn", &["month", "churned", "active"]),
];

const BUCKETS: &[&str] = &["in.c-main", "in.c-crm", "in.c-events", "out.c-reports"];

/// Operations with their weight in the historic mix.
const OPERATIONS: &[(&str, u32)] = &[
    ("tableImport", 30),
    ("tableExport", 18),
    ("workspaceLoad", 10),
    ("workspaceTableExport", 5),
    ("tableCreate", 5),
    ("tableSnapshotCreate", 5),
    ("tableDrop", 4),
    ("tableColumnAdd", 4),
    ("workspaceCreate", 4),
    ("tableSwap", 3),
    ("bucketRefresh", 3),
    ("bucketLink", 2),
    ("devBranchCreate", 2),
];

/// The demo's jobs and the ids worth pointing at.
pub(crate) struct Demo {
    pub(crate) historic: Vec<JobSpec>,
    pub(crate) live: Vec<JobSpec>,
    pub(crate) live_ids: Vec<u64>,
    pub(crate) failed_import_id: u64,
}

/// The demo data set for `seed`, with historic jobs in the week before `now_secs`.
pub(crate) fn demo(seed: u64, now_secs: i64) -> Demo {
    let mut rng = Rng::with_seed(seed);
    let spacing = WEEK_SECS / DEMO_HISTORIC as i64;
    let mut historic = Vec::new();
    let mut failed_import_id = DEMO_FIRST_ID;
    for i in 0..DEMO_HISTORIC {
        let id = DEMO_FIRST_ID + i * DEMO_ID_STRIDE + rng.u64(0..DEMO_ID_STRIDE - 7);
        // Keep the newest historic job a few minutes old so it is surely finished.
        let created = now_secs - WEEK_SECS + i as i64 * spacing + rng.i64(0..spacing / 2) - 600;
        let job = if i == DEMO_FAILED_IMPORT_INDEX {
            failed_import_id = id;
            failed_columns_import(id, &mut rng)
                .waiting(Duration::from_secs(1))
                .processing(Duration::from_secs(4))
        } else {
            historic_job(&mut rng, id)
        };
        historic.push(job.created_at(created));
    }
    let live = live_jobs();
    historic.extend(live_histories(&live, now_secs));
    let live_ids = live.iter().map(|j| j.id).collect();
    Demo {
        historic,
        live,
        live_ids,
        failed_import_id,
    }
}

/// Numbers the demo's storage jobs (the historic ones and those the flows' tasks ran) in
/// the order they were created, as the API does: the newer a job, the higher its id, so
/// that `list`'s newest first is newest first. Consecutive ids are [`DEMO_ID_STRIDE`]
/// apart less a jitter; the job whose id is `keep` (the failed import that the banner,
/// the README and the tests name) keeps it, and the others fall around it. Ties in
/// creation time keep their order.
pub(crate) fn number_by_creation(jobs: &mut [JobSpec], keep: u64, seed: u64) {
    jobs.sort_by_key(|j| (j.created_at.unwrap_or(i64::MAX), j.id));
    let mut rng = Rng::with_seed(seed ^ 0x01D5_0FC2_EA7E);
    let numbered: Vec<u64> = (0..jobs.len() as u64)
        .map(|k| k * DEMO_ID_STRIDE + rng.u64(0..DEMO_ID_STRIDE - 7))
        .collect();
    let kept = jobs
        .iter()
        .position(|j| j.id == keep)
        .map_or(DEMO_FIRST_ID, |k| keep - numbered[k]);
    for (job, n) in jobs.iter_mut().zip(numbered) {
        job.id = kept + n;
    }
}

/// Jobs per independently seeded block of [`generated_block`].
pub(crate) const GENERATED_BLOCK: usize = 4096;

/// Block `block` of `n` finished jobs with ids `1..=n`, created over the 30 days before
/// `now_secs`. Each block has its own generator so blocks can be built in parallel.
pub(crate) fn generated_block(block: usize, n: usize, seed: u64, now_secs: i64) -> Vec<JobSpec> {
    let mut rng = Rng::with_seed(seed ^ (block as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let span = 30 * 24 * 3600_i64;
    let step = (span / n.max(1) as i64).max(1);
    let first = block * GENERATED_BLOCK + 1;
    let last = ((block + 1) * GENERATED_BLOCK).min(n);
    (first as u64..=last as u64)
        .map(|id| {
            let created = now_secs - span + (id as i64 - 1) * step - 3600;
            historic_job(&mut rng, id).created_at(created)
        })
        .collect()
}

/// `count` live tableImports with ids from `first_id`, each waiting a third of `duration` and
/// processing the rest, so they succeed `duration` after their clocks start.
pub(crate) fn extra_live_jobs(first_id: u64, count: usize, duration: Duration) -> Vec<JobSpec> {
    let waiting = duration / 3;
    (0..count as u64)
        .map(|k| {
            let table = TABLES[k as usize % TABLES.len()].0;
            import_success(first_id + k, table, 1_000 + k, 40_960 + k)
                .creator(creator(k as usize))
                .waiting(waiting)
                .processing(duration - waiting)
        })
        .collect()
}

/// How the runs of [`history_jobs`] spread around their duration: within +-10 %.
const HISTORY_SPREAD: [f64; 5] = [1.0, 0.9, 1.1, 0.95, 1.05];

/// `runs` finished tableImports on each of the tables the first `tables` of
/// [`extra_live_jobs`] import into, with ids from `first_id`, twice the duration (at least a minute) apart, ending
/// before `now_secs`, each taking `duration` within +-10 % (a third of it waiting): the
/// history that `watch` estimates a live job's length from.
pub(crate) fn history_jobs(
    first_id: u64,
    tables: usize,
    runs: usize,
    duration: Duration,
    now_secs: i64,
) -> Vec<JobSpec> {
    let tables = tables.clamp(1, TABLES.len());
    let mut specs = Vec::with_capacity(tables * runs);
    for run in 0..runs {
        for (k, (table, _)) in TABLES.iter().take(tables).enumerate() {
            let id = first_id + specs.len() as u64;
            // Whole seconds, as the API's timestamps are.
            let factor = HISTORY_SPREAD[(run + k) % HISTORY_SPREAD.len()];
            let took = Duration::from_secs((duration.as_secs_f64() * factor).round() as u64);
            let waiting = Duration::from_secs(took.as_secs() / 3);
            let apart = (duration.as_secs() as i64 * 2).max(60);
            let ago = apart * (runs - run) as i64 + took.as_secs() as i64 + 1;
            specs.push(
                import_success(id, table, 1_000 + run as u64, 40_960)
                    .creator(creator(run))
                    .waiting(waiting)
                    .processing(took - waiting)
                    .created_at(now_secs - ago),
            );
        }
    }
    specs
}

/// Earlier successful runs of each live demo job (its operation on its table), as long as
/// it really runs within +-10 %, the newest of their kind: `watch`'s estimate of a live
/// job is then honest (a 4-second import is expected in about 4 s, the minute-long one in
/// about a minute). Ten runs each, ten minutes apart over the last two hours; ids are
/// given later by [`number_by_creation`].
fn live_histories(live: &[JobSpec], now_secs: i64) -> Vec<JobSpec> {
    const RUNS: usize = 10;
    let mut runs = Vec::with_capacity(live.len() * RUNS);
    for (k, job) in live.iter().enumerate() {
        let total = job.lifecycle.waiting + job.lifecycle.processing;
        let share = job.lifecycle.waiting.as_secs_f64() / total.as_secs_f64().max(1e-9);
        for run in 0..RUNS {
            let factor = HISTORY_SPREAD[(run + k) % HISTORY_SPREAD.len()];
            // Whole seconds, as the API's timestamps are.
            let took = ((total.as_secs_f64() * factor).round() as u64).max(1);
            let waiting = Duration::from_secs((took as f64 * share).round() as u64);
            let ago = 600 * (run as i64 + 1) + 60 * k as i64 + took as i64;
            let mut spec = job.clone();
            if spec.failure.take().is_some() {
                spec.results = None;
            }
            spec.run_id = None;
            runs.push(
                spec.waiting(waiting)
                    .processing(Duration::from_secs(took) - waiting)
                    .created_at(now_secs - ago),
            );
        }
    }
    runs
}

/// The live demo jobs: clocks start when first requested.
fn live_jobs() -> Vec<JobSpec> {
    let secs = Duration::from_secs;
    let ms = Duration::from_millis;
    let id = |k: u64| DEMO_LIVE_BASE + k;
    vec![
        import_success(id(1), "in.c-main.orders", 1_204, 18_944)
            .run_id(&format!("{}", id(1) - 3))
            .creator(creator(1))
            .waiting(secs(1))
            .processing(secs(3)),
        JobSpec::success(id(2), "tableExport")
            .table("out.c-reports.daily_revenue")
            .params(export_params("main_fast"))
            .results(json!({"file": {"id": 1_907_331}, "cacheHit": false}))
            .metrics(out_metrics(2_310, 9_412))
            .run_id(&format!("{}.{}", id(1) - 3, id(2)))
            .creator(creator(0))
            .waiting(ms(500))
            .processing(ms(2_500)),
        JobSpec::success(id(3), "workspaceLoad")
            .params(workspace_load_params(78_423, "in.c-crm.customers"))
            .metrics(out_metrics(7_168, 0))
            .run_id(&format!("{}", id(3) + 100))
            .creator(creator(1))
            .waiting(secs(2))
            .processing(secs(5)),
        failed_columns_import(id(4), &mut Rng::with_seed(4))
            .waiting(secs(1))
            .processing(secs(4)),
        import_success(id(5), "in.c-events.pageviews", 2_481_904, 412_000_000)
            // A run of its own, so that its log (the events of its run) can be followed.
            .run_id(&format!("{}", id(5) + 100))
            .creator(creator(3))
            .waiting(secs(3))
            .processing(secs(57)),
    ]
}

fn creator(k: usize) -> Creator {
    match k % 4 {
        0 => Creator::described("27978", "martin.dvorak@example.com"),
        1 => Creator::described("31042", "jana.novakova@example.com"),
        2 => Creator::named("221", "Master Token"),
        _ => Creator::described("40501", "Orchestrator [_internal]"),
    }
}

fn queue(rng: &mut Rng) -> &'static str {
    if rng.bool() { "main" } else { "main_fast" }
}

fn export_params(queue: &str) -> Value {
    json!({"export": {"tableName": null, "columns": [], "limit": null, "changedSince": null,
        "changedUntil": null, "gzipOutput": true, "format": "rfc", "whereFilters": [],
        "fileType": "csv", "timezone": null}, "queue": queue})
}

pub(crate) fn import_params(file_id: u64, incremental: bool, queue: &str) -> Value {
    json!({"params": {"incremental": incremental, "source": [], "withoutHeaders": false,
        "columns": [], "delimiter": ",", "enclosure": "\""},
        "source": {"fileId": file_id, "type": "file"}, "queue": queue})
}

fn workspace_load_params(workspace: u64, table: &str) -> Value {
    let destination = table.rsplit('.').next().unwrap_or(table);
    json!({"workspaceId": workspace.to_string(), "preserve": false,
        "input": [{"source": table, "destination": destination}], "queue": "main_fast"})
}

fn in_metrics(bytes: u64, uncompressed: u64) -> Metrics {
    Metrics {
        in_compressed: true,
        in_bytes: bytes,
        in_bytes_uncompressed: uncompressed,
        ..Metrics::default()
    }
}

fn out_metrics(bytes: u64, uncompressed: u64) -> Metrics {
    Metrics {
        out_compressed: true,
        out_bytes: bytes,
        out_bytes_uncompressed: uncompressed,
        ..Metrics::default()
    }
}

pub(crate) fn columns_of(table: &str) -> Vec<&'static str> {
    TABLES
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, c)| c.to_vec())
        .unwrap_or_default()
}

pub(crate) fn import_success(id: u64, table: &str, rows: u64, bytes: u64) -> JobSpec {
    JobSpec::success(id, "tableImport")
        .table(table)
        .params(import_params(id / 7, false, "main"))
        .results(
            json!({"transaction": null, "warnings": [], "importedColumns": columns_of(table),
            "totalRowsCount": rows, "totalDataSizeBytes": bytes}),
        )
        .metrics(in_metrics(bytes / 4, bytes))
}

/// A tableImport failing with `csvImport.columnsNotMatch` and `results.missingColumns`.
fn failed_columns_import(id: u64, rng: &mut Rng) -> JobSpec {
    let (table, columns) = TABLES[2 + rng.usize(0..2)];
    let missing = columns[columns.len() - 1];
    let expected = columns.join(",");
    JobSpec::success(id, "tableImport")
        .table(table)
        .params(import_params(id / 7, true, "main"))
        .run_id(&format!("{}", id - 2))
        .results(json!({"missingColumns": [missing], "expectedColumns": columns}))
        .metrics(Metrics {
            in_bytes: 125,
            in_bytes_uncompressed: 125,
            ..Metrics::default()
        })
        .creator(creator(0))
        .fails(
            "csvImport.columnsNotMatch",
            &format!(
                "Some columns are missing in the csv file. Missing columns: {missing}. \
                 Expected columns: {expected}. Please check if the expected delimiter \",\" is \
                 used in the csv file."
            ),
        )
}

fn pick_operation(rng: &mut Rng) -> &'static str {
    let total: u32 = OPERATIONS.iter().map(|(_, w)| w).sum();
    let mut roll = rng.u32(0..total);
    for (op, weight) in OPERATIONS {
        if roll < *weight {
            return op;
        }
        roll -= weight;
    }
    "tableImport"
}

/// One finished job of a random operation, about 12% of them failed.
fn historic_job(rng: &mut Rng, id: u64) -> JobSpec {
    // The order of the draws is the dataset: the demo's jobs stay the same for a seed.
    let d = Draw::new(rng);
    let job = match d.op {
        "tableImport" => table_import(rng, id, &d),
        "workspaceLoad" | "workspaceTableExport" | "workspaceCreate" => workspace_job(rng, id, &d),
        "bucketRefresh" | "bucketLink" | "devBranchCreate" => project_job(id, &d),
        _ => table_job(rng, id, &d),
    };
    let mut job = job.creator(d.who);
    if job.operation_name == "tableImport" && job.failure.is_none() && rng.u8(0..3) == 0 {
        job = job.params(import_params(id / 7, true, d.queue));
    }
    if rng.u8(0..10) < 6 {
        job = job.run_id(&run_of(rng, id));
    }
    let slow = matches!(
        job.operation_name.as_str(),
        "tableImport" | "tableExport" | "workspaceLoad"
    );
    let processing = if slow { rng.u64(3..90) } else { rng.u64(1..12) };
    job.waiting(Duration::from_secs(rng.u64(0..15)))
        .processing(Duration::from_secs(processing))
}

/// What a historic job is drawn from, before its operation's own draws.
struct Draw {
    op: &'static str,
    table: &'static str,
    columns: &'static [&'static str],
    bucket: &'static str,
    table_name: &'static str,
    failed: bool,
    queue: &'static str,
    rows: u64,
    size: u64,
    who: Creator,
}

impl Draw {
    fn new(rng: &mut Rng) -> Draw {
        let op = pick_operation(rng);
        let (table, columns) = TABLES[rng.usize(0..TABLES.len())];
        let bucket = BUCKETS[rng.usize(0..BUCKETS.len())];
        let table_name = table.rsplit('.').next().unwrap_or(table);
        let failed = rng.u32(0..100) < 12;
        let queue = queue(rng);
        let rows = rng.u64(10..2_000_000);
        let size = rows * rng.u64(40..200);
        let who = creator(rng.usize(0..4));
        Draw {
            op,
            table,
            columns,
            bucket,
            table_name,
            failed,
            queue,
            rows,
            size,
            who,
        }
    }

    /// The job failed with `message`, else it is as it is.
    fn failing(&self, job: JobSpec, code: &str, message: &str) -> JobSpec {
        match self.failed {
            true => job.fails(code, message),
            false => job,
        }
    }
}

/// A table import: a success, or a failure (missing columns, or no such table).
fn table_import(rng: &mut Rng, id: u64, d: &Draw) -> JobSpec {
    let (table, table_name, bucket) = (d.table, d.table_name, d.bucket);
    match d.failed {
        true if rng.bool() => failed_columns_import(id, rng),
        true => import_success(id, table, d.rows, d.size).fails(
            "storage.tables.notFound",
            &format!("The table \"{table_name}\" was not found in the bucket \"{bucket}\""),
        ),
        false => import_success(id, table, d.rows, d.size).params(import_params(
            id / 7,
            rng.bool(),
            d.queue,
        )),
    }
}

/// The other operations on a table: export, create, snapshot, drop, column, swap.
fn table_job(rng: &mut Rng, id: u64, d: &Draw) -> JobSpec {
    let (table, table_name, bucket, columns) = (d.table, d.table_name, d.bucket, d.columns);
    let job = JobSpec::success(id, d.op);
    match d.op {
        "tableExport" => job
            .table(table)
            .params(export_params(d.queue))
            .results(json!({"file": {"id": id / 3}, "cacheHit": rng.u8(0..10) == 0}))
            .metrics(out_metrics(d.size / 5, d.size)),
        "tableCreate" => {
            let job = job
                .params(json!({"name": table_name, "bucketId": bucket, "primaryKey": [columns[0]],
                    "queue": "main"}))
                .results(json!({"id": format!("{bucket}.{table_name}"), "name": table_name,
                    "displayName": table_name, "columns": columns, "primaryKey": [columns[0]],
                    "rowsCount": 0, "dataSizeBytes": 0, "isAlias": false,
                    "bucket": {"id": bucket, "stage": bucket.split('.').next().unwrap_or("in")}}));
            d.failing(
                job,
                "storage.tables.alreadyExists",
                &format!("The table \"{table_name}\" already exists in the bucket \"{bucket}\"."),
            )
        }
        "tableSnapshotCreate" => job
            .table(table)
            .params(json!({"description": "before backfill", "queue": "main_fast"}))
            .results(json!({"id": id / 11, "description": "before backfill",
                "createdTime": format_ts(1_700_000_000 + (id % 10_000_000) as i64), "type": "snapshot",
                "creatorToken": {"id": 27978, "description": "martin.dvorak@example.com"},
                "uri": format!("https://connection.keboola.com/v2/storage/snapshots/{}", id / 11),
                "dataFileId": id / 5})),
        "tableDrop" => {
            let job = job.table(table).params(json!({"force": rng.bool(), "queue": "main"}));
            if rng.bool() { job.without_metrics() } else { job }
        }
        "tableColumnAdd" => job
            .table(table)
            .params(json!({"name": "note", "definition": null, "basetype": null, "queue": "main"})),
        // tableSwap
        _ => job
            .table(table)
            .params(json!({"targetTableId": format!("{table}_tmp"), "queue": "main"}))
            .results(json!({"tableAStringId": table, "tableBStringId": format!("{table}_tmp")})),
    }
}

/// An operation on a workspace: a load, a table export, a create.
fn workspace_job(rng: &mut Rng, id: u64, d: &Draw) -> JobSpec {
    let (table, table_name) = (d.table, d.table_name);
    let job = JobSpec::success(id, d.op);
    match d.op {
        "workspaceLoad" => {
            let job = job
                .params(workspace_load_params(78_000 + rng.u64(0..900), table))
                .metrics(out_metrics(d.size / 5, 0));
            d.failing(
                job,
                "workspace.loadFailed",
                &format!("Failed to load table \"{table}\" into the workspace: the source table has no columns matching the destination."),
            )
        }
        "workspaceTableExport" => {
            let results = if rng.bool() {
                json!([])
            } else {
                json!({"file": {"id": id / 3}})
            };
            job.params(
                json!({"workspaceId": 504_345_000 + rng.u64(0..999), "tableName": table_name,
                    "fileName": format!("{table_name}.csv"), "format": "csv", "gzip": true}),
            )
            .results(results)
            .metrics(out_metrics(d.size / 4, d.size))
        }
        // workspaceCreate
        _ => {
            let ws = 900_000 + rng.u64(0..99_999);
            job.params(json!({"backend": "snowflake", "networkPolicy": "system", "queue": "main"}))
                .results(
                    json!({"id": ws, "type": "table", "name": format!("WORKSPACE_{ws}"),
                    "component": "keboola.snowflake-transformation", "configurationId": null,
                    "readOnlyStorageAccess": false, "backendSize": null,
                    "connection": {"backend": "snowflake", "host": "keboola.snowflakecomputing.com",
                        "database": "KEBOOLA_1234", "schema": format!("WORKSPACE_{ws}"),
                        "warehouse": "KEBOOLA_PROD", "user": format!("KEBOOLA_WORKSPACE_{ws}")}}),
                )
        }
    }
}

/// An operation on the project: a bucket's refresh or link, a dev branch's creation.
fn project_job(id: u64, d: &Draw) -> JobSpec {
    let bucket = d.bucket;
    let job = JobSpec::success(id, d.op);
    match d.op {
        "bucketRefresh" => job
            .table_ref(TableRef::Absent)
            .params(json!({"bucketId": bucket, "queue": "main"}))
            .results(
                json!({"id": bucket, "name": bucket.split_once("c-").map_or(bucket, |(_, n)| n),
                "stage": "in", "backend": "snowflake",
                "warnings": [{"message": "Table \"legacy\" was removed from the source",
                    "context": {"tableId": format!("{bucket}.legacy")}}]}),
            ),
        "bucketLink" => {
            let job = job.table_ref(TableRef::Absent).params(
                json!({"sourceProjectId": 1234, "sourceBucketId": "out.c-shared",
                    "name": "shared", "queue": "main"}),
            );
            match d.failed {
                true => job.fails(
                    "storage.buckets.alreadyLinked",
                    "The bucket \"out.c-shared\" is already linked in the project.",
                ),
                false => job.results(json!({"id": "in.c-shared", "name": "shared", "stage": "in",
                    "sourceBucket": {"id": "out.c-shared", "project": {"id": 1234}}})),
            }
        }
        // devBranchCreate
        _ => {
            let name = format!("feature-{}", id % 1000);
            job.params(json!({"values": {"name": name, "description": ""}, "queue": "main"}))
                .results(
                    json!({"id": 1200 + id % 500, "name": name, "isDefault": false,
                    "description": "", "creatorToken": {"id": 27978,
                    "name": "martin.dvorak@example.com"}}),
                )
        }
    }
}

/// The run that started a job: an earlier job's id, or a nested run under it.
fn run_of(rng: &mut Rng, id: u64) -> String {
    let parent = id.saturating_sub(rng.u64(1..400));
    if rng.bool() {
        format!("{parent}")
    } else {
        format!("{parent}.{}", parent + rng.u64(1..5))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_deterministic_from_seed_and_anchor() {
        let a = demo(7, 1_764_000_000);
        let b = demo(7, 1_764_000_000);
        let c = demo(8, 1_764_000_000);
        assert_eq!(a.historic, b.historic);
        assert_ne!(a.historic, c.historic);
        assert_eq!(a.live_ids, c.live_ids);
    }

    #[test]
    fn demo_ids_grow_with_creation_time_and_stay_below_live_ids() {
        let mut d = demo(1, 1_764_000_000);
        // The historic jobs and the live jobs' earlier runs (10 each).
        assert_eq!(d.historic.len(), DEMO_HISTORIC as usize + 50);
        let failed = d.failed_import_id;
        number_by_creation(&mut d.historic, failed, 1);
        let ids: Vec<u64> = d.historic.iter().map(|j| j.id).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        let created: Vec<i64> = d.historic.iter().filter_map(|j| j.created_at).collect();
        assert_eq!(created.len(), ids.len());
        assert!(created.windows(2).all(|w| w[0] <= w[1]));
        assert!(ids.last() < d.live_ids.first());
        assert!(
            d.historic
                .iter()
                .any(|j| j.id == failed && j.failure.is_some())
        );
    }

    #[test]
    fn demo_has_a_mix_of_operations_and_some_failures() {
        let d = demo(3, 1_764_000_000);
        let failed = d.historic.iter().filter(|j| j.failure.is_some()).count();
        assert!((15..=60).contains(&failed), "failed: {failed}");
        let ops: std::collections::BTreeSet<&str> = d
            .historic
            .iter()
            .map(|j| j.operation_name.as_str())
            .collect();
        assert!(ops.len() >= 10, "{ops:?}");
    }
}
