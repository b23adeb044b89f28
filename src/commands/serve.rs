//! `jobctl serve`: the simulator in the foreground, as a local stand-in for the Storage
//! API; prints how to reach it and stops cleanly on Ctrl-C or SIGTERM.

use std::io::Write;

use anyhow::Result;

use crate::cancel::Cancel;
use crate::cli::ServeArgs;
use crate::exit::UsageError;
use crate::output::Output;
use crate::sim::{DEMO_TOKEN, REQUEST_LOG_PATH, Sim, SimServer};

pub async fn run(out: &Output, cancel: &Cancel, args: ServeArgs) -> Result<()> {
    let sim = match args.jobs {
        Some(n) => Sim::with_generated(usize::try_from(n)?, args.seed),
        None => Sim::demo(args.seed),
    };
    if args.live > 0 && args.history > 0 {
        let tables = usize::try_from(args.live)?;
        sim.add_history_jobs(tables, usize::try_from(args.history)?, args.live_duration);
    }
    if let Some(n) = args.queue_jobs {
        sim.clear_queue();
        sim.add_generated_queue_jobs(usize::try_from(n)?, args.seed);
    }
    if args.live > 0 {
        sim.add_live_jobs(usize::try_from(args.live)?, args.live_duration);
    }
    sim.set_latency(args.latency);
    // A token given to jobctl is accepted but never printed; otherwise the demo token,
    // which is no secret, is printed for copying.
    let given = args
        .token
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(crate::config::env_token);
    let token_line = match given.as_deref() {
        Some(token) => {
            sim.set_token(token.trim());
            "# accepting the token from --token / KBC_STORAGE_API_TOKEN".to_owned()
        }
        None => format!("export KBC_STORAGE_API_TOKEN={DEMO_TOKEN}"),
    };
    let live: Vec<String> = sim.live_job_ids().iter().map(u64::to_string).collect();
    let failed = sim.demo_failed_import_id();
    let queue = sim.demo_queue();
    let server = SimServer::start(sim, args.listen)
        .await
        .map_err(|e| UsageError(format!("cannot listen on {}: {e}", args.listen)))?;
    let mut w = out.stdout();
    writeln!(w, "Storage API simulator listening on {}", server.url())?;
    writeln!(
        w,
        "Queue API simulator listening on {} (the index at /v2/storage names it)",
        server.queue_url()
    )?;
    writeln!(w, "export KBC_STORAGE_API_HOST={}", server.url())?;
    writeln!(w, "{token_line}")?;
    writeln!(
        w,
        "# live jobs (their clocks start when first requested): {}",
        live.join(" ")
    )?;
    if let Some(id) = failed {
        writeln!(w, "# a failed import: {id}")?;
    }
    if let Some(q) = queue {
        writeln!(
            w,
            "# queue: a failed nightly flow: {}; a green one (3 phases, 10 tasks): {}; live flows: {}; a long job to kill: {}",
            q.failed_flow,
            q.good_flow,
            q.live_flows
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            q.long_job
        )?;
        writeln!(
            w,
            "# events: a log of more than 10,000 events: {}",
            q.long_log
        )?;
    }
    writeln!(w, "# request log: {}{REQUEST_LOG_PATH}", server.url())?;
    w.flush()?;
    out.note("serving until Ctrl-C");
    cancel.requested().await;
    server.shutdown().await;
    out.note("stopped");
    Ok(())
}
