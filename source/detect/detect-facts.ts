/**
 * Environment detection behind one interface, for every front end. It runs after the first frame
 * (the caller does not wait for it to draw), never throws, and can be cancelled: each probe that
 * fails, times out or is cancelled becomes one line in `problems`, and the facts it would have
 * given are simply absent, so the flow asks for them instead. Nothing here changes the machine.
 *
 * On Linux and macOS the app runs on an admin's box, triaging someone else's PC: the only facts
 * are where the app runs. The OS facts the flow routes on describe the machine being triaged, so
 * they come from --fact / --facts or from the flow's questions, never from the admin's own system
 * (which is also why nothing is spawned and systeminformation is not loaded there).
 */
import type {FactName} from '../flow/schema.js';
import {type Facts, parseFact} from '../facts/fact-values.js';
import {
	loadSystemInformation as loadDefault,
	type OsInfo,
	type SystemInformation,
} from './load-systeminformation.js';
import {normalizeProduct} from '../facts/normalize-product.js';
import {parseHotfixes} from './parse-hotfixes.js';
import {type CurrentVersion, parseRegQuery} from './parse-reg-query.js';
import {remoteSessionFrom} from './remote-session.js';
import {formatDuration, type ProbeRunner, runProbe as runDefault} from './run-probe.js';
import {BUILD_NOT_READ, CANCELLED, SYSTEM_INFORMATION_CONSEQUENCE} from './detection-words.js';
import {hotfixProbe, registryProbe} from './windows-probes.js';

export type DetectTimeouts = {registry: number; hotfixes: number; systemInformation: number};

/** reg.exe answers in well under a second; Get-HotFix goes through WMI and can take seconds. */
export const DEFAULT_TIMEOUTS: DetectTimeouts = {
	registry: 3000,
	hotfixes: 10_000,
	systemInformation: 10_000,
};

export type DetectOptions = {
	/** Abort when the user quits: probes are killed and detection resolves at once. */
	signal?: AbortSignal;
	platform?: NodeJS.Platform;
	env?: NodeJS.ProcessEnv;
	runProbe?: ProbeRunner;
	loadSystemInformation?: () => Promise<SystemInformation>;
	timeouts?: Partial<DetectTimeouts>;
};

export type Detection = {
	/** Every fact with origin "detected" and `via` naming its probe. */
	facts: Facts;
	/** One line per probe that did not deliver, e.g. "reg query timed out after 3 s: …". */
	problems: string[];
};

const SYSTEM_INFORMATION = 'systeminformation';
const HOTFIX_CONSEQUENCE = hotfixProbe({}).consequence;

export async function detectFacts(options: DetectOptions = {}): Promise<Detection> {
	try {
		return await detect(options);
	} catch (error) {
		// Only a bug gets here; the first frame and the flow must not suffer for it.
		return {facts: {}, problems: [`detection failed: ${oneLine(error)}`]};
	}
}

async function detect(options: DetectOptions): Promise<Detection> {
	const platform = options.platform ?? process.platform;
	const env = options.env ?? process.env;
	if (platform !== 'win32') return adminBox(platform);

	const {signal} = options;
	const timeouts = {...DEFAULT_TIMEOUTS, ...options.timeouts};
	const run = options.runProbe ?? runDefault;
	if (signal?.aborted) return {facts: windowsFacts({}).facts, problems: [CANCELLED]};

	// The probes start first; loading systeminformation is the slow part and runs meanwhile.
	const registry = run(registryProbe(env), {timeoutMs: timeouts.registry, signal});
	const hotfixes = run(hotfixProbe(env), {timeoutMs: timeouts.hotfixes, signal});
	const load = options.loadSystemInformation ?? loadDefault;
	const osInfo = settle(
		Promise.resolve().then(async () => (await load()).osInfo()),
		timeouts.systemInformation,
		signal,
	);

	const [registryResult, hotfixResult, osInfoResult] = await Promise.all([
		registry,
		hotfixes,
		osInfo,
	]);
	const problems: string[] = [];
	const inputs: WindowsInputs = {sessionName: env.SESSIONNAME};
	if (registryResult.ok) inputs.registry = parseRegQuery(registryResult.stdout);
	else problems.push(registryResult.problem);
	if (!hotfixResult.ok) problems.push(hotfixResult.problem);
	else {
		// Every Windows that can run this lists installed updates; none means PowerShell did not
		// really answer (a stub, a policy that empties its output), not "no updates".
		const hotfixes = parseHotfixes(hotfixResult.stdout);
		if (hotfixes.length > 0) inputs.hotfixes = hotfixes;
		else problems.push(`Get-HotFix listed no updates: ${HOTFIX_CONSEQUENCE}`);
	}
	if (osInfoResult.ok) inputs.osInfo = osInfoResult.value;
	else problems.push(osInfoResult.problem);

	const assembled = windowsFacts(inputs);
	if (signal?.aborted) return {facts: assembled.facts, problems: [CANCELLED]};
	return {facts: assembled.facts, problems: [...problems, ...assembled.problems]};
}

