/** How the editor and the server lay out what they write into zoho-credits.json (jsonc-parser edits): tabs, like the file Select Edition creates. */
export const TEAM_CONFIG_FORMATTING = { formattingOptions: { insertSpaces: false, tabSize: 4, eol: '\n' } } as const;
