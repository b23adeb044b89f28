//! What a re-run of a queue job is: the fields of the job's own body that `POST /jobs` takes
//! again (component, configuration, rows, tag, branch, variables, mode), and for a flow the
//! plan of which tasks run, from its result's phases and tasks (`--failed`, `--from-phase`,
//! `--task`). Pure: no I/O, no presentation; every refusal is a typed value.

use serde::Deserialize;
use serde_json::Value;

use super::job::text;
use super::queue::{FlowStep, QueueStatus};

/// The fields of a queue job's body that its re-run sends again.
#[derive(Debug, Clone, PartialEq)]
pub struct RerunSource {
    pub id: u64,
    pub component: String,
    pub config: Option<String>,
    /// `run`, `forceRun` or `debug`, as the job says.
    pub mode: Option<String>,
    pub config_row_ids: Vec<String>,
    pub tag: Option<String>,
    pub branch_id: Option<String>,
    pub variable_values_id: Option<String>,
    /// `variableValuesData.values` as `(name, value)`, when it holds any.
    pub variable_values: Vec<(String, String)>,
    /// An inline configuration (`configData`), sent again only by a job that ran one
    /// instead of a saved configuration.
    pub config_data: Option<Value>,
    /// What kind of queue job it is.
    pub shape: JobShape,
}

/// What a queue job is, as far as a re-run cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobShape {
    /// A component run (also a retry container or a container of rows).
    Component,
    /// A component run that was a task of flow `flow` (its plain id).
    Task { flow: Option<u64> },
    /// A flow (`orchestrationContainer`).
    Flow,
}

/// Why a queue job cannot be re-run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RerunRefusal {
    #[error("job {id} has no component to run again")]
    NoComponent { id: u64 },
    #[error(
        "job {id} is a phase of a flow, which cannot be started on its own; re-run the \
         flow's phase: jobctl rerun {flow} --from-phase {phase}"
    )]
    Phase {
        id: u64,
        flow: String,
        phase: String,
    },
}

