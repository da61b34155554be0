/** Where each line of a text starts: the line of an offset, without holding on to the text. */
export class LineStarts {
	protected readonly starts: number[] = [0];

	constructor(text: string) {
		// Most texts break lines with `\n` alone: the search for it runs in native code.
		if (!text.includes('\r')) {
			for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
			return;
		}
		for (let i = 0; i < text.length; i++) {
			const ch = text.charCodeAt(i);
			if (ch === 13 /* \r */) {
				if (text.charCodeAt(i + 1) === 10) i++;
				this.starts.push(i + 1);
			} else if (ch === 10 /* \n */) {
				this.starts.push(i + 1);
			}
		}
	}

	get lineCount(): number {
		return this.starts.length;
	}

	/** 0-based line of an offset. */
	lineOf(offset: number): number {
		let low = 0;
		let high = this.starts.length - 1;
		while (low < high) {
			const mid = (low + high + 1) >> 1;
			if (this.starts[mid] <= offset) low = mid;
			else high = mid - 1;
		}
		return low;
	}
}

/** Line arithmetic over a text, with UTF-16 offsets and 0-based lines as in LSP. */
export class LineMap extends LineStarts {
	constructor(readonly text: string) {
		super(text);
	}

	position(offset: number): { line: number; character: number } {
		const line = this.lineOf(offset);
		return { line, character: offset - this.starts[line] };
	}

	/** Offset of the first character of a line. */
	lineStart(line: number): number {
		return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
	}

	/** The text's line break: `\r\n` when its first line ends so, else `\n`. */
	get eol(): string {
		const first = this.text.indexOf('\n');
		return first > 0 && this.text.charCodeAt(first - 1) === 13 ? '\r\n' : '\n';
	}

	/** Offset just after the last character of a line, before its line break. */
	lineEnd(line: number): number {
		const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
		let end = next;
		while (end > this.starts[line] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
		return end;
	}
}

/** Characters a terminal acts on instead of showing: C0 controls, DEL, C1 controls, line and paragraph separators, bidirectional overrides and isolates. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text for a terminal: each control character shown as its escape (`\n`, `\u001b`), so a file name
 * or a value read from a file can neither break a line nor send the terminal a command.
 */
export function printable(text: string): string {
	return text.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
