//! The plan of a re-run as a person reads it on stderr: what starts again (component,
//! configuration, rows, tag, branch, variables) and, for a flow, which tasks run and which
//! are skipped, phase by phase. Pure; every server string is sanitised.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::sanitize;
use crate::model::{FlowPlan, JobShape, QueueStatus, RerunSource, phase_label};

/// What a partial flow run does not do (kbagent warns its users the same way).
pub const CONDITIONS_NOTE: &str = "phase conditions are not evaluated in a partial run: the \
     tasks marked run start in their phases' order, whatever the flow's conditions say";

/// The plan: a line for what starts (with the configuration's `name` when known), then a
/// flow's phases and tasks. `plan` is `None` for a component job. With `color`, tasks that
/// run are green, skipped ones dim, and a failure last time red.
pub fn rerun_plan(
    source: &RerunSource,
    name: Option<&str>,
    plan: Option<&FlowPlan>,
    color: bool,
) -> String {
    let mut out = String::new();
    let what = match source.shape {
        JobShape::Flow => "flow",
        _ => "job",
    };
    let _ = write!(
        out,
        "re-run of {what} {}: {}",
        source.id,
        sanitize(&source.component)
    );
    match (&source.config, &source.config_data) {
        (Some(config), _) => {
            let _ = write!(out, ", config {}", sanitize(config));
            if let Some(name) = name {
                let _ = write!(out, " \"{}\"", sanitize(name));
            }
        }
        (None, Some(_)) => out.push_str(", its inline configuration"),
        (None, None) => {}
    }
    for (label, value) in details(source) {
        let _ = write!(out, "; {label} {}", sanitize(&value));
    }
    match (&source.shape, plan) {
        (JobShape::Task { flow }, _) => {
            let flow = flow.map_or_else(String::new, |f| format!(" of flow {f}"));
            let _ = write!(
                out,
                "\n  it was a task{flow}: it runs alone, not in the flow"
            );
        }
        (JobShape::Flow, Some(plan)) => {
            let (runs, all) = plan.counts();
            match plan.only_task_ids {
                None => {
                    let phases = plan.phases.len();
                    let _ = write!(
                        out,
                        "\n  the whole flow, as configured ({all} tasks in {phases} phases)"
                    );
                }
                Some(_) => {
                    let _ = write!(out, "\n  {runs} of {all} tasks run:");
                    tasks(&mut out, plan, color);
                    // Whether a run's result lists the phases that never ran is not
                    // documented: say what this plan cannot know.
                    if let Some(failed) = plan.failed_phase
                        && failed + 1 == plan.phases.len()
                    {
                        let label = sanitize(&phase_label(&plan.phases[failed])).into_owned();
                        let _ = write!(
                            out,
                            "\n  no phase after {label} is in the run's result: if the flow has \
                             later phases, this plan does not run them (re-run the whole flow \
                             for those)"
                        );
                    }
                }
            }
        }
        _ => {}
    }
    out.push('\n');
    out
}

/// `rows 3, 4`, `tag 1.2.3`, ... : what the job ran with beyond its configuration.
fn details(source: &RerunSource) -> Vec<(&'static str, String)> {
    let mut d = Vec::new();
    if !source.config_row_ids.is_empty() {
        let label = match source.config_row_ids.len() {
            1 => "row",
            _ => "rows",
        };
        d.push((label, source.config_row_ids.join(", ")));
    }
    if let Some(tag) = &source.tag {
        d.push(("tag", tag.clone()));
    }
    if let Some(branch) = &source.branch_id {
        d.push(("branch", branch.clone()));
    }
    if let Some(id) = &source.variable_values_id {
        d.push(("variables", id.clone()));
    }
    // As sent: a stored set of values wins over values given inline.
    if source.variable_values_id.is_none() && !source.variable_values.is_empty() {
        let vars: Vec<String> = source
            .variable_values
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        d.push(("variables", vars.join(", ")));
    }
    if let Some(mode) = source.mode.as_deref().filter(|m| *m != "run") {
        d.push(("mode", mode.to_owned()));
    }
    d
}

