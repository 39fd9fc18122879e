// Every signed-in page: starts the service worker (sw.js), keeps the alliance's capture pages on the device, says
// how many entries are waiting to send, and asks for them to be sent whenever the page is open with a signal.
(() => {
  if (!('serviceWorker' in navigator) || !('indexedDB' in window)) return;
  const waiting = document.getElementById('waiting');
  const ask = message => navigator.serviceWorker.ready.then(registration => registration.active?.postMessage(message));

  navigator.serviceWorker.register('/sw.js');
  if (waiting) ask({ keep: { alliance: waiting.dataset.alliance, owner: waiting.dataset.owner } });

  const show = async () => {
    if (!waiting) return;
    const entries = await Outbox.of(waiting.dataset.owner);
    const toSend = entries.filter(entry => entry.state === 'waiting').length;
    const toResolve = entries.length - toSend;
    waiting.hidden = entries.length === 0;
    const said = [toSend ? `Waiting to send (${toSend})` : null, toResolve ? `To resolve (${toResolve})` : null];
    waiting.querySelector('a').textContent = said.filter(Boolean).join(', ');
  };
  navigator.serviceWorker.addEventListener('message', event => {
    if (event.data === 'outbox-changed') show();
  });
  window.addEventListener('online', () => ask('send'));
  show();
  if (navigator.onLine) ask('send');

  // The form was kept on this device (sw.js answered it with no signal): say so where the person looks first.
  if (new URLSearchParams(location.search).has('kept')) {
    const said = document.createElement('div');
    said.className = 'confirmation';
    said.setAttribute('role', 'status');
    said.tabIndex = -1;
    said.innerHTML = '<p>Kept on this phone. It will be sent when there is a signal.</p>';
    document.getElementById('main').prepend(said);
    said.focus();
  }
})();