function adminBox(platform: NodeJS.Platform): Detection {
	const facts: Facts = {
		'app.role': {value: 'admin-box', origin: 'detected', via: 'process.platform'},
	};
	if (platform === 'linux' || platform === 'darwin') {
		facts['os.family'] = {value: platform, origin: 'detected', via: 'process.platform'};
	}
	return {facts, problems: []};
}

export type WindowsInputs = {
	registry?: CurrentVersion;
	hotfixes?: string[];
	osInfo?: OsInfo;
	sessionName?: string;
};

/** The facts of a Windows machine from what the probes read (pure: tests feed recorded output). */
export function windowsFacts({registry, hotfixes, osInfo, sessionName}: WindowsInputs): Detection {
	const facts: Facts = {};
	const problems: string[] = [];
	const put = (name: FactName, text: string, via: string) => {
		const parsed = parseFact(name, text);
		if (parsed.ok) facts[name] = {value: parsed.value, origin: 'detected', via};
		else problems.push(`${via} gave ${name} "${text}", which is not valid: ${name} was not set`);
	};

	put('os.family', 'windows', 'process.platform');

	const currentBuild = registry?.CurrentBuild ?? registry?.CurrentBuildNumber;
	if (currentBuild !== undefined && registry?.UBR !== undefined) {
		put('os.build', `${currentBuild}.${registry.UBR}`, 'reg query');
	} else if (registry) {
		problems.push(`reg query did not list CurrentBuild and UBR: ${BUILD_NOT_READ}`);
	}

	const product = productFact(registry, osInfo, currentBuild);
	if (product.value !== undefined) put('os.product', product.value, product.via);
	if (product.problem) problems.push(product.problem);

	if (registry?.DisplayVersion) put('os.version', registry.DisplayVersion, 'reg query');
	else if (osInfo?.codename && /^\d{2}H[12]$/i.test(osInfo.codename))
		put('os.version', osInfo.codename, SYSTEM_INFORMATION);

	if (hotfixes && hotfixes.length > 0) put('hotfixes', hotfixes.join(','), 'Get-HotFix');

	const remote = remoteSessionFrom(osInfo?.remoteSession, sessionName);
	if (remote) {
		put('os.remoteSession', String(remote.value), remote.via);
		put('app.role', remote.value ? 'session-host' : 'client', remote.via);
	}
	return {facts, problems};
}

function productFact(
	registry: CurrentVersion | undefined,
	osInfo: OsInfo | undefined,
	currentBuild: string | undefined,
): {value?: string; via: string; problem?: string} {
	if (registry?.ProductName) {
		const value = normalizeProduct(registry.ProductName, currentBuild);
		if (value === undefined) {
			return {
				via: 'reg query',
				problem: `reg query: ProductName "${registry.ProductName}" is not a Windows 10, 11 or Server product this app knows: os.product was not set`,
			};
		}
		// A client name on a server installation (or the reverse) means the name cannot be trusted.
		const installation = registry.InstallationType;
		if (installation && /^server/i.test(installation) !== /server/i.test(value)) {
			return {
				via: 'reg query',
				problem: `reg query: ProductName "${registry.ProductName}" does not match InstallationType "${installation}": os.product was not set`,
			};
		}
		return {value, via: 'reg query'};
	}
	if (osInfo?.distro) {
		const value = normalizeProduct(osInfo.distro, osInfo.build || currentBuild);
		if (value !== undefined) return {value, via: SYSTEM_INFORMATION};
	}
	return {via: 'reg query'};
}

type Settled<T> = {ok: true; value: T} | {ok: false; problem: string};

/**
 * systeminformation's own PowerShell children have no time limit and cannot be reached to kill,
 * so its answer is raced against a deadline and the abort signal instead.
 */
function settle<T>(
	work: Promise<T>,
	timeoutMs: number,
	signal: AbortSignal | undefined,
): Promise<Settled<T>> {
	return new Promise((resolve) => {
		const done = (result: Settled<T>) => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			resolve(result);
		};
		const onAbort = () =>
			done({
				ok: false,
				problem: `${SYSTEM_INFORMATION} was cancelled: ${SYSTEM_INFORMATION_CONSEQUENCE}`,
			});
		const timer = setTimeout(
			() =>
				done({
					ok: false,
					problem: `${SYSTEM_INFORMATION} timed out after ${formatDuration(timeoutMs)}: ${SYSTEM_INFORMATION_CONSEQUENCE}`,
				}),
			timeoutMs,
		);
		signal?.addEventListener('abort', onAbort, {once: true});
		work.then(
			(value) => done({ok: true, value}),
			(error: unknown) =>
				done({
					ok: false,
					problem: `${SYSTEM_INFORMATION} failed (${oneLine(error)}): ${SYSTEM_INFORMATION_CONSEQUENCE}`,
				}),
		);
	});
}

function oneLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split(/\r?\n/)[0]!.slice(0, 160);
}
