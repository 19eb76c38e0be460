/** Reads the recorded-format probe outputs in test/fixtures/facts (see its README). */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {OsInfo} from '../../source/detect/load-systeminformation.js';

export const MACHINES = [
	'win11-24h2',
	'win11-25h2',
	'win11-23h2',
	'win10-22h2',
	'server-2025',
] as const;
export type Machine = (typeof MACHINES)[number];

export const fixturePath = (name: string) =>
	fileURLToPath(new URL(`../fixtures/facts/${name}`, import.meta.url));
export const fixture = (name: string) => readFileSync(fixturePath(name), 'utf8');

export const regQuery = (machine: Machine) => fixture(`reg-query-${machine}.txt`);
export const getHotfix = (machine: Machine) => fixture(`get-hotfix-${machine}.txt`);
export const osInfo = (machine: Machine) => JSON.parse(fixture(`osinfo-${machine}.json`)) as OsInfo;
