/** Training: a document compiled to an engine program, and the training loop over it. Below the store. */
export { compile, Program, CompileError } from './compile';
export type { CompileOptions, ProgramParameter, ProgramFeed } from './compile';
