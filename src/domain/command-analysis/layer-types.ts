/** The languages a layer of a command line is read in. `script`: VBScript/JScript/Perl/Ruby bodies, read as text. */
export type Shell = 'cmd' | 'powershell' | 'sh' | 'python' | 'php' | 'script';

export const LAYER_SEPARATOR = ' › ';
