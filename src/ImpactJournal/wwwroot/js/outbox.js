// The outbox on this device: entries made with no signal, kept in IndexedDB under the id they will have in the
// journal, until they are sent. Shared by the service worker (importScripts) and the pages (a plain script).
// Each entry: { id, kind: 'observation' | 'story', url, body (the form as posted), words, keptAt, owner (whose it is,
//               Web/Offline/DeviceOwner.cs), state: 'waiting' | 'conflict' | 'refused' }.
self.Outbox = (() => {
  const database = 'impactjournal-device';
  const store = 'outbox';

  const open = () => new Promise((resolve, reject) => {
    const request = indexedDB.open(database, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

  // One short transaction per call, closing the database after, so signing out can delete it at once.
  const run = async (mode, work) => {
    const db = await open();
    try {
      return await new Promise((resolve, reject) => {
        const transaction = db.transaction(store, mode);
        const request = work(transaction.objectStore(store));
        transaction.oncomplete = () => resolve(request?.result);
        transaction.onerror = () => reject(transaction.error);
      });
    } finally {
      db.close();
    }
  };

  const idOf = body => new URLSearchParams(body).get('Form.Id');
  const kindOf = url => (new URL(url, self.location.origin).pathname.endsWith('/stories/tell') ? 'story' : 'observation');
  const wordsOf = body => {
    const form = new URLSearchParams(body);
    return [form.get('Form.Title'), form.get('Form.Text') ?? form.get('Form.Narrative')].filter(Boolean).join(': ');
  };

  return {
    idOf,
    // Only the entries of the person signed in: someone else's stay on the device, unseen, until they sign in again.
    of: async owner => (await run('readonly', s => s.getAll())).filter(entry => entry.owner === owner),
    get: id => run('readonly', s => s.get(id)),
    // The same id kept twice (a double tap) stays one entry.
    keep: (url, body, owner) => run('readwrite', s => s.put({
      id: idOf(body), kind: kindOf(url), url, body, words: wordsOf(body), keptAt: new Date().toISOString(), owner, state: 'waiting'
    })),
    mark: (entry, state) => run('readwrite', s => s.put({ ...entry, state })),
    drop: id => run('readwrite', s => s.delete(id)),
    // "Keep mine as a new entry": the same words under a new id, waiting to be sent again.
    renew: entry => {
      const body = new URLSearchParams(entry.body);
      body.set('Form.Id', crypto.randomUUID());
      return run('readwrite', s => {
        s.delete(entry.id);
        return s.put({ ...entry, id: body.get('Form.Id'), body: body.toString(), state: 'waiting' });
      });
    }
  };
})();
