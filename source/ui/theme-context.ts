import {createContext, useContext} from 'react';
import {type TextStyle, tint} from './text-styles.js';

/** Whether colour may be used (colorAllowed in terminal-screen.ts). */
export const ColorContext = createContext(true);

/** A style as it is drawn here: without its colour when colours are off. */
export function useTextStyle(): (style: TextStyle) => TextStyle {
	const enabled = useContext(ColorContext);
	return (style) => tint(style, enabled);
}
