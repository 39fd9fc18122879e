// "On this device": the entries kept here, waiting to send or to resolve. A conflict shows both versions — the
// words on this device and the entry the journal already holds under the same id — and lets the person keep theirs
// as a new entry or drop it.
(() => {
  const list = document.getElementById('on-this-device');
  if (!list || !('indexedDB' in window)) return;
  const alliance = list.dataset.alliance;
  const kinds = { observation: 'What you noticed', story: 'Your story' };
  const element = (name, text, className) => {
    const made = document.createElement(name);
    if (text) made.textContent = text;
    if (className) made.className = className;
    return made;
  };
  const button = (words, action, className) => {
    const made = element('button', words, className);
    made.type = 'button';
    made.addEventListener('click', async () => {
      await action();
      navigator.serviceWorker?.ready.then(registration => registration.active?.postMessage('send'));
      draw();
    });
    return made;
  };
  const when = iso => new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });

  // The entry the journal holds under this id, as its own page shows it (only if this person may read it).
  const inTheJournal = async entry => {
    const page = `/alliances/${alliance}/${entry.kind === 'story' ? 'stories' : 'entries'}/${entry.id}`;
    try {
      const response = await fetch(page, { credentials: 'same-origin' });
      if (!response.ok) return null;
      const html = new DOMParser().parseFromString(await response.text(), 'text/html');
      return html.querySelector('.entry-text')?.textContent ?? null;
    } catch {
      return null;
    }
  };

  const show = async entry => {
    const item = element('li', null, `kept ${entry.state}`);
    item.append(element('h3', `${kinds[entry.kind]}, kept ${when(entry.keptAt)}`));
    if (entry.state === 'waiting') {
      item.append(element('p', 'Waiting to send.', 'hint'), element('p', entry.words, 'entry-text'));
      return item;
    }
    if (entry.state === 'conflict') {
      item.append(element('p', 'The journal already holds a different entry under this entry\'s reference, so yours was not saved. '
        + 'Compare the two, then keep yours as a new entry or drop it.'));
      const versions = element('dl', null, 'versions');
      const theirs = await inTheJournal(entry);
      versions.append(element('dt', 'On this device (yours)'), element('dd', entry.words, 'entry-text'),
        element('dt', 'Already in the journal'),
        element('dd', theirs ?? 'An entry you cannot read (someone else\'s, or no longer shared with you).', theirs ? 'entry-text' : 'hint'));
      item.append(versions, button('Keep mine as a new entry', () => Outbox.renew(entry)), ' ',
        button('Drop mine', () => Outbox.drop(entry.id), 'secondary'));
      return item;
    }
    item.append(element('p', 'The journal could not take this entry as it was (perhaps something it needs was left out). '
      + 'Copy the words into a new entry if you want to keep them, then drop this one.'), element('p', entry.words, 'entry-text'),
      button('Drop it', () => Outbox.drop(entry.id), 'secondary'));
    return item;
  };

  const draw = async () => {
    const entries = (await Outbox.of(list.dataset.owner)).sort((a, b) => a.keptAt.localeCompare(b.keptAt));
    if (entries.length === 0) {
      list.replaceChildren(element('p', 'Nothing is waiting: everything saved on this device is in the journal.'));
      return;
    }
    const items = element('ul', null, 'kept-entries');
    for (const entry of entries) items.append(await show(entry));
    list.replaceChildren(items);
  };

  navigator.serviceWorker?.addEventListener('message', event => {
    if (event.data === 'outbox-changed') draw();
  });
  draw();
})();
