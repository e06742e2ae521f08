/**
 * Undo and redo over immutable versions of a document. A run of edits of the same kind close together
 * in time (typing a title, nudging a size) is one step, as in the editors people know.
 */
export class History<T> {
  #past: T[] = [];
  #future: T[] = [];
  #last = { kind: '', at: 0 };

  constructor(
    private readonly limit = 100,
    private readonly mergeMs = 1000,
  ) {}

  get undoDepth(): number {
    return this.#past.length;
  }

  get redoDepth(): number {
    return this.#future.length;
  }

  /** Records `before`, the version an edit of `kind` is about to replace. */
  record(before: T, kind: string, now = Date.now()): void {
    if (kind !== this.#last.kind || now - this.#last.at > this.mergeMs || this.#past.length === 0) {
      this.#past.push(before);
      if (this.#past.length > this.limit) this.#past.shift();
    }
    this.#last = { kind, at: now };
    this.#future = [];
  }

  /** The version to go back to from `current`, if any. */
  undo(current: T): T | undefined {
    return this.#step(this.#past, this.#future, current);
  }

  redo(current: T): T | undefined {
    return this.#step(this.#future, this.#past, current);
  }

  clear(): void {
    this.#past = [];
    this.#future = [];
    this.#last = { kind: '', at: 0 };
  }

  #step(from: T[], to: T[], current: T): T | undefined {
    const version = from.pop();
    if (version === undefined) return undefined;
    to.push(current);
    this.#last = { kind: '', at: 0 };
    return version;
  }
}
