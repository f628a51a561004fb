/**
 * briefing-lsp both pushes diagnostics (textDocument/publishDiagnostics: debounced, re-sent when
 * settings or briefing.toml change) and answers pulls (textDocument/diagnostic, also for the
 * whole workspace). vscode-languageclient keeps the two models in separate diagnostic collections
 * by default, so every finding of an open briefing would show twice in the Problems view. This
 * provider hands both models one collection: each report replaces the document's entry, whichever
 * model it came from.
 *
 * Generic over the collection type so the unit tests run without `vscode`.
 */
export interface Disposable {
  dispose(): void;
}

export class SharedCollectionProvider<C extends Disposable> {
  private collection: C | undefined;
  private users = 0;

  constructor(private readonly factory: (name: string | undefined) => C) {}

  create(name: string | undefined): C {
    if (!this.collection) {
      this.collection = this.factory(name);
    }
    this.users += 1;
    return this.collection;
  }

  dispose(collection: C): void {
    if (collection !== this.collection) {
      collection.dispose();
      return;
    }
    this.users -= 1;
    if (this.users <= 0) {
      this.users = 0;
      this.collection = undefined;
      collection.dispose();
    }
  }
}
