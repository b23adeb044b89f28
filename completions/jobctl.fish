function __jobctl_list --description 'Values of a comma-separated list'
    set -l prefix (string match -r -- '^.*,' (commandline -ct))
    for v in $argv
        printf '%s%s\n' "$prefix" $v
    end
end

# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_jobctl_global_optspecs
    string join \n host= token= token-file= profile= demo retries= request-timeout= insecure-http v/debug queue-host= config= color= utc h/help V/version
end

function __fish_jobctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_jobctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_jobctl_using_subcommand
    set -l cmd (__fish_jobctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c jobctl -n "__fish_jobctl_needs_command" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_needs_command" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_needs_command" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_needs_command" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_needs_command" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_needs_command" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_needs_command" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_needs_command" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_needs_command" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_needs_command" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_needs_command" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_needs_command" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_needs_command" -s h -l help -d 'Print help'
complete -c jobctl -n "__fish_jobctl_needs_command" -s V -l version -d 'Print version'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "show" -d 'Show one or more jobs in detail'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "watch" -d 'Follow jobs until they finish; exit 0 when all succeeded, 1 when any failed'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "list" -d 'List recent jobs, newest first'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "stats" -d 'Figures over the job history: jobs, errors, duration and queue-wait percentiles, bytes and error codes, per operation (or table, bucket, creator, status, hour, day)'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "timeline" -d 'What ran when, and in parallel with what: a Gantt chart of the jobs of a window (the last hour unless --since says otherwise), with concurrency below it'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "queue" -d 'Queue API jobs: component runs and flows with their phases and tasks'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "serve" -d 'Run the Storage API simulator in the foreground, as a local stand-in for the API'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "completions" -d 'Print a shell completion script (e.g. jobctl completions bash > ~/.local/share/bash-completion/completions/jobctl)'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "man" -d 'Print the man page (roff), e.g. jobctl man > ~/.local/share/man/man1/jobctl.1'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "config" -d 'Inspect the profiles of the config file'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "whoami" -d 'Show whom the token belongs to: project, token description, expiry and stack'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "top" -d 'A live, keyboard-driven dashboard of the project\'s storage and queue jobs (on a terminal; for a pipe, use list --watch)'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "run" -d 'Start component or flow jobs (Queue API); print what started and exit, or follow them to their end with --wait'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "rerun" -d 'Start a queue job again: the same component, configuration, rows, tag, branch and variables; of a flow all of it, or only what failed, from a phase, chosen tasks'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "logs" -d 'Print a job\'s log (its events), oldest first; a flow\'s tasks merged, -f to follow'
complete -c jobctl -n "__fish_jobctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l kind -d 'Which API a bare id belongs to (needed only when the id is a job on both)' -r -f -a "storage\t'A Storage API job (table imports and exports, snapshots, ...)'
queue\t'A Queue API job (a component run, a flow, a phase)'"
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -s o -l output -d 'Output format' -r -f -a "table\t'A readable detail view'
json\t'The job as the server sent it (an array for several ids)'"
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l file -d 'Render a saved job response (\'-\' for standard input) instead of calling the API' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l jq -d 'Run a jq expression over each job, in argument order, as the server sent it (one object per job, however many ids: `--jq .` prints JSON lines); each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l tree -d 'A queue job\'s run as a tree: phases, tasks and the storage jobs each task started (one id)'
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l queue-job -d 'Also show the Queue API job (component, config, status) whose run started each storage job (its runId); costs a request to the stack\'s index and one per job'
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l no-log -d 'Do not end a failed job\'s detail with its last warnings and errors (shown on a terminal only; they cost one events request per run)'
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l kind -d 'Which API a bare id belongs to (needed only when the id is a job on both)' -r -f -a "storage\t'A Storage API job (table imports and exports, snapshots, ...)'
queue\t'A Queue API job (a component run, a flow, a phase)'"
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l run-id -d 'Follow a run instead of ids: its jobs and those of its nested runs (ID.*), including jobs that appear after the watch started, until all are finished and none appeared for --grace' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l grace -d 'With --run-id: how long to wait for another job of the run once all its jobs finished (or for the first one to appear)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -s o -l output -d 'Output format of the final state' -r -f -a "table\t'The detail view for one job; a table row per job for several'
json\t'The final jobs as the server sent them'
jsonl\t'One JSON object per status change as it happens, then the final jobs'"
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l timeout -d 'Give up after this long (exit 124); the jobs keep running on the server' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l progress -d 'Progress on stderr: a live spinner (tty), timestamped lines (plain) or nothing' -r -f -a "auto\t''
tty\t''
plain\t''
none\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l interval -d 'Poll at this fixed interval instead of adaptively (at least 200ms: shorter values are raised to it, with a note)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l max-interval -d 'Longest wait between polls when polling adaptively' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l heartbeat -d 'In plain progress, print a line this often even when nothing changed' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l jq -d 'Run a jq expression over each final job, in argument order (one object per job, however many ids); each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l kill-on-timeout -d 'Queue jobs: when --timeout ends the watch, kill the jobs still running'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l running -d 'Follow every job waiting or processing now (not jobs created later)'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l fail-fast -d 'Stop as soon as one job fails (exit 1)'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l no-history -d 'Do not estimate the jobs\' length from earlier runs of the same operation and table (saves the one list request of finished jobs at the first look)'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l notify -d 'Ring the bell and send a terminal notification (OSC 9) when all jobs finished'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l log -d 'Print the jobs\' log (their events) on stderr as it arrives, above the progress: for a flow, every task\'s, each line prefixed with its place; drained once more after the end. The final state on stdout and the exit code stay as without it'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l status -d 'Only jobs with this status (repeatable or comma-separated; sent to the server); queue jobs (--kind queue) also have created, warning, terminating, terminated, cancelled' -r -f -a '(__jobctl_list waiting processing success error)'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l exclude-status -d 'Leave out jobs with this status (ignored by the server when --status is given)' -r -f -a '(__jobctl_list waiting processing success error)'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l since -d 'Only jobs created at or after this: a relative age (30m, 2h, 7d, 1w, or -2h; bare numbers are seconds), today or yesterday (local midnight), a date or date-time in the local zone (2026-11-28, \'2026-11-28 10:00\'), or a time with an offset; sent to the API in UTC with an explicit +00:00' -r -f -a "30m\t''
1h\t''
2h\t''
1d\t''
7d\t''
1w\t''
today\t''
yesterday\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l until -d 'Only jobs created at or before this: a relative age or a date/date-time, as --since' -r -f -a "30m\t''
1h\t''
2h\t''
1d\t''
7d\t''
1w\t''
today\t''
yesterday\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l operation -d 'Only these operations: a name, a prefix or a glob like \'table*\' (repeatable)' -r -f -a "aliasCreate\t''
bucketDelete\t''
bucketLink\t''
bucketRefresh\t''
bucketShare\t''
bucketListingCreate\t''
bucketListingUpdate\t''
bucketListingDelete\t''
devBranchCreate\t''
devBranchDelete\t''
fileDelete\t''
tableColumnAdd\t''
tableColumnDelete\t''
tableCreate\t''
tableDefinitionCreate\t''
tableDefinitionUpdate\t''
tableDrop\t''
tableExport\t''
tableImport\t''
tablePrimaryKeyAdd\t''
tablePrimaryKeyDelete\t''
tableProfile\t''
tableRowsDelete\t''
tableSnapshotCreate\t''
tableSnapshotDelete\t''
tableSwap\t''
tableUpdate\t''
workspaceCreate\t''
workspaceDrop\t''
workspaceLoad\t''
workspaceLoadClone\t''
workspaceTableExport\t''
workspaceUnload\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l table -d 'Only this table, or tables under this prefix (e.g. a bucket \'in.c-main\')' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l run-id -d 'Only this run id and the runs nested in it (ID.*); queue jobs: exactly this run' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l kind -d 'Which jobs: storage (the Storage API\'s, as always), queue (the Queue API\'s, as `jobctl queue ...` lists them) or all (both, interleaved by creation time)' -r -f -a "storage\t'Storage API jobs (the default: the shapes scripts read today)'
queue\t'Queue API jobs, as `jobctl queue list` lists them'
all\t'Both kinds, interleaved by creation time, with a KIND column'"
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l component -d 'Queue jobs: only jobs of this component, e.g. keboola.orchestrator (repeatable)' -r -f -a '(jobctl __complete components 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l config-id -d 'Queue jobs: only jobs of this configuration id (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l type -d 'Queue jobs: only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l branch -d 'Queue jobs: only jobs of this branch id (\'null\' for the main branch; repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l parent -d 'Queue jobs: only the jobs directly under this runId (a flow\'s phases, a phase\'s tasks)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -s n -l limit -d 'How many matching jobs to show' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l page-size -d 'Jobs per request, always sent as `limit` (fewer when -n needs fewer and only server filters apply). After the first page, a few pages are fetched at once and printed in order' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l concurrency -d 'Pages fetched at once after the first (1: one after another); whatever N is, no more than about 4,000 jobs are in flight' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -s o -l output -d 'Output format. A piped table is tab-separated with a header line (none when nothing matched), RFC 3339 times, seconds and bytes' -r -f -a "table\t'Columns fitted to the terminal; tab-separated when piped'
wide\t'The table plus run id, creator and error'
json\t'One JSON array of the jobs as the server sent them'
jsonl\t'One job per line, written as each page arrives'"
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l columns -d 'Table columns to show, comma-separated (id,status,operationName,tableId,createdTime, duration,inBytes,outBytes,runId,creator,errorCode,errorMessage,startTime,endTime, or the headers the table shows: table,operation,error,start,end,...); not with -o wide, json or jsonl' -r -f -a '(__jobctl_list id status operationName tableId createdTime duration inBytes outBytes runId creator errorCode errorMessage startTime endTime)'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l file -d 'Filter a saved list response (JSON array or JSON lines; \'-\' for stdin) instead of calling the API' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l interval -d 'How often --watch polls (at least 200ms); while nothing changes the wait doubles, up to 8 times this or 30s, and comes back on the next change' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l jq -d 'Run a jq expression over the JSON array that -o json prints (implies -o json); each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l failed -d 'Shorthand for --status error (queue jobs: error, terminated, cancelled)'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l running -d 'Shorthand for --status waiting,processing (queue jobs: created, waiting, processing, terminating)'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l top-level -d 'Queue jobs: only jobs that run under no other (applied by jobctl)'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l all -d 'Page through to the last job'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -s w -l watch -d 'After listing, keep polling the first page and print new jobs and status changes until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l status -d 'Only jobs with this status (repeatable or comma-separated; sent to the server); queue jobs (--kind queue) also have created, warning, terminating, terminated, cancelled' -r -f -a '(__jobctl_list waiting processing success error)'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l exclude-status -d 'Leave out jobs with this status (ignored by the server when --status is given)' -r -f -a '(__jobctl_list waiting processing success error)'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l since -d 'Only jobs created at or after this: a relative age (30m, 2h, 7d, 1w, or -2h; bare numbers are seconds), today or yesterday (local midnight), a date or date-time in the local zone (2026-11-28, \'2026-11-28 10:00\'), or a time with an offset; sent to the API in UTC with an explicit +00:00' -r -f -a "30m\t''
1h\t''
2h\t''
1d\t''
7d\t''
1w\t''
today\t''
yesterday\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l until -d 'Only jobs created at or before this: a relative age or a date/date-time, as --since' -r -f -a "30m\t''
1h\t''
2h\t''
1d\t''
7d\t''
1w\t''
today\t''
yesterday\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l operation -d 'Only these operations: a name, a prefix or a glob like \'table*\' (repeatable)' -r -f -a "aliasCreate\t''
bucketDelete\t''
bucketLink\t''
bucketRefresh\t''
bucketShare\t''
bucketListingCreate\t''
bucketListingUpdate\t''
bucketListingDelete\t''
devBranchCreate\t''
devBranchDelete\t''
fileDelete\t''
tableColumnAdd\t''
tableColumnDelete\t''
tableCreate\t''
tableDefinitionCreate\t''
tableDefinitionUpdate\t''
tableDrop\t''
tableExport\t''
tableImport\t''
tablePrimaryKeyAdd\t''
tablePrimaryKeyDelete\t''
tableProfile\t''
tableRowsDelete\t''
tableSnapshotCreate\t''
tableSnapshotDelete\t''
tableSwap\t''
tableUpdate\t''
workspaceCreate\t''
workspaceDrop\t''
workspaceLoad\t''
workspaceLoadClone\t''
workspaceTableExport\t''
workspaceUnload\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l table -d 'Only this table, or tables under this prefix (e.g. a bucket \'in.c-main\')' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l run-id -d 'Only this run id and the runs nested in it (ID.*); queue jobs: exactly this run' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l kind -d 'Which jobs: storage (the Storage API\'s, as always), queue (the Queue API\'s, as `jobctl queue ...` lists them) or all (both, interleaved by creation time)' -r -f -a "storage\t'Storage API jobs (the default: the shapes scripts read today)'
queue\t'Queue API jobs, as `jobctl queue list` lists them'
all\t'Both kinds, interleaved by creation time, with a KIND column'"
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l component -d 'Queue jobs: only jobs of this component, e.g. keboola.orchestrator (repeatable)' -r -f -a '(jobctl __complete components 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l config-id -d 'Queue jobs: only jobs of this configuration id (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l type -d 'Queue jobs: only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l branch -d 'Queue jobs: only jobs of this branch id (\'null\' for the main branch; repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l parent -d 'Queue jobs: only the jobs directly under this runId (a flow\'s phases, a phase\'s tasks)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l by -d 'Group by these, comma-separated (hour and day in the local zone) [default: operation; with --kind queue: component,config; with --kind all: kind,operation]. With --kind all, operation is a queue job\'s component and table its configuration' -r -f -a '(__jobctl_list operation table bucket creator status hour day kind component config type)'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l sort -d 'Order the groups by this column: numbers largest first, keys A to Z' -r -f -a "key\t'The group keys'
jobs\t''
errors\t''
error-rate\t''
p50\t''
p90\t''
p99\t''
max\t''
wait-p50\t''
wait-p90\t''
in-bytes\t''
out-bytes\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l trend -d 'Add the figures per day (or hour): sparklines of p90 duration and error rate in the table, a "trend" array per group in JSON' -r -f -a "day\t''
hour\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -s o -l output -d 'Output format. The table is tab-separated with a header line when piped (seconds and bytes as plain numbers)' -r -f -a "table\t'Columns fitted to the terminal; tab-separated when piped'
json\t'One object: {"by", "groups", "total"}, numbers as numbers, durations in seconds'"
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l jq -d 'Run a jq expression over the object that -o json prints (implies -o json)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l file -d 'Read a saved list response (JSON array or JSON lines, e.g. from list --all -o json; \'-\' for stdin) instead of calling the API' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l page-size -d 'Jobs per request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l concurrency -d 'Pages fetched at once after the first' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l failed -d 'Shorthand for --status error (queue jobs: error, terminated, cancelled)'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l running -d 'Shorthand for --status waiting,processing (queue jobs: created, waiting, processing, terminating)'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l top-level -d 'Queue jobs: only jobs that run under no other (applied by jobctl)'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l status -d 'Only jobs with this status (repeatable or comma-separated; sent to the server); queue jobs (--kind queue) also have created, warning, terminating, terminated, cancelled' -r -f -a '(__jobctl_list waiting processing success error)'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l exclude-status -d 'Leave out jobs with this status (ignored by the server when --status is given)' -r -f -a '(__jobctl_list waiting processing success error)'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l since -d 'Only jobs created at or after this: a relative age (30m, 2h, 7d, 1w, or -2h; bare numbers are seconds), today or yesterday (local midnight), a date or date-time in the local zone (2026-11-28, \'2026-11-28 10:00\'), or a time with an offset; sent to the API in UTC with an explicit +00:00' -r -f -a "30m\t''
1h\t''
2h\t''
1d\t''
7d\t''
1w\t''
today\t''
yesterday\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l until -d 'Only jobs created at or before this: a relative age or a date/date-time, as --since' -r -f -a "30m\t''
1h\t''
2h\t''
1d\t''
7d\t''
1w\t''
today\t''
yesterday\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l operation -d 'Only these operations: a name, a prefix or a glob like \'table*\' (repeatable)' -r -f -a "aliasCreate\t''
bucketDelete\t''
bucketLink\t''
bucketRefresh\t''
bucketShare\t''
bucketListingCreate\t''
bucketListingUpdate\t''
bucketListingDelete\t''
devBranchCreate\t''
devBranchDelete\t''
fileDelete\t''
tableColumnAdd\t''
tableColumnDelete\t''
tableCreate\t''
tableDefinitionCreate\t''
tableDefinitionUpdate\t''
tableDrop\t''
tableExport\t''
tableImport\t''
tablePrimaryKeyAdd\t''
tablePrimaryKeyDelete\t''
tableProfile\t''
tableRowsDelete\t''
tableSnapshotCreate\t''
tableSnapshotDelete\t''
tableSwap\t''
tableUpdate\t''
workspaceCreate\t''
workspaceDrop\t''
workspaceLoad\t''
workspaceLoadClone\t''
workspaceTableExport\t''
workspaceUnload\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l table -d 'Only this table, or tables under this prefix (e.g. a bucket \'in.c-main\')' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l run-id -d 'Only this run id and the runs nested in it (ID.*); queue jobs: exactly this run' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l kind -d 'Which jobs: storage (the Storage API\'s, as always), queue (the Queue API\'s, as `jobctl queue ...` lists them) or all (both, interleaved by creation time)' -r -f -a "storage\t'Storage API jobs (the default: the shapes scripts read today)'
queue\t'Queue API jobs, as `jobctl queue list` lists them'
all\t'Both kinds, interleaved by creation time, with a KIND column'"
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l component -d 'Queue jobs: only jobs of this component, e.g. keboola.orchestrator (repeatable)' -r -f -a '(jobctl __complete components 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l config-id -d 'Queue jobs: only jobs of this configuration id (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l type -d 'Queue jobs: only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l branch -d 'Queue jobs: only jobs of this branch id (\'null\' for the main branch; repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l parent -d 'Queue jobs: only the jobs directly under this runId (a flow\'s phases, a phase\'s tasks)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l by -d 'One row per operation or table instead of one per job' -r -f -a "operation\t''
table\t''
component\t'A queue job\'s component (--kind queue or all)'
config\t'A queue job\'s configuration (--kind queue or all)'"
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -s o -l output -d 'Output format: text for a terminal (plain glyphs without colour), or an SVG picture' -r -f -a "text\t'A Gantt chart fitted to the terminal'
svg\t'The same picture as an SVG document'"
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l out -d 'Write the picture to this file instead of stdout' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l file -d 'Read a saved list response (JSON array or JSON lines, e.g. from list --all -o json; \'-\' for stdin) instead of calling the API' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l page-size -d 'Jobs per request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l concurrency -d 'Pages fetched at once after the first' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l failed -d 'Shorthand for --status error (queue jobs: error, terminated, cancelled)'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l running -d 'Shorthand for --status waiting,processing (queue jobs: created, waiting, processing, terminating)'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l top-level -d 'Queue jobs: only jobs that run under no other (applied by jobctl)'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand timeline" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and not __fish_seen_subcommand_from show list watch kill stats timeline help" -s h -l help -d 'Print help'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and not __fish_seen_subcommand_from show list watch kill stats timeline help" -f -a "show" -d 'Show Queue API jobs (component runs, flows) in detail, or a flow\'s run as a tree'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and not __fish_seen_subcommand_from show list watch kill stats timeline help" -f -a "list" -d 'List Queue API jobs, newest first (the server\'s search, with its filters)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and not __fish_seen_subcommand_from show list watch kill stats timeline help" -f -a "watch" -d 'Follow queue jobs until they finish (isFinished); exit 0 on success (and on warning, with a note), 1 when any ended in error, terminated or cancelled'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and not __fish_seen_subcommand_from show list watch kill stats timeline help" -f -a "kill" -d 'Kill queue jobs: explicit ids at once; by filter only with --yes (it lists what it would kill otherwise). Reports each job\'s outcome'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and not __fish_seen_subcommand_from show list watch kill stats timeline help" -f -a "stats" -d 'Figures over the queue job history per component and configuration (as stats)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and not __fish_seen_subcommand_from show list watch kill stats timeline help" -f -a "timeline" -d 'A Gantt chart of the queue jobs of a window, the last hour by default (as timeline)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and not __fish_seen_subcommand_from show list watch kill stats timeline help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format (with --tree, json is the tree: each node {"kind","job","children"}, "job" the server\'s object)' -r -f -a "table\t'A readable detail view'
json\t'The job as the server sent it (an array for several ids)'"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l jq -d 'Run a jq expression over each job as the server sent it (with --tree: over the tree that -o json prints); each result prints on its own line, strings raw, the rest as compact JSON' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l tree -d 'The run as a tree: phases, tasks and the storage jobs each task started (one id)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l no-log -d 'Do not end a failed job\'s detail with its last warnings and errors (shown on a terminal only; they cost one events request per run)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l status -d 'Only jobs with this status (repeatable or comma-separated; sent to the server)' -r -f -a '(__jobctl_list created waiting processing success warning error terminating terminated cancelled)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l component -d 'Only jobs of this component, e.g. keboola.orchestrator (repeatable)' -r -f -a '(jobctl __complete components 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l config -d 'Only jobs of this configuration id (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l type -d 'Only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l since -d 'Only jobs created at or after this: an age (30m, 2h, 7d, or -2h), a date or date-time in the local zone, or a time with an offset; sent in UTC with +00:00' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l until -d 'Only jobs created at or before this, as --since' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l branch -d 'Only jobs of this branch id (\'null\' for the main branch; repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l run-id -d 'Only jobs with exactly this runId (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l parent -d 'Only the jobs directly under this runId: a flow\'s phases, a phase\'s tasks' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -s n -l limit -d 'How many matching jobs to show' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l page-size -d 'Jobs per request, sent as `limit` (the Queue API\'s own clients never ask for more than 500)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format. A piped table is tab-separated with a header line (none when nothing matched), RFC 3339 times and seconds' -r -f -a "table\t'Columns fitted to the terminal; tab-separated when piped'
wide\t'The table plus run id, creator and error'
json\t'One JSON array of the jobs as the server sent them'
jsonl\t'One job per line, written as each page arrives'"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l columns -d 'Table columns to show, comma-separated (id,status,type,component,config,createdTime, duration,runId,parentRunId,token,errorType,message,startTime,endTime, or the headers the table shows: parent,error_type,start,end,...)' -r -f -a '(__jobctl_list id status type component config createdTime duration runId parentRunId token errorType message startTime endTime)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l file -d 'Filter a saved search response (JSON array or JSON lines; \'-\' for stdin) instead of calling the API' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l interval -d 'How often --watch polls' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l jq -d 'Run a jq expression over the JSON array that -o json prints (implies -o json)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l config-file -d 'Config file, as --config elsewhere (here --config is a configuration id)' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l failed -d 'Shorthand for --status error,terminated,cancelled'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l running -d 'Shorthand for --status created,waiting,processing,terminating'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l top-level -d 'Only jobs that run under no other (flows and jobs run on their own, not phases or tasks; applied by jobctl, paging on until enough match)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l all -d 'Page through to the last job'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -s w -l watch -d 'After listing, keep polling the first page and print new jobs and status changes until Ctrl-C (exit 130). With -o json or jsonl each change is one JSON line'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -s o -l output -d 'Output format of the final state' -r -f -a "table\t'The detail view for one job; a table row per job for several'
json\t'The final jobs as the server sent them'
jsonl\t'One JSON object per status change as it happens, then the final jobs'"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l timeout -d 'Give up after this long (exit 124)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l progress -d 'Progress on stderr: live spinners (tty; a flow shows its tasks done of total and the running ones), timestamped lines (plain) or nothing' -r -f -a "auto\t''
tty\t''
plain\t''
none\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l interval -d 'Poll at this fixed interval instead of adaptively (at least 200ms)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l max-interval -d 'Longest wait between polls when polling adaptively' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l heartbeat -d 'In plain progress, print a line this often even when nothing changed' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l jq -d 'Run a jq expression over each final job, in argument order (as watch --jq)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l kill-on-timeout -d 'When --timeout ends the watch, kill the jobs still running'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l no-history -d 'Do not estimate the jobs\' length from earlier runs of the same component and config (saves the one search request of finished jobs at the first look)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l fail-fast -d 'Stop as soon as one job fails (exit 1)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l notify -d 'Ring the bell and send a terminal notification (OSC 9) when all jobs finished'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l status -d 'Kill the jobs with this status (default with a filter: created, waiting, processing)' -r -f -a '(__jobctl_list created waiting processing success warning error terminating terminated cancelled)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l component -d 'Kill the jobs of this component (repeatable)' -r -f -a '(jobctl __complete components 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l config -d 'Kill the jobs of this configuration id (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l config-file -d 'Config file, as --config elsewhere (here --config is a configuration id)' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l all-components -d 'Kill by --status alone, whatever the component: a filter must otherwise name a --component or a --config'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -s y -l yes -d 'Kill what the filter matches without asking (without it, the jobs are listed)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l status -d 'Only jobs with this status (repeatable or comma-separated; sent to the server)' -r -f -a '(__jobctl_list created waiting processing success warning error terminating terminated cancelled)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l component -d 'Only jobs of this component, e.g. keboola.orchestrator (repeatable)' -r -f -a '(jobctl __complete components 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l config -d 'Only jobs of this configuration id (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l type -d 'Only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l since -d 'Only jobs created at or after this: an age (30m, 2h, 7d, or -2h), a date or date-time in the local zone, or a time with an offset; sent in UTC with +00:00' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l until -d 'Only jobs created at or before this, as --since' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l branch -d 'Only jobs of this branch id (\'null\' for the main branch; repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l run-id -d 'Only jobs with exactly this runId (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l parent -d 'Only the jobs directly under this runId: a flow\'s phases, a phase\'s tasks' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l by -d 'Group by these, comma-separated (hour and day in the local zone)' -r -f -a '(__jobctl_list component config type status creator hour day)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l sort -d 'Order the groups by this column: numbers largest first, keys A to Z' -r -f -a "key\t'The group keys'
jobs\t''
errors\t''
error-rate\t''
p50\t''
p90\t''
p99\t''
max\t''
wait-p50\t''
wait-p90\t''
in-bytes\t''
out-bytes\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l trend -d 'Add the figures per day (or hour): sparklines of p90 duration and error rate in the table, a "trend" array per group in JSON' -r -f -a "day\t''
hour\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -s o -l output -d 'Output format. The table is tab-separated with a header line when piped (seconds and bytes as plain numbers)' -r -f -a "table\t'Columns fitted to the terminal; tab-separated when piped'
json\t'One object: {"by", "groups", "total"}, numbers as numbers, durations in seconds'"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l jq -d 'Run a jq expression over the object that -o json prints (implies -o json)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l file -d 'Read a saved search response (JSON array or JSON lines; \'-\' for stdin) instead of calling the API' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l page-size -d 'Jobs per request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l config-file -d 'Config file, as --config elsewhere (here --config is a configuration id)' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l failed -d 'Shorthand for --status error,terminated,cancelled'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l running -d 'Shorthand for --status created,waiting,processing,terminating'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l top-level -d 'Only jobs that run under no other (flows and jobs run on their own, not phases or tasks; applied by jobctl, paging on until enough match)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l status -d 'Only jobs with this status (repeatable or comma-separated; sent to the server)' -r -f -a '(__jobctl_list created waiting processing success warning error terminating terminated cancelled)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l component -d 'Only jobs of this component, e.g. keboola.orchestrator (repeatable)' -r -f -a '(jobctl __complete components 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l config -d 'Only jobs of this configuration id (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l type -d 'Only jobs of this type: standard, orchestrationContainer (a flow), phaseContainer, container, retryContainer (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l since -d 'Only jobs created at or after this: an age (30m, 2h, 7d, or -2h), a date or date-time in the local zone, or a time with an offset; sent in UTC with +00:00' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l until -d 'Only jobs created at or before this, as --since' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l branch -d 'Only jobs of this branch id (\'null\' for the main branch; repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l run-id -d 'Only jobs with exactly this runId (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l parent -d 'Only the jobs directly under this runId: a flow\'s phases, a phase\'s tasks' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l by -d 'One row per component or configuration instead of one per job' -r -f -a "component\t''
config\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -s o -l output -d 'Output format: text for a terminal (plain glyphs without colour), or an SVG picture' -r -f -a "text\t'A Gantt chart fitted to the terminal'
svg\t'The same picture as an SVG document'"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l out -d 'Write the picture to this file instead of stdout' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l file -d 'Read a saved search response (JSON array or JSON lines; \'-\' for stdin) instead of calling the API' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l page-size -d 'Jobs per request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l config-file -d 'Config file, as --config elsewhere (here --config is a configuration id)' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l failed -d 'Shorthand for --status error,terminated,cancelled'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l running -d 'Shorthand for --status created,waiting,processing,terminating'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l top-level -d 'Only jobs that run under no other (flows and jobs run on their own, not phases or tasks; applied by jobctl, paging on until enough match)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from timeline" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show Queue API jobs (component runs, flows) in detail, or a flow\'s run as a tree'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "list" -d 'List Queue API jobs, newest first (the server\'s search, with its filters)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "watch" -d 'Follow queue jobs until they finish (isFinished); exit 0 on success (and on warning, with a note), 1 when any ended in error, terminated or cancelled'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Kill queue jobs: explicit ids at once; by filter only with --yes (it lists what it would kill otherwise). Reports each job\'s outcome'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Figures over the queue job history per component and configuration (as stats)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "timeline" -d 'A Gantt chart of the queue jobs of a window, the last hour by default (as timeline)'
complete -c jobctl -n "__fish_jobctl_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jobctl -n "__fish_jobctl_using_subcommand serve" -l listen -d 'Address to listen on: IP:PORT, localhost:PORT or a bare PORT (on loopback)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand serve" -l seed -d 'Seed for the simulated data set' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand serve" -l jobs -d 'Serve N generated finished jobs (ids 1..=N over the past 30 days) instead of the demo data set, e.g. to load-test paging' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand serve" -l queue-jobs -d 'Serve N generated finished Queue API jobs (component runs over the past 30 days) instead of the demo\'s flows, e.g. to load-test queue list' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand serve" -l live -d 'Add N live jobs above the other ids; each starts when first requested (or listed) and succeeds --live-duration later' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand serve" -l live-duration -d 'How long each --live job runs, a third of it waiting' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand serve" -l history -d 'Before the --live jobs, add N finished runs of each (same operation and table), taking --live-duration within +-10 %, for `watch` to estimate their length from' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand serve" -l latency -d 'Answer every API request only after this long, like a stack far away' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand serve" -l token -d 'The token to accept (also KBC_STORAGE_API_TOKEN) [default: the demo token, printed]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c jobctl -n "__fish_jobctl_using_subcommand man" -s h -l help -d 'Print help'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and not __fish_seen_subcommand_from list check help" -s h -l help -d 'Print help'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and not __fish_seen_subcommand_from list check help" -f -a "list" -d 'List the profiles (never a token value), marking the default'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and not __fish_seen_subcommand_from list check help" -f -a "check" -d 'Try each profile\'s host and token with one cheap request; exit 0 when all work, else the worst failure\'s code (4 token rejected, 5 API unreachable, 2 bad profile)'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and not __fish_seen_subcommand_from list check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and __fish_seen_subcommand_from list" -l names -d 'Print only the profile names, one per line, and nothing at all without a config file (what shell completion of --profile calls)'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and __fish_seen_subcommand_from check" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and __fish_seen_subcommand_from check" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and __fish_seen_subcommand_from check" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles (never a token value), marking the default'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Try each profile\'s host and token with one cheap request; exit 0 when all work, else the worst failure\'s code (4 token rejected, 5 API unreachable, 2 bad profile)'
complete -c jobctl -n "__fish_jobctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -s o -l output -d 'Output format' -r -f -a "table\t'A readable detail view'
json\t'The job as the server sent it (an array for several ids)'"
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l jq -d 'Run a jq expression over the stack\'s answer (GET /v2/storage/tokens/verify, the token itself left out); each result prints on its own line, strings raw' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand whoami" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l interval -d 'How often to refresh the lists (one request per kind; at least 200ms); while nothing runs the wait doubles, up to 4 times this' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l kind -d 'Which jobs to show first (Tab switches while it runs)' -r -f -a "storage\t'Storage API jobs'
queue\t'Queue API jobs (component runs, flows)'
both\t'Both, in one table'"
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l row -d 'Run only this row of the configuration (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l branch -d 'The dev branch to run in (its id); a target\'s own BRANCH/ wins over it' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l variables-id -d 'Variable values: the id of a stored set of values' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l var -d 'A variable\'s value for this run (repeatable)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l mode -d 'debug keeps the job\'s data for inspection; force runs a disabled configuration' -r -f -a "debug\t''
force\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l backend -d 'The backend size to run on (sent as backend.type)' -r -f -a "xsmall\t''
small\t''
medium\t''
large\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l parallelism -d 'How many of a flow\'s tasks run at once: a number, or infinity' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l config-data -d 'Run this inline configuration (a JSON object; \'-\' for stdin) instead of a stored one\'s (the target\'s CONFIG and --row are then not used)' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -s o -l output -d 'Output format: what started, or with --wait the final state as watch prints it' -r -f -a "table\t'A row per started job: id, config, name, link (with --wait: watch\'s detail view or summary table)'
json\t'The created jobs as the server sent them (with --wait: the final jobs)'
jsonl\t'One created job a line (with --wait: watch\'s status changes, then the final jobs)'"
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l timeout -d 'With --wait or -f: give up after this long (exit 124); the jobs keep running' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l progress -d 'With --wait or -f: progress on stderr (as watch)' -r -f -a "auto\t''
tty\t''
plain\t''
none\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l interval -d 'With --wait or -f: poll at this fixed interval instead of adaptively (at least 200ms)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l max-interval -d 'With --wait or -f: longest wait between polls when polling adaptively' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l dry-run -d 'Print the request bodies that would be sent (one JSON object per line; -o json: an array) and send nothing'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l wait -d 'Follow the started jobs until they finish, as `watch` does: exit 0 on success, 1 when any failed'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -s f -l follow -d '--wait, and print the jobs\' log on stderr as it arrives (for a flow, every task\'s, each line prefixed with its place), as `watch --log`'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l kill-on-timeout -d 'When --timeout ends the wait, kill the jobs still running'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l no-history -d 'With --wait or -f: do not estimate the jobs\' length from earlier runs'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l kind -d 'Which API a bare id belongs to (needed only when the id is a job on both)' -r -f -a "storage\t'A Storage API job (table imports and exports, snapshots, ...)'
queue\t'A Queue API job (a component run, a flow, a phase)'"
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l from-phase -d 'A flow: start this phase (a name or an id of the flow\'s result) and every phase after it' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l task -d 'A flow: start this task (a name or an id of the flow\'s result); repeatable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -s o -l output -d 'Output format: what was started (without --wait) or the final state (with it)' -r -f -a "table\t'A row per started job: id, config, name, link (with --wait: watch\'s detail view or summary table)'
json\t'The created jobs as the server sent them (with --wait: the final jobs)'
jsonl\t'One created job a line (with --wait: watch\'s status changes, then the final jobs)'"
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l timeout -d 'With --wait or -f: give up after this long (exit 124); the jobs keep running' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l progress -d 'With --wait or -f: progress on stderr (as watch)' -r -f -a "auto\t''
tty\t''
plain\t''
none\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l interval -d 'With --wait or -f: poll at this fixed interval instead of adaptively (at least 200ms)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l max-interval -d 'With --wait or -f: longest wait between polls when polling adaptively' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l failed -d 'A flow: start only the tasks that failed and every task of the phases after the failed one (as the UI\'s retry does). A flow where nothing failed starts nothing (exit 0)'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l dry-run -d 'Print the plan (stderr) and the request body (stdout: one JSON line; -o json: an object) and start nothing'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l wait -d 'Follow the started jobs until they finish, as `watch` does: exit 0 on success, 1 when any failed'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -s f -l follow -d '--wait, and print the jobs\' log on stderr as it arrives (for a flow, every task\'s, each line prefixed with its place), as `watch --log`'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l kill-on-timeout -d 'When --timeout ends the wait, kill the jobs still running'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l no-history -d 'With --wait or -f: do not estimate the jobs\' length from earlier runs'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand rerun" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l kind -d 'Which API a bare id belongs to (needed only when the id is a job on both)' -r -f -a "storage\t'A Storage API job (table imports and exports, snapshots, ...)'
queue\t'A Queue API job (a component run, a flow, a phase)'"
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l timeout -d 'With --follow: give up after this long (exit 124); the jobs keep running' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l interval -d 'With --follow: how often to ask for new events and the jobs\' status (at least 200ms); the default asks once every 2 s, however many tasks a flow runs' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l type -d 'Only events of these types (comma-separated)' -r -f -a '(__jobctl_list info success warn error)'
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l grep -d 'Only events whose message or description matches this regular expression (matched here, highlighted on a terminal; (?i) for case-insensitive)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -s q -l query -d 'The server\'s own search over the events (its `q` parameter)' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l since -d 'Only events created at or after this: an age (30m, 2h, 7d) or a date/date-time (as list --since)' -r -f -a "30m\t''
1h\t''
2h\t''
1d\t''
7d\t''
1w\t''
today\t''
yesterday\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l tail -d 'Only the last N events (after the filters); with --follow, then the new ones' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l timestamps -d 'The time on each line: short (a terminal\'s default: HH:MM:SS in the display zone), full (a pipe\'s default: the server\'s own time), none' -r -f -a "short\t'HH:MM:SS in the display zone'
full\t'The full time: on a terminal in the display zone, elsewhere as the server sent it'
none\t'No time'"
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -s o -l output -d 'Output format: text lines; jsonl (one `{"job":ID,"event":{...}}` a line, the event as the server sent it); json (an array of those)' -r -f -a "text\t'One line an event (a description indented under it)'
jsonl\t'One JSON object an event: {"job":ID,"event":<the server\'s event>}'
json\t'An array of those objects'"
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l jq -d 'Run a jq expression over each `{"job":ID,"event":{...}}`; each result prints on its own line, strings raw, the rest as compact JSON. No jq binary needed' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l host -d 'Storage API stack: a bare host (https:// is added) or a full URL; beats KBC_STORAGE_API_HOST and any profile [default: https://connection.keboola.com]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l token -d 'Storage API token; beats KBC_STORAGE_API_TOKEN and any profile. Visible to other local users in the process list: prefer --token-file or the environment variable' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l token-file -d 'Read the token from a file (\'-\' for standard input); wins over --token' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l profile -d 'Profile of the config file to take the host and the token from (also JOBCTL_PROFILE); beats the KBC_* variables, not --host, --token or --token-file' -r -f -a '(jobctl config list --names 2>/dev/null)'
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l retries -d 'How many times to retry a request that failed for a transient reason' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l request-timeout -d 'Time limit for one HTTP request' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l queue-host -d 'Queue API host for queue jobs [default: the one the stack\'s index names, else the stack\'s host with `connection.` replaced by `queue.`]' -r
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l config -d 'Config file [default: $XDG_CONFIG_HOME/jobctl/config.toml or ~/.config/jobctl/config.toml]; also --config-file, which `queue list|stats|timeline| kill` need, their --config being a configuration id' -r -F
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l color -d 'When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether the output is a terminal' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -s f -l follow -d 'Keep printing new events until the jobs (a flow: every task) have finished, then exit as watch does: 0 success, 1 failed, 124 on --timeout'
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l failed -d 'A flow or phase: only the tasks that failed, with the messages of the phases and the flow above them'
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l demo -d 'Run against the embedded API simulator with made-up data (no account needed; also JOBCTL_DEMO=1, which --host, --token, --token-file and --profile override)'
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l insecure-http -d 'Allow plain http:// to a host other than loopback (sends the token unencrypted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -s v -l debug -d 'Log every request, response and retry decision on stderr (token redacted)'
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -l utc -d 'Show times in UTC instead of the local zone (TZ, else the system\'s) on a terminal, and read dates like --since 2026-11-28 in UTC; also JOBCTL_UTC=1. Piped and JSON output keep the server\'s own times'
complete -c jobctl -n "__fish_jobctl_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "show" -d 'Show one or more jobs in detail'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "watch" -d 'Follow jobs until they finish; exit 0 when all succeeded, 1 when any failed'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "list" -d 'List recent jobs, newest first'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "stats" -d 'Figures over the job history: jobs, errors, duration and queue-wait percentiles, bytes and error codes, per operation (or table, bucket, creator, status, hour, day)'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "timeline" -d 'What ran when, and in parallel with what: a Gantt chart of the jobs of a window (the last hour unless --since says otherwise), with concurrency below it'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "queue" -d 'Queue API jobs: component runs and flows with their phases and tasks'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "serve" -d 'Run the Storage API simulator in the foreground, as a local stand-in for the API'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "completions" -d 'Print a shell completion script (e.g. jobctl completions bash > ~/.local/share/bash-completion/completions/jobctl)'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "man" -d 'Print the man page (roff), e.g. jobctl man > ~/.local/share/man/man1/jobctl.1'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "config" -d 'Inspect the profiles of the config file'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "whoami" -d 'Show whom the token belongs to: project, token description, expiry and stack'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "top" -d 'A live, keyboard-driven dashboard of the project\'s storage and queue jobs (on a terminal; for a pipe, use list --watch)'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "run" -d 'Start component or flow jobs (Queue API); print what started and exit, or follow them to their end with --wait'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "rerun" -d 'Start a queue job again: the same component, configuration, rows, tag, branch and variables; of a flow all of it, or only what failed, from a phase, chosen tasks'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "logs" -d 'Print a job\'s log (its events), oldest first; a flow\'s tasks merged, -f to follow'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and not __fish_seen_subcommand_from show watch list stats timeline queue serve completions man config whoami top run rerun logs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "show" -d 'Show Queue API jobs (component runs, flows) in detail, or a flow\'s run as a tree'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "list" -d 'List Queue API jobs, newest first (the server\'s search, with its filters)'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "watch" -d 'Follow queue jobs until they finish (isFinished); exit 0 on success (and on warning, with a note), 1 when any ended in error, terminated or cancelled'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "kill" -d 'Kill queue jobs: explicit ids at once; by filter only with --yes (it lists what it would kill otherwise). Reports each job\'s outcome'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "stats" -d 'Figures over the queue job history per component and configuration (as stats)'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "timeline" -d 'A Gantt chart of the queue jobs of a window, the last hour by default (as timeline)'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'List the profiles (never a token value), marking the default'
complete -c jobctl -n "__fish_jobctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Try each profile\'s host and token with one cheap request; exit 0 when all work, else the worst failure\'s code (4 token rejected, 5 API unreachable, 2 bad profile)'
complete -c jobctl -n "__fish_jobctl_using_subcommand run" -f -a '(jobctl __complete targets 2>/dev/null)'