impl RerunSource {
    /// Reads the fields from the job as the server sent it. A phase is refused (it can only
    /// run as part of its flow), and so is a body without a component.
    pub fn from_raw(raw: &str) -> Result<RerunSource, RerunRefusal> {
        let w: Wire = serde_json::from_str(raw).unwrap_or_default();
        let id = w.id.as_ref().and_then(text).and_then(|s| s.parse().ok());
        let id = id.unwrap_or_default();
        let nonempty = |v: &Option<Value>| v.as_ref().and_then(text).filter(|s| !s.is_empty());
        let job_type = nonempty(&w.job_type).unwrap_or_default();
        // The flow a phase or task belongs to: `orchestrationJobId`, else the first part of
        // its dotted runId.
        let flow = nonempty(&w.orchestration_job_id)
            .or_else(|| {
                let run = nonempty(&w.run_id)?;
                run.contains('.')
                    .then(|| run.split('.').next().map(str::to_owned))
                    .flatten()
            })
            .and_then(|s| s.parse::<u64>().ok());
        let phase_id = w
            .config_data
            .as_ref()
            .and_then(|d| d.get("phaseId"))
            .and_then(text);
        let component = nonempty(&w.component);
        let config = nonempty(&w.config);
        let shape = if job_type == "phaseContainer" {
            return Err(RerunRefusal::Phase {
                id,
                flow: flow.map_or_else(|| "FLOW".to_owned(), |f| f.to_string()),
                phase: phase_id.unwrap_or_else(|| "PHASE".to_owned()),
            });
        } else if job_type == "orchestrationContainer"
            || (job_type.is_empty() && component.as_deref().is_some_and(is_flow_component))
        {
            JobShape::Flow
        } else if nonempty(&w.orchestration_task_id).is_some() || flow.is_some() {
            JobShape::Task { flow }
        } else {
            JobShape::Component
        };
        let Some(component) = component else {
            return Err(RerunRefusal::NoComponent { id });
        };
        let strings = |v: &Option<Value>| -> Vec<String> {
            v.as_ref()
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(text).collect())
                .unwrap_or_default()
        };
        let variable_values = w
            .variable_values_data
            .as_ref()
            .and_then(|d| d.get("values"))
            .and_then(Value::as_array)
            .map(|values| {
                values
                    .iter()
                    .filter_map(|v| {
                        Some((
                            v.get("name").and_then(text)?,
                            v.get("value").and_then(text)?,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        // A saved configuration is what ran; without one, the inline configuration did.
        let config_data = match &config {
            Some(_) => None,
            None => w
                .config_data
                .filter(|d| d.as_object().is_some_and(|o| !o.is_empty())),
        };
        Ok(RerunSource {
            id,
            component,
            config,
            mode: nonempty(&w.mode),
            config_row_ids: strings(&w.config_row_ids),
            tag: nonempty(&w.tag),
            branch_id: nonempty(&w.branch_id),
            variable_values_id: nonempty(&w.variable_values_id),
            variable_values,
            config_data,
            shape,
        })
    }
}

/// `keboola.flow`, and the older `keboola.orchestrator`.
pub fn is_flow_component(component: &str) -> bool {
    matches!(component, "keboola.flow" | "keboola.orchestrator")
}

/// The body fields a re-run reads, untyped, so that an odd value in one sinks nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    id: Option<Value>,
    run_id: Option<Value>,
    component: Option<Value>,
    config: Option<Value>,
    mode: Option<Value>,
    config_row_ids: Option<Value>,
    tag: Option<Value>,
    branch_id: Option<Value>,
    variable_values_id: Option<Value>,
    variable_values_data: Option<Value>,
    config_data: Option<Value>,
    #[serde(rename = "type")]
    job_type: Option<Value>,
    orchestration_job_id: Option<Value>,
    orchestration_task_id: Option<Value>,
}

/// Which tasks of a flow a re-run starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// The whole flow, as configured (no `onlyFlowTaskIds`).
    All,
    /// The tasks that did not succeed in the first phase that failed, and every task of
    /// the phases after it (the UI's retry rule).
    Failed,
    /// This phase (a name or an id) and every phase after it.
    FromPhase(String),
    /// These tasks (names or ids).
    Tasks(Vec<String>),
}

/// A flow's plan: every phase its result names, in order, each with its tasks and whether
/// they run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowPlan {
    pub phases: Vec<PlanPhase>,
    /// What to send as `onlyFlowTaskIds`, in plan order; `None` runs the whole flow.
    pub only_task_ids: Option<Vec<String>>,
    /// `--failed`: the phase that failed first (an index into `phases`).
    pub failed_phase: Option<usize>,
}

/// One phase of a plan. A task whose phase the result does not list gets a phase of its
/// own with just the id (and no name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPhase {
    pub id: String,
    pub name: Option<String>,
    pub status: Option<String>,
    pub tasks: Vec<PlanTask>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanTask {
    pub step: FlowStep,
    pub runs: bool,
}

impl FlowPlan {
    /// How many tasks run, and how many the flow has.
    pub fn counts(&self) -> (usize, usize) {
        let tasks = self.phases.iter().flat_map(|p| &p.tasks);
        let all = tasks.clone().count();
        (tasks.filter(|t| t.runs).count(), all)
    }
}

/// Why a plan cannot be made (all usage errors, but `NothingFailed`, which is no error:
/// nothing to re-run).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error(
        "the flow's result names no tasks (it has not finished, or ran none), so it has no {what} to choose; re-run it whole without --failed, --from-phase or --task"
    )]
    NoSteps { what: &'static str },
    #[error("the flow has no {what} {given:?}; its {what}s: {known}")]
    Unknown {
        what: &'static str,
        given: String,
        known: String,
    },
    #[error("the {what} name {given:?} is ambiguous: {matches}; give the id")]
    Ambiguous {
        what: &'static str,
        given: String,
        matches: String,
    },
    #[error("phase {phase} has no tasks: nothing to run")]
    EmptyPhase { phase: String },
    #[error("nothing failed in this flow: no task or phase ended in error")]
    NothingFailed,
    #[error(
        "{flag} chooses tasks of a flow, and this is a component job; re-run it without {flag}"
    )]
    NotAFlow { flag: &'static str },
    #[error("the flow is still {status}: what failed is known once it finished")]
    Running { status: String },
}

