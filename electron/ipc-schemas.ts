import { z } from 'zod';
import { Channels } from './ipc-channels';

/** The largest document the app reads or writes (a graph of tens of thousands of nodes is far below this). */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;
/** The largest PNG export accepted, as a data URL. */
const MAX_PNG_DATA_URL = 96 * 1024 * 1024;

/** Whether `s` holds a control character (U+0000–U+001F, U+007F). */
export function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** A plain file name: no folders, no control characters, not `.` or `..`. */
const FileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\]/.test(s) && !hasControlCharacters(s) && s !== '.' && s !== '..', 'must be a plain file name');

/** An absolute path as the renderer echoes it back; main only uses it if the user chose it (see file-grants.ts). */
const EchoedPath = z.string().min(1).max(4096).refine((s) => !s.includes('\u0000'), 'must not contain NUL');

const SaveRequestSchema = z.strictObject({
  text: z.string().max(MAX_DOCUMENT_BYTES),
  suggestedName: FileName,
  path: EchoedPath.optional(),
});

/** Autosave ids name files in the data folder, so they are restricted to a safe alphabet. */
export const AutosaveId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _');

export const AutosaveEntrySchema = z.strictObject({
  id: AutosaveId,
  title: z.string().max(1024),
  path: EchoedPath.optional(),
  savedAt: z.iso.datetime({ offset: true }),
  text: z.string().max(MAX_DOCUMENT_BYTES),
});

const DocumentStateSchema = z.strictObject({
  title: z.string().max(1024),
  dirty: z.boolean(),
  path: EchoedPath.optional(),
});

/** The exported files the renderer may ask main to write (PyTorch scripts). */
const EXPORT_EXTENSIONS = /\.py$/i;

const PngDataUrl = z
  .string()
  .max(MAX_PNG_DATA_URL)
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'must be a base64 PNG data URL');

/** The argument list each renderer → main channel accepts, as a tuple: extra or missing arguments are refused. */
export const ArgSchemas = {
  [Channels.fileOpen]: z.tuple([]),
  [Channels.fileSave]: z.tuple([SaveRequestSchema]),
  [Channels.fileSaveAs]: z.tuple([SaveRequestSchema]),
  [Channels.fileExportPng]: z.tuple([PngDataUrl, FileName]),
  [Channels.fileExportText]: z.tuple([z.string().max(MAX_DOCUMENT_BYTES), FileName.refine((s) => EXPORT_EXTENSIONS.test(s), 'must end in .py')]),
  [Channels.autosaveWrite]: z.tuple([AutosaveEntrySchema]),
  [Channels.autosaveList]: z.tuple([]),
  [Channels.autosaveClear]: z.tuple([AutosaveId]),
  [Channels.dialogConfirm]: z.tuple([z.string().min(1).max(4000)]),
  [Channels.documentSetState]: z.tuple([DocumentStateSchema]),
} as const;

export type InboundChannel = keyof typeof ArgSchemas;
export type ArgsOf<C extends InboundChannel> = z.infer<(typeof ArgSchemas)[C]>;
