/** Written into every file's `app` field. A test keeps the version equal to package.json's. */
export const APP_NAME = 'Sorix Studio';
export const APP_VERSION = '0.1.0';

/** The extension of the app's documents (the app, the CLI and the Electron host all use this one constant). */
export const FILE_EXTENSION = '.sorix.json';