/// The plan for `selection` over a flow's `phases` and `tasks` (as `result.phases[]` and
/// `result.tasks[]` list them, in the flow's order).
pub fn plan(
    phases: &[FlowStep],
    tasks: &[FlowStep],
    selection: &Selection,
) -> Result<FlowPlan, PlanError> {
    let mut plan = FlowPlan {
        phases: group(phases, tasks),
        only_task_ids: None,
        failed_phase: None,
    };
    let picked: Vec<(usize, usize)> = match selection {
        Selection::All => {
            for t in plan.phases.iter_mut().flat_map(|p| p.tasks.iter_mut()) {
                t.runs = true;
            }
            return Ok(plan);
        }
        _ if tasks.is_empty() => {
            let what = match selection {
                Selection::FromPhase(_) => "phase",
                _ => "task",
            };
            return Err(PlanError::NoSteps { what });
        }
        Selection::Failed => {
            let (first, picked) = failed(&plan)?;
            plan.failed_phase = Some(first);
            picked
        }
        Selection::FromPhase(key) => {
            let from = find_phase(&plan, key)?;
            let picked: Vec<(usize, usize)> = (from..plan.phases.len())
                .flat_map(|p| (0..plan.phases[p].tasks.len()).map(move |t| (p, t)))
                .collect();
            if picked.is_empty() {
                return Err(PlanError::EmptyPhase {
                    phase: phase_label(&plan.phases[from]),
                });
            }
            picked
        }
        Selection::Tasks(keys) => {
            let mut picked = Vec::new();
            for key in keys {
                let at = find_task(&plan, key)?;
                if !picked.contains(&at) {
                    picked.push(at);
                }
            }
            picked
        }
    };
    for &(p, t) in &picked {
        plan.phases[p].tasks[t].runs = true;
    }
    plan.only_task_ids = Some(
        plan.phases
            .iter()
            .flat_map(|p| &p.tasks)
            .filter(|t| t.runs)
            .map(|t| t.step.id.clone())
            .collect(),
    );
    Ok(plan)
}

/// The phases in the result's order with their tasks; tasks of a phase the result does
/// not list follow in phases of their own, in the order they first appear.
fn group(phases: &[FlowStep], tasks: &[FlowStep]) -> Vec<PlanPhase> {
    let mut out: Vec<PlanPhase> = phases
        .iter()
        .map(|p| PlanPhase {
            id: p.id.clone(),
            name: Some(p.name.clone()),
            status: p.status.clone(),
            tasks: Vec::new(),
        })
        .collect();
    for task in tasks {
        let phase = task.phase.clone().unwrap_or_default();
        let at = match out.iter().position(|p| p.id == phase) {
            Some(at) => at,
            None => {
                out.push(PlanPhase {
                    id: phase,
                    name: None,
                    status: None,
                    tasks: Vec::new(),
                });
                out.len() - 1
            }
        };
        out[at].tasks.push(PlanTask {
            step: task.clone(),
            runs: false,
        });
    }
    out
}

fn failure(status: Option<&str>) -> bool {
    status.is_some_and(|s| QueueStatus::parse(s).is_failure())
}

/// Ended well: success, or warning (it ran; what it let through is another matter).
fn succeeded(status: Option<&str>) -> bool {
    matches!(status, Some("success" | "warning"))
}

/// `--failed`: the first phase with a failed task (or that failed itself) runs its tasks
/// that did not succeed (all of them when none says so), and every later phase runs whole.
fn failed(plan: &FlowPlan) -> Result<(usize, Vec<(usize, usize)>), PlanError> {
    let first = plan.phases.iter().position(|p| {
        failure(p.status.as_deref()) || p.tasks.iter().any(|t| failure(t.step.status.as_deref()))
    });
    let Some(first) = first else {
        return Err(PlanError::NothingFailed);
    };
    let phase = &plan.phases[first];
    let mut picked: Vec<(usize, usize)> = phase
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| !succeeded(t.step.status.as_deref()))
        .map(|(t, _)| (first, t))
        .collect();
    if picked.is_empty() {
        picked = (0..phase.tasks.len()).map(|t| (first, t)).collect();
    }
    for p in first + 1..plan.phases.len() {
        picked.extend((0..plan.phases[p].tasks.len()).map(|t| (p, t)));
    }
    Ok((first, picked))
}

