// The pages work without this script; it adds live task lists, auto-applied filters, bulk
// selection and the chart's article panel. Bundled by esbuild, served by the app.
import { createWorkspaceStore } from './store.js';

const store = createWorkspaceStore();

/** Filters apply as soon as one changes (the 筛选 button stays for keyboards and no-script). */
function filters() {
  const form = document.querySelector<HTMLFormElement>('form.filters[role="search"]');
  if (!form) return;
  for (const select of form.querySelectorAll('select')) {
    store.send({ type: 'filterChanged', name: select.name, value: select.value });
    select.addEventListener('change', () => store.send({ type: 'filterChanged', name: select.name, value: select.value }));
  }
  let shown = store.getSnapshot().context.filter;
  store.subscribe((s) => {
    if (s.context.filter === shown) return;
    shown = s.context.filter;
    const query = new URLSearchParams(Object.entries(s.context.filter).filter(([, v]) => v !== ''));
    const next = `${form.action}?${query}`;
    if (next !== location.href) location.assign(next);
  });
}

/** Checkboxes of a list feed the selection; the bulk button says how many and is off without one. */
function selection() {
  const boxes = [...document.querySelectorAll<HTMLInputElement>('input[data-select]')];
  const button = document.querySelector<HTMLButtonElement>('button[data-bulk]');
  const count = document.querySelector<HTMLElement>('[data-selection-count]');
  if (!button || boxes.length === 0) {
    if (button) button.disabled = true;
    return;
  }
  for (const box of boxes) box.addEventListener('change', () => store.send({ type: 'selected', id: box.value, on: box.checked }));
  const render = () => {
    const n = store.getSnapshot().context.selection.length;
    button.disabled = n === 0;
    if (count) count.textContent = n ? `已选 ${n} 个项目` : '请先勾选项目';
  };
  store.subscribe(render);
  render();
}

/** 待办 follows the server: pushed signatures (server-sent events) trigger a refresh of the table. */
function live() {
  const region = document.querySelector<HTMLElement>('[data-live]');
  if (!region || !('EventSource' in window)) return;
  store.send({ type: 'refreshed', signature: region.dataset.signature ?? '' });
  const source = new EventSource(`${region.dataset.live}${location.search}`);
  source.addEventListener('tasks', (e) => {
    const data = JSON.parse((e as MessageEvent<string>).data) as { signature: string; count: number };
    store.send({ type: 'pushed', signature: data.signature, count: data.count });
  });
  source.addEventListener('signed-out', () => {
    source.close();
    location.assign('/signin');
  });
  let refreshing = false;
  store.subscribe(async (s) => {
    const { latestSignature, shownSignature, liveCount } = s.context;
    if (!latestSignature || latestSignature === shownSignature || refreshing) return;
    refreshing = true;
    try {
      const html = await (await fetch(location.href, { credentials: 'same-origin' })).text();
      const fresh = new DOMParser().parseFromString(html, 'text/html');
      const next = fresh.querySelector('#task-table, .empty');
      const current = document.querySelector('#task-table, .empty');
      if (next && current) current.replaceWith(document.importNode(next, true));
      region.textContent = `待办已更新：共 ${liveCount ?? 0} 项（${new Date().toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}）`;
      store.send({ type: 'refreshed', signature: latestSignature });
    } finally {
      refreshing = false;
    }
  });
}

/** Selecting a state of the chart shows its title, description and the article's text. */
function chart() {
  const panel = document.getElementById('article-panel');
  if (!panel) return;
  const svg = document.querySelector<SVGSVGElement>('svg.chart');
  const wrap = svg?.closest<HTMLElement>('.chart-wrap');
  // A large chart opens scrolled to where the project is.
  const active = svg?.querySelector<SVGGraphicsElement>('a.state.is-active rect');
  if (wrap && active) {
    const box = active.getBBox();
    const scale = svg!.getBoundingClientRect().width / svg!.viewBox.baseVal.width;
    wrap.scrollLeft = Math.max(0, (box.x + box.width / 2 - svg!.viewBox.baseVal.x) * scale - wrap.clientWidth / 2);
    wrap.scrollTop = Math.max(0, (box.y + box.height / 2 - svg!.viewBox.baseVal.y) * scale - wrap.clientHeight / 2);
  }
  const fit = document.querySelector<HTMLButtonElement>('button[data-fit]');
  if (fit && svg) {
    fit.hidden = false;
    fit.addEventListener('click', () => {
      const on = svg.classList.toggle('fit');
      fit.textContent = on ? '按原尺寸显示' : '缩放到页面宽度';
      fit.setAttribute('aria-pressed', String(on));
    });
  }
  for (const el of document.querySelectorAll<SVGAElement>('svg.chart a.state')) {
    el.addEventListener('click', (e) => {
      e.preventDefault();
      store.send({ type: 'stateSelected', id: el.dataset.state ?? '' });
    });
  }
  store.subscribe((s) => {
    const id = s.context.selectedState;
    if (!id) return;
    for (const el of document.querySelectorAll('svg.chart a.state.is-selected')) el.classList.remove('is-selected');
    const el = document.querySelector<SVGAElement>(`svg.chart a.state[data-state="${CSS.escape(id)}"]`);
    if (!el) return;
    el.classList.add('is-selected');
    const articles = (el.dataset.articles ?? '').split(',').filter(Boolean);
    const texts = articles.map((n) => {
      const dt = document.getElementById(`art-${n}`);
      const dd = dt?.nextElementSibling;
      return dt && dd ? `${dt.textContent}\n${dd.textContent}` : '';
    });
    panel.textContent = [el.querySelector('title')?.textContent ?? '', ...texts.filter(Boolean)].join('\n\n');
  });
}

/** The header's unread count follows the server (server-sent events): a new notice shows without a reload. */
function unread() {
  const link = document.querySelector<HTMLElement>('[data-live-unread]');
  const badge = link?.querySelector<HTMLElement>('.badge.count');
  if (!link || !badge || !('EventSource' in window)) return;
  const source = new EventSource(link.dataset.liveUnread!);
  source.addEventListener('unread', (e) => {
    const { count } = JSON.parse((e as MessageEvent<string>).data) as { count: number };
    badge.textContent = String(count);
    badge.setAttribute('aria-label', `${count} 条未读`);
    badge.hidden = count === 0;
  });
  source.addEventListener('signed-out', () => source.close());
}

filters();
selection();
live();
chart();
unread();
