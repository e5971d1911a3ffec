/**
 * Identifiers the relay hands out: 21 letters and digits (~125 bits). No `-` or `_`, so an id
 * never starts with a dash that a command line would read as an option (`--workspace -abc`), and
 * a double-click selects it whole. Public site keys carry a prefix so they are recognisable in
 * snippets and support tickets.
 */
import { customAlphabet } from 'nanoid';

const alphanumeric = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 21);
const siteKeyBody = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 24);

export const newId = (): string => alphanumeric();
export const newSitePublicKey = (): string => `pk_${siteKeyBody()}`;