/// `Extract (4821)`; a phase the result does not name: `4821`; tasks without a phase:
/// `(no phase)`.
pub fn phase_label(p: &PlanPhase) -> String {
    match &p.name {
        Some(name) => format!("{name} ({})", p.id),
        None if p.id.is_empty() => "(no phase)".to_owned(),
        None => p.id.clone(),
    }
}

/// Finds by id, else by name (exact, else ignoring case); a name shared by several is
/// ambiguous.
fn find<T>(
    items: &[T],
    key: &str,
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> Option<&str>,
) -> Result<usize, Vec<usize>> {
    if let Some(at) = items.iter().position(|i| id(i) == key) {
        return Ok(at);
    }
    let exact: Vec<usize> = (0..items.len())
        .filter(|&i| name(&items[i]) == Some(key))
        .collect();
    let matches = match exact.is_empty() {
        false => exact,
        true => (0..items.len())
            .filter(|&i| name(&items[i]).is_some_and(|n| n.eq_ignore_ascii_case(key)))
            .collect(),
    };
    match matches.as_slice() {
        [one] => Ok(*one),
        _ => Err(matches),
    }
}

fn find_phase(plan: &FlowPlan, key: &str) -> Result<usize, PlanError> {
    find(&plan.phases, key, |p| &p.id, |p| p.name.as_deref()).map_err(|matches| {
        let list = |at: &mut dyn Iterator<Item = &PlanPhase>| {
            at.map(phase_label).collect::<Vec<_>>().join(", ")
        };
        match matches.is_empty() {
            true => PlanError::Unknown {
                what: "phase",
                given: key.to_owned(),
                known: list(&mut plan.phases.iter()),
            },
            false => PlanError::Ambiguous {
                what: "phase",
                given: key.to_owned(),
                matches: list(&mut matches.iter().map(|&i| &plan.phases[i])),
            },
        }
    })
}

