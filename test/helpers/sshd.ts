/**
 * A throwaway OpenSSH server on 127.0.0.1 for the SSH end-to-end test: its own host key, one
 * client key, public-key login only, everything (config, keys, pid file, log) in a temp dir.
 *
 * sshd insists on its privilege-separation directory, /run/sshd, which is fixed when OpenSSH is
 * built and which containers often lack (a service manager creates it at boot). Rather than
 * create it on the host, sshd then runs in a private mount namespace with a tmpfs over /run that
 * holds an empty /run/sshd: nothing outside the temp dir changes, and the mount dies with sshd.
 */
import {spawn, type ChildProcess, execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir, userInfo} from 'node:os';
import {join} from 'node:path';
import {descendants, killQuietly, waitUntilGone} from './processes.js';
import {shellQuote} from './tmux.js';

export const SSHD = '/usr/sbin/sshd';
const PRIVSEP_DIR = '/run/sshd';

export type Sshd = {
	port: number;
	/** The listening sshd: every connection, and everything run over it, descends from it. */
	pid: number;
	/** The temp dir holding keys, config, pid file and log. */
	dir: string;
	/** A shell command line that runs `remote` on this server over `ssh -tt`. */
	sshCommand: (remote: string) => string;
	/** sshd's own log (for a failure message). */
	log: () => string;
	/** Stops sshd and every process it started (connections, their shells); removes the temp dir. */
	stop: () => Promise<void>;
};

/** Why sshd cannot run here, or undefined when it can. */
export function sshUnavailable(): string | undefined {
	for (const program of [SSHD, '/usr/bin/ssh', '/usr/bin/ssh-keygen']) {
		if (!existsSync(program))
			return `${program} is not installed (apt-get install openssh-server openssh-client)`;
	}
	return undefined;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port')),
			);
		});
	});
}

export async function startSshd(): Promise<Sshd> {
	const dir = mkdtempSync(join(tmpdir(), 'w365-sshd-'));
	const file = (name: string) => join(dir, name);
	for (const key of ['host_key', 'client_key']) {
		execFileSync('ssh-keygen', [
			'-q',
			'-t',
			'ed25519',
			'-N',
			'',
			'-C',
			'w365-triage-test',
			'-f',
			file(key),
		]);
	}
	writeFileSync(file('authorized_keys'), readFileSync(file('client_key.pub')), {mode: 0o600});
	const user = userInfo().username;

	let lastError = '';
	// A port found free can be taken before sshd binds it; try a few.
	for (let attempt = 0; attempt < 3; attempt++) {
		const port = await freePort();
		writeFileSync(
			file('sshd_config'),
			[
				'ListenAddress 127.0.0.1',
				`Port ${port}`,
				`HostKey ${file('host_key')}`,
				`PidFile ${file('sshd.pid')}`,
				`AuthorizedKeysFile ${file('authorized_keys')}`,
				'AuthenticationMethods publickey',
				'PubkeyAuthentication yes',
				'PasswordAuthentication no',
				'KbdInteractiveAuthentication no',
				'UsePAM no',
				// Only the user running the test, and root only with a key (never a password).
				`AllowUsers ${user}`,
				...(user === 'root' ? ['PermitRootLogin prohibit-password'] : []),
				// The temp dir sits in /tmp, which is world-writable: the ownership checks would refuse it.
				'StrictModes no',
				'PermitUserEnvironment no',
				'X11Forwarding no',
				'AllowTcpForwarding no',
				'AllowAgentForwarding no',
				'PermitTunnel no',
				'PrintMotd no',
				'PrintLastLog no',
				'LogLevel VERBOSE',
				'',
			].join('\n'),
		);
		const args = ['-D', '-f', file('sshd_config'), '-E', file('sshd.log')];
		const child: ChildProcess = existsSync(PRIVSEP_DIR)
			? spawn(SSHD, args, {detached: true, stdio: 'ignore'})
			: spawn(
					'unshare',
					[
						'--mount',
						'--propagation',
						'private',
						'sh',
						'-c',
						`mount -t tmpfs -o mode=0755,size=1m w365-sshd /run && mkdir -m 0755 ${PRIVSEP_DIR} && exec ${SSHD} "$@"`,
						'sh',
						...args,
					],
					{detached: true, stdio: ['ignore', 'ignore', 'pipe']},
				);
		let stderr = '';
		child.stderr?.on('data', (chunk) => (stderr += chunk));
		let exited = false;
		child.on('exit', () => (exited = true));
		const log = () => (existsSync(file('sshd.log')) ? readFileSync(file('sshd.log'), 'utf8') : '');
		const deadline = Date.now() + 5000;
		while (!log().includes('Server listening') && !exited && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
		if (log().includes('Server listening') && !exited) {
			const pid = child.pid!;
			// If the test run itself dies before stop(), sshd must not outlive it.
			const onExit = () => killQuietly(pid, 'SIGKILL');
			process.once('exit', onExit);
			return {
				port,
				pid,
				dir,
				log,
				sshCommand: (remote) =>
					[
						'ssh',
						'-tt',
						// No user or system ssh_config, no known_hosts, no agent, no prompt that could hang.
						'-F',
						'/dev/null',
						'-i',
						file('client_key'),
						'-p',
						String(port),
						'-o',
						'StrictHostKeyChecking=no',
						'-o',
						'UserKnownHostsFile=/dev/null',
						'-o',
						'IdentitiesOnly=yes',
						'-o',
						'BatchMode=yes',
						'-o',
						'LogLevel=ERROR',
						'-o',
						'ConnectTimeout=5',
						`${user}@127.0.0.1`,
						remote,
					]
						.map(shellQuote)
						.join(' '),
				async stop() {
					process.off('exit', onExit);
					// Connections fork from the listener and their sessions call setsid(), so a process
					// group kill would miss them: find them by parent id first.
					const below = descendants(pid);
					killQuietly(pid, 'SIGTERM');
					for (const descendant of below) killQuietly(descendant, 'SIGKILL');
					await waitUntilGone(pid, 3000);
					killQuietly(pid, 'SIGKILL');
					rmSync(dir, {recursive: true, force: true});
				},
			};
		}
		killQuietly(child.pid!, 'SIGKILL');
		lastError = `${stderr.trim()}\n${log().trim()}`.trim();
		if (!/Address already in use|Bind to port/.test(lastError)) break;
	}
	rmSync(dir, {recursive: true, force: true});
	const privsep = existsSync(PRIVSEP_DIR)
		? ''
		: ` (${PRIVSEP_DIR}, which sshd requires, is missing here, and sshd was started in a private mount namespace with its own /run: that needs unshare and CAP_SYS_ADMIN)`;
	throw new Error(`sshd did not start on 127.0.0.1${privsep}: ${lastError || 'no output'}`);
}
