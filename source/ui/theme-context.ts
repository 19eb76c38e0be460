import {createContext, useContext} from 'react';

/** Whether colour may be used: NO_COLOR (no-color.org) and TERM=dumb turn it off. Meaning never
 * depends on colour alone: selection and state are also marked by symbols. */
export const ColorContext = createContext(true);

export function useColor(): (color: string) => string | undefined {
	const enabled = useContext(ColorContext);
	return (color) => (enabled ? color : undefined);
}

export function colorAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
	return !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
}
