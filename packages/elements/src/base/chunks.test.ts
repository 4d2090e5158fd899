import { expect } from '@open-wc/testing';
import { ZdApiError } from '../client/errors.js';
import { loadChunk } from './chunks.js';

describe('loadChunk', () => {
  it('turns a chunk that is not there into a config error that names it and the fix, in the console too', async () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const missing = `${location.origin}/__zd/dist/cdn/chunks/not-deployed.js`;
      const error = await loadChunk('not-deployed', () => import(/* @vite-ignore */ missing)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(ZdApiError);
      expect((error as ZdApiError).kind).to.equal('config');
      expect((error as ZdApiError).message).to.match(
        /"not-deployed" chunk.*chunks\/ folder beside the bundle/,
      );
      expect(logged).to.have.length(1);
      expect(String(logged[0]?.[0])).to.contain('Zadarma Elements: could not load the "not-deployed" chunk');
    } finally {
      console.error = original;
    }
  });

  it('passes a chunk that loads through', async () => {
    const value = await loadChunk('here', () => Promise.resolve({ ok: 1 }));
    expect(value).to.deep.equal({ ok: 1 });
  });
});
