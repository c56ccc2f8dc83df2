// The page's entry point: settings in the header, and the views (#board, #case/ID, #alerts,
// #charts) switched by the address's fragment so that the browser's back button works.
import { settings } from './common.js';
import { startBoard } from './board.js';
import { showCase } from './case.js';
import { followAlerts, startAlerts } from './alerts.js';
import { showCharts, startCharts } from './charts.js';

let alertsStarted = false;

function route() {
  const hash = location.hash || '#board';
  const [view, arg] = hash.slice(1).split('/');
  const name = ['board', 'case', 'alerts', 'charts'].includes(view) ? view : 'board';
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${name}`;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.id === `nav-${name}`) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  if (name === 'case') showCase(decodeURIComponent(arg || ''));
  if (name === 'alerts' && !alertsStarted) { alertsStarted = true; followAlerts(); }
  if (name === 'charts') showCharts();
  document.getElementById('main').focus({ preventScroll: true });
}

function setUpHeader() {
  const actor = document.getElementById('actor');
  actor.value = settings.actor;
  actor.addEventListener('change', () => { settings.actor = actor.value.trim() || 'discharge-hub'; });
  const token = document.getElementById('token');
  token.value = settings.token;
  token.addEventListener('change', () => { settings.token = token.value.trim(); });
  const large = document.getElementById('large-type');
  large.checked = localStorage.getItem('tf.wall') === '1' || new URLSearchParams(location.search).has('wall');
  document.documentElement.classList.toggle('wall', large.checked);
  large.addEventListener('change', () => {
    localStorage.setItem('tf.wall', large.checked ? '1' : '0');
    document.documentElement.classList.toggle('wall', large.checked);
  });
}

setUpHeader();
startBoard();
startAlerts();
startCharts();
window.addEventListener('hashchange', route);
route();
