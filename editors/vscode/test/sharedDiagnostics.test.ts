import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SharedCollectionProvider } from '../src/sharedDiagnostics';

class FakeCollection {
  disposed = false;
  constructor(readonly name: string | undefined) {}
  dispose(): void {
    this.disposed = true;
  }
}

describe('one diagnostic collection for pushed and pulled diagnostics', () => {
  it('gives the push and the pull model the same collection', () => {
    const created: FakeCollection[] = [];
    const provider = new SharedCollectionProvider((name) => {
      const c = new FakeCollection(name);
      created.push(c);
      return c;
    });
    const push = provider.create('briefing');
    const pull = provider.create('briefing');
    assert.equal(push, pull);
    assert.equal(created.length, 1);
  });

  it('disposes it when both models released it, and makes a new one after', () => {
    const provider = new SharedCollectionProvider((name) => new FakeCollection(name));
    const first = provider.create('briefing');
    provider.create('briefing');
    provider.dispose(first);
    assert.equal(first.disposed, false, 'still used by the other model');
    provider.dispose(first);
    assert.equal(first.disposed, true);
    const second = provider.create('briefing');
    assert.notEqual(second, first);
  });
});