/// Each phase, then its tasks: `run` or `skip`, the name, the id and how it ended last time.
fn tasks(out: &mut String, plan: &FlowPlan, color: bool) {
    let paint = |sgr: &str, text: &str| match color {
        true => format!("\x1b[{sgr}m{text}\x1b[0m"),
        false => text.to_owned(),
    };
    let names: Vec<String> = plan
        .phases
        .iter()
        .flat_map(|p| &p.tasks)
        .map(|t| format!("{} ({})", sanitize(&t.step.name), sanitize(&t.step.id)))
        .collect();
    let width = names.iter().map(|n| n.width()).max().unwrap_or(0);
    let mut names = names.into_iter();
    for phase in &plan.phases {
        let label = sanitize(&phase_label(phase)).into_owned();
        let runs = phase.tasks.iter().filter(|t| t.runs).count();
        let summary = match (runs, phase.tasks.len()) {
            (0, _) => "skipped".to_owned(),
            (r, n) if r == n => "all tasks run".to_owned(),
            (r, n) => format!("{r} of {n} tasks run"),
        };
        let _ = write!(out, "\n  phase {label}: {summary}");
        for task in &phase.tasks {
            let name = names.next().unwrap_or_default();
            let pad = " ".repeat(width.saturating_sub(name.width()));
            let (mark, name) = match task.runs {
                true => (paint("32", "run "), name),
                false => (paint("2", "skip"), paint("2", &name)),
            };
            let last = match task.step.status.as_deref() {
                Some(s) if QueueStatus::parse(s).is_failure() => {
                    format!("  last time: {}", paint("31", &sanitize(s)))
                }
                Some(s) => format!("  last time: {}", sanitize(s)),
                None => String::new(),
            };
            let _ = write!(out, "\n    {mark}  {name}{pad}{last}");
            // No spaces at the end of a line.
            while out.ends_with(' ') {
                out.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Selection, flow_plan};

    fn source(body: &str) -> RerunSource {
        RerunSource::from_raw(body).unwrap()
    }

    #[test]
    fn a_component_job_says_what_starts_again() {
        let s = source(
            r#"{"id":"77","component":"keboola.ex-db-snowflake","config":"12","mode":"debug",
            "configRowIds":["3","4"],"tag":"1.2.3","branchId":"901","variableValuesId":"55",
            "type":"standard"}"#,
        );
        assert_eq!(
            rerun_plan(&s, Some("Orders"), None, false),
            "re-run of job 77: keboola.ex-db-snowflake, config 12 \"Orders\"; rows 3, 4; tag 1.2.3; \
             branch 901; variables 55; mode debug\n"
        );
        let task = source(
            r#"{"id":"3","runId":"1.2.3","component":"keboola.ex-http","config":"5",
            "variableValuesData":{"values":[{"name":"d","value":"x\u001b[2J"}]},"orchestrationJobId":"1"}"#,
        );
        assert_eq!(
            rerun_plan(&task, None, None, false),
            "re-run of job 3: keboola.ex-http, config 5; variables d=x\n  it was a task of flow 1: \
             it runs alone, not in the flow\n"
        );
    }

    #[test]
    fn a_flow_lists_its_phases_and_which_tasks_run() {
        let body = crate::sim::rerun_flows(1_764_000_000_000)
            .into_iter()
            .find(|j| j.id == crate::sim::RERUN_FLOWS.middle)
            .unwrap();
        let plan_json = body.plan.unwrap();
        let raw = format!(
            r#"{{"id":"{}","component":"keboola.flow","config":"55530","type":"orchestrationContainer","status":"error","result":{{"phases":{},"tasks":{}}}}}"#,
            body.id, plan_json["phases"], plan_json["tasks"]
        );
        let job: crate::model::QueueJob = serde_json::from_str(&raw).unwrap();
        let result = job.result.unwrap();
        let plan = flow_plan(&result.phases, &result.tasks, &Selection::Failed).unwrap();
        let s = source(&raw);
        assert_eq!(
            rerun_plan(&s, None, Some(&plan), false),
            "re-run of flow 1205337200: keboola.flow, config 55530
  4 of 8 tasks run:
  phase Extract (7101): skipped
    skip  Slack alerts (20100)           last time: success
    skip  Orders from Snowflake (20101)  last time: success
    skip  CRM contacts (20102)           last time: success
  phase Transform (7102): 1 of 2 tasks run
    skip  Daily revenue (20103)          last time: success
    run   Churn model (20104)            last time: error
  phase Load (7103): all tasks run
    run   Revenue sheet (20105)          last time: skipped
    run   Warehouse writer (20106)       last time: skipped
    run   Slack alerts (20107)           last time: skipped
"
        );
        let whole = flow_plan(&result.phases, &result.tasks, &Selection::All).unwrap();
        assert_eq!(
            rerun_plan(&s, None, Some(&whole), false),
            "re-run of flow 1205337200: keboola.flow, config 55530\n  the whole flow, as \
             configured (8 tasks in 3 phases)\n"
        );
    }

    #[test]
    fn colour_marks_what_runs_what_is_skipped_and_what_failed() {
        let raw = r#"{"id":"1","component":"keboola.flow","config":"5","type":"orchestrationContainer","status":"error",
            "result":{"phases":[{"id":"p","name":"P","status":"error"}],
            "tasks":[{"id":"a","name":"A","phase":"p","status":"error"},{"id":"b","name":"B","phase":"p","status":"success"}]}}"#;
        let job: crate::model::QueueJob = serde_json::from_str(raw).unwrap();
        let r = job.result.unwrap();
        let plan = flow_plan(&r.phases, &r.tasks, &Selection::Failed).unwrap();
        let text = rerun_plan(&source(raw), None, Some(&plan), true);
        assert!(text.contains("\x1b[32mrun \x1b[0m  A (a)"), "{text:?}");
        assert!(text.contains("last time: \x1b[31merror\x1b[0m"), "{text:?}");
        assert!(
            text.contains("\x1b[2mskip\x1b[0m  \x1b[2mB (b)\x1b[0m"),
            "{text:?}"
        );
    }
}