fn find_task(plan: &FlowPlan, key: &str) -> Result<(usize, usize), PlanError> {
    let all: Vec<(usize, usize, &FlowStep)> = plan
        .phases
        .iter()
        .enumerate()
        .flat_map(|(p, ph)| {
            ph.tasks
                .iter()
                .enumerate()
                .map(move |(t, x)| (p, t, &x.step))
        })
        .collect();
    let label = |&(p, _, step): &(usize, usize, &FlowStep)| {
        format!(
            "{} ({}, phase {})",
            step.name,
            step.id,
            plan.phases[p].name.as_deref().unwrap_or(&plan.phases[p].id)
        )
    };
    match find(&all, key, |x| &x.2.id, |x| Some(&x.2.name)) {
        Ok(at) => Ok((all[at].0, all[at].1)),
        Err(matches) if matches.is_empty() => Err(PlanError::Unknown {
            what: "task",
            given: key.to_owned(),
            known: all.iter().map(label).collect::<Vec<_>>().join(", "),
        }),
        Err(matches) => Err(PlanError::Ambiguous {
            what: "task",
            given: key.to_owned(),
            matches: matches
                .iter()
                .map(|&i| label(&all[i]))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(id: &str, name: &str, status: &str) -> FlowStep {
        FlowStep {
            id: id.into(),
            name: name.into(),
            job_id: None,
            phase: None,
            status: Some(status.into()),
        }
    }

    fn task(id: &str, name: &str, phase: &str, status: &str) -> FlowStep {
        FlowStep {
            id: id.into(),
            name: name.into(),
            job_id: Some(format!("9{id}")),
            phase: Some(phase.into()),
            status: (!status.is_empty()).then(|| status.into()),
        }
    }

    /// Three phases of two tasks each; `failing` (0, 1 or 2) fails its second task, and
    /// the phases after it never ran.
    fn flow(failing: usize) -> (Vec<FlowStep>, Vec<FlowStep>) {
        let names = ["Extract", "Transform", "Load"];
        let mut phases = Vec::new();
        let mut tasks = Vec::new();
        for (k, name) in names.iter().enumerate() {
            let status = match k.cmp(&failing) {
                std::cmp::Ordering::Less => "success",
                std::cmp::Ordering::Equal => "error",
                std::cmp::Ordering::Greater => "skipped",
            };
            let pid = format!("{}", 10 + k);
            phases.push(phase(&pid, name, status));
            for n in 0..2 {
                let t = match (k.cmp(&failing), n) {
                    (std::cmp::Ordering::Less, _) | (std::cmp::Ordering::Equal, 0) => "success",
                    (std::cmp::Ordering::Equal, _) => "error",
                    (std::cmp::Ordering::Greater, _) => "",
                };
                tasks.push(task(&format!("{k}{n}"), &format!("{name} {n}"), &pid, t));
            }
        }
        (phases, tasks)
    }

    fn ids(plan: &FlowPlan) -> Vec<&str> {
        plan.only_task_ids
            .as_ref()
            .unwrap()
            .iter()
            .map(String::as_str)
            .collect()
    }

    #[test]
    fn failed_reruns_the_failed_task_and_every_later_phase() {
        let (p, t) = flow(0);
        let first = plan(&p, &t, &Selection::Failed).unwrap();
        assert_eq!(ids(&first), ["01", "10", "11", "20", "21"]);
        assert_eq!(first.counts(), (5, 6));
        let (p, t) = flow(1);
        assert_eq!(
            ids(&plan(&p, &t, &Selection::Failed).unwrap()),
            ["11", "20", "21"]
        );
        let (p, t) = flow(2);
        let last = plan(&p, &t, &Selection::Failed).unwrap();
        assert_eq!(ids(&last), ["21"]);
        assert_eq!(last.failed_phase, Some(2));
        // The plan keeps every phase and task, saying which run.
        assert_eq!(last.phases.len(), 3);
        let runs: Vec<bool> = last.phases[2].tasks.iter().map(|t| t.runs).collect();
        assert_eq!(runs, [false, true]);
    }

    #[test]
    fn failed_on_a_flow_that_failed_nowhere_is_nothing_to_do() {
        let (p, mut t) = flow(2);
        let mut p = p;
        p[2].status = Some("success".into());
        t[5].status = Some("success".into());
        assert_eq!(
            plan(&p, &t, &Selection::Failed),
            Err(PlanError::NothingFailed)
        );
        // A task cancelled or terminated failed too.
        t[4].status = Some("terminated".into());
        assert_eq!(ids(&plan(&p, &t, &Selection::Failed).unwrap()), ["20"]);
    }

    #[test]
    fn a_failed_phase_whose_tasks_say_nothing_reruns_whole() {
        let (p, mut t) = flow(1);
        for task in &mut t[2..4] {
            task.status = None;
        }
        assert_eq!(
            ids(&plan(&p, &t, &Selection::Failed).unwrap()),
            ["10", "11", "20", "21"]
        );
    }

    #[test]
    fn from_phase_takes_a_name_or_an_id_and_everything_after() {
        let (p, t) = flow(0);
        let by_name = plan(&p, &t, &Selection::FromPhase("Transform".into())).unwrap();
        assert_eq!(ids(&by_name), ["10", "11", "20", "21"]);
        let by_id = plan(&p, &t, &Selection::FromPhase("12".into())).unwrap();
        assert_eq!(ids(&by_id), ["20", "21"]);
        let any_case = plan(&p, &t, &Selection::FromPhase("load".into())).unwrap();
        assert_eq!(ids(&any_case), ["20", "21"]);
    }

    #[test]
    fn tasks_are_chosen_by_name_or_id_in_flow_order_once() {
        let (p, t) = flow(1);
        let chosen = Selection::Tasks(vec!["Load 1".into(), "00".into(), "load 1".into()]);
        assert_eq!(ids(&plan(&p, &t, &chosen).unwrap()), ["00", "21"]);
    }

    #[test]
    fn unknown_and_ambiguous_names_list_what_there_is() {
        let (p, mut t) = flow(1);
        let err = plan(&p, &t, &Selection::FromPhase("Lod".into())).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the flow has no phase \"Lod\"; its phases: Extract (10), Transform (11), Load (12)"
        );
        t[4].name = "Orders".into();
        t[0].name = "Orders".into();
        let err = plan(&p, &t, &Selection::Tasks(vec!["Orders".into()])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the task name \"Orders\" is ambiguous: Orders (00, phase Extract), \
             Orders (20, phase Load); give the id"
        );
        let err = plan(&p, &t, &Selection::Tasks(vec!["Nope".into()])).unwrap_err();
        assert!(
            matches!(err, PlanError::Unknown { what: "task", .. }),
            "{err}"
        );
        assert!(
            err.to_string().contains("Extract 1 (01, phase Extract)"),
            "{err}"
        );
    }

    #[test]
    fn the_whole_flow_sends_no_task_ids_and_no_result_means_no_choice() {
        let (p, t) = flow(1);
        let all = plan(&p, &t, &Selection::All).unwrap();
        assert_eq!(all.only_task_ids, None);
        assert_eq!(all.counts(), (6, 6));
        assert_eq!(
            plan(&[], &[], &Selection::Failed),
            Err(PlanError::NoSteps { what: "task" })
        );
        assert!(plan(&[], &[], &Selection::All).is_ok());
    }

    #[test]
    fn tasks_of_an_unlisted_phase_get_a_phase_of_their_own() {
        let (mut p, t) = flow(2);
        p.remove(1);
        let plan = plan(&p, &t, &Selection::Tasks(vec!["10".into()])).unwrap();
        let labels: Vec<String> = plan.phases.iter().map(phase_label).collect();
        assert_eq!(labels, ["Extract (10)", "Load (12)", "11"]);
        assert_eq!(ids(&plan), ["10"]);
        let mut loose = task("9", "Loose", "", "error");
        loose.phase = None;
        let plan = super::plan(&p, &[loose], &Selection::Failed).unwrap();
        assert_eq!(phase_label(&plan.phases[2]), "(no phase)");
        assert_eq!(ids(&plan), ["9"]);
    }

    #[test]
    fn a_job_body_gives_what_to_send_again() {
        let body = r#"{"id":"77","runId":"77","status":"error","mode":"debug",
            "component":"keboola.ex-db-snowflake","config":"12","configRowIds":["3","4"],
            "tag":"1.2.3","branchId":"901","variableValuesId":null,
            "variableValuesData":{"values":[{"name":"day","value":"mon"}]},
            "configData":{"parameters":{}},"type":"standard"}"#;
        let s = RerunSource::from_raw(body).unwrap();
        assert_eq!(s.id, 77);
        assert_eq!(s.component, "keboola.ex-db-snowflake");
        assert_eq!(s.config.as_deref(), Some("12"));
        assert_eq!(s.mode.as_deref(), Some("debug"));
        assert_eq!(s.config_row_ids, ["3", "4"]);
        assert_eq!(s.tag.as_deref(), Some("1.2.3"));
        assert_eq!(s.branch_id.as_deref(), Some("901"));
        assert_eq!(s.variable_values_id, None);
        assert_eq!(s.variable_values, [("day".to_owned(), "mon".to_owned())]);
        // A saved configuration ran, so its configData is not sent again.
        assert_eq!(s.config_data, None);
        assert_eq!(s.shape, JobShape::Component);
        let inline = RerunSource::from_raw(
            r#"{"id":"8","component":"keboola.ex-http","config":null,"configData":{"parameters":{"a":1}}}"#,
        )
        .unwrap();
        assert_eq!(
            inline.config_data,
            Some(serde_json::json!({"parameters": {"a": 1}}))
        );
    }

    #[test]
    fn flows_tasks_and_phases_are_told_apart() {
        let flow = RerunSource::from_raw(
            r#"{"id":"1","runId":"1","component":"keboola.flow","config":"5","type":"orchestrationContainer"}"#,
        )
        .unwrap();
        assert_eq!(flow.shape, JobShape::Flow);
        let task = RerunSource::from_raw(
            r#"{"id":"3","runId":"1.2.3","component":"keboola.ex-http","config":"5","type":"standard","orchestrationJobId":"1","orchestrationTaskId":"100"}"#,
        )
        .unwrap();
        assert_eq!(task.shape, JobShape::Task { flow: Some(1) });
        let phase = RerunSource::from_raw(
            r#"{"id":"2","runId":"1.2","component":"keboola.flow","config":"5","type":"phaseContainer","configData":{"phaseId":"4821"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            phase.to_string(),
            "job 2 is a phase of a flow, which cannot be started on its own; re-run the \
             flow's phase: jobctl rerun 1 --from-phase 4821"
        );
        assert_eq!(
            RerunSource::from_raw(r#"{"id":"9","status":"error"}"#),
            Err(RerunRefusal::NoComponent { id: 9 })
        );
    }
}
