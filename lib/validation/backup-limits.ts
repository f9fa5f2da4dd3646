/*
 * The restore's size limits, shared by the server and the restore form. zod-free on purpose (see
 * settings-limits.ts): the form is a client component.
 */

/** The largest backup file a restore reads, as uploaded (gzip-compressed or not). */
export const BACKUP_MAX_BYTES = 100 * 1024 * 1024;
/** The most a compressed backup may unpack to: past it the file is refused before it is parsed. */
export const BACKUP_MAX_UNPACKED_BYTES = 512 * 1024 * 1024;
