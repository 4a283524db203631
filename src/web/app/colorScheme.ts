import { localStorageColorSchemeManager } from '@mantine/core';

/**
 * Light, Dark or System ("auto", the default), remembered per browser. index.html reads the same key
 * in a script that runs before the console's code loads, so the first paint already has the scheme.
 */
export const COLOR_SCHEME_KEY = 'sofie-color-scheme';

export const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_KEY });
