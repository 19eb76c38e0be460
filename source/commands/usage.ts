/** Usage text and usage errors (exit code 2). */
/** Set by the build (esbuild's define) and by the test configs; absent when run from source. */
declare const W365_VERSION: string | undefined;

export const VERSION: string = typeof W365_VERSION === 'string' ? W365_VERSION : '0.0.0-source';

export class UsageError extends Error {}

export const HELP = `w365-triage ${VERSION}
Get back to work when the January 2026 Windows update breaks sign-in to Windows 365 or
Azure Virtual Desktop, without making things worse. It never runs a command from its advice:
it shows you what to do, step by step, and the commands to copy. (On Windows it reads the
version, build and installed updates with fixed, read-only queries listed in the README, in the
background, within 12 s; --no-detect skips them.)

Usage:
  w365-triage [run] [options]        walk the triage (the shipped flow unless --flow)
  w365-triage validate FILE...       check flow files; findings as file:line:column: CODE message
  w365-triage graph [options]        print a flow as a Mermaid or Graphviz DOT diagram
  w365-triage new FILE.yaml          write a small valid flow to start a new incident's flow from
  w365-triage sessions [--stats]     recent sessions, newest first (or what they add up to)
  w365-triage export [SESSION]       a session for a ticket: Markdown, --format text for tools that
                                     show Markdown raw, --format json (default: the newest session)
  w365-triage watch [SESSION]        follow a running session live, read-only (newest by default;
                                     --wait: the next session this user starts)
  w365-triage --help | --version

Options for run:
  --flow FILE            a flow file instead of the shipped one
  --flows DIR            offer the *.yaml flows of DIR next to the shipped one in a first
                         "What is the problem?" menu (default: the settings' flowsDir;
                         --flow wins); invalid flows are listed with their first finding
  --lang ja|en           language (default: from LANG/LC_ALL: ja_* → ja, else en)
  --plain                line mode: numbered prompts, one answer per line (also when stdin or
                         stdout is not a terminal, or when ACCESSIBLE is set)
  --answers ID,ID,...    pre-answer (choice ids or 1-based numbers; ack:ITEM for each backup
                         item you have really done)
  --fact NAME=VALUE      give a fact about the machine being triaged (repeatable), e.g.
                         --fact os.product="Windows 11" --fact os.build=26100.7623
  --facts FILE.json      facts from a JSON file, e.g. {"os.product": "Windows 11",
                         "os.build": "26100.7623"}; --fact overrides it
  --no-detect            do not detect this computer's Windows version and updates
  --json                 print the final state (path, facts, outcome) as one JSON object on
                         stdout; the transcript goes to stderr
  --as-of YYYY-MM-DD     show the flow as on that day (review-by warnings)
  --log-dir DIR          where session logs go (default: the settings' logDir, else
                         the app's data folder, sessions/)
  --resume [SESSION]     continue a session from its last step (default: the newest
                         unfinished one); refused if the flow changed since
  --replay SESSION       walk a session's answers again, for review (stops at a backup
                         gate with exit code 3: a replay never confirms one)
  --at NODE              begin at this step (by its id) instead of the first, e.g. to preview
                         it or to follow a caller; refused for a destructive step or one
                         after a backup gate (begin at the gate instead)

Options for sessions, export and watch:
  --log-dir DIR          where the session logs are
  --lang ja|en           language of the output (export, watch: default the session's)
  --format md|text|json  export format (default: md; times in local time with the zone)
  --redact               export with user and host names and IP addresses replaced
  --wait                 watch: wait for the next session this user starts, then follow it
  --stats                sessions: outcomes per flow version, where people stopped,
                         time per step (local logs only; nothing is sent anywhere)
  SESSION                a session id (or its start) or the path of its .jsonl file

Options for graph:
  --flow FILE            the flow to draw (default: the shipped flow)
  --format mermaid|dot   diagram format (default: mermaid)
  --focus NODE           only NODE and the nodes next to it (before and after)
  --lang ja|en           language of the labels

Examples:
  w365-triage
  w365-triage --plain --lang en
  w365-triage --answers auth-failure --fact os.product="Windows 11" --fact os.build=26100.7623 --json
  w365-triage export 20261125-091500 --format md > ticket.md
  w365-triage watch --lang en
  w365-triage validate flows/*.yaml
  w365-triage graph --format dot | dot -Tsvg > flow.svg

Exit codes: 0 done, 1 invalid flow or runtime error, 2 usage error, 3 a person must confirm a
backup gate, 130 interrupted or unfinished.
`;
