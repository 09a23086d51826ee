import './style.css';
import * as api from './api';
import { drawBars, drawDonut, drawTimeseries } from './charts';
import { count, instant, minute, money, percent } from './format';
import { lang, setLang, t, type MessageKey } from './i18n';

interface Filters {
  period: string;
  pays: string;
  segment: string;
  categorie: string;
  granularity: string;
}

const state = {
  session: null as api.SessionResponse | null,
  filters: { period: '7d', pays: '', segment: '', categorie: '', granularity: 'hour' } as Filters,
  sort: 'chiffre_affaires',
  order: 'desc',
  generation: -1,
  health: null as api.HealthResponse | null,
  events: null as EventSource | null,
  pollTimer: 0,
  loading: false,
  reloadQueued: false,
  live: 'idle' as 'idle' | 'live' | 'polling' | 'stopped',
};

const app = document.getElementById('app')!;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function $(id: string): HTMLElement {
  return document.getElementById(id)!;
}

function separators(): string {
  return lang() === 'fr' ? ', ' : '.,';
}

function filterParams(): Record<string, string> {
  const p: Record<string, string> = { period: state.filters.period };
  if (state.filters.pays) p.pays = state.filters.pays;
  if (state.filters.segment) p.segment = state.filters.segment;
  if (state.filters.categorie) p.categorie = state.filters.categorie;
  return p;
}

// ---- layout -------------------------------------------------------------------------------

function renderShell(): void {
  document.title = `salesflow — ${t('title')}`;
  app.innerHTML = `
  <header class="topbar">
    <div class="brand">
      <div class="logo">sf</div>
      <div><h1>${t('title')}</h1><p class="subtitle">${t('subtitle')}</p></div>
    </div>
    <div class="top-actions">
      <span id="demo-badge" class="badge demo" hidden>${t('demo')}</span>
      <span id="live" class="live" data-testid="live-status"></span>
      <div class="lang" role="group" aria-label="Langue / Language">
        <button id="lang-fr" data-testid="lang-fr" class="${lang() === 'fr' ? 'on' : ''}">FR</button>
        <button id="lang-en" data-testid="lang-en" class="${lang() === 'en' ? 'on' : ''}">EN</button>
      </div>
      <button id="logout" class="ghost" data-testid="logout" hidden>${t('logout')}</button>
    </div>
  </header>
  <main id="content"></main>`;
  $('lang-fr').onclick = () => switchLang('fr');
  $('lang-en').onclick = () => switchLang('en');
  $('logout').onclick = async () => {
    if (state.session?.csrf_token) await api.logout(state.session.csrf_token);
    closeEvents();
    await start();
  };
  updateLive();
}

function switchLang(l: 'fr' | 'en'): void {
  setLang(l);
  void start();
}

function renderLogin(error = '', user = ''): void {
  $('content').innerHTML = `
  <section class="login card">
    <h2>${t('login_title')}</h2>
    <form id="login-form">
      <label>${t('login_user')}<input name="user" data-testid="login-user" autocomplete="username" value="${esc(user)}" required /></label>
      <label>${t('login_password')}<input name="password" type="password" data-testid="login-password" autocomplete="current-password" required /></label>
      <p class="error" data-testid="login-error">${esc(error)}</p>
      <button type="submit" data-testid="login-submit">${t('login_submit')}</button>
    </form>
  </section>`;
  ($('login-form') as HTMLFormElement).onsubmit = async (ev) => {
    ev.preventDefault();
    const form = new FormData(ev.target as HTMLFormElement);
    try {
      await api.login(String(form.get('user')), String(form.get('password')));
      await start();
    } catch (e) {
      const err = e as api.ApiError;
      renderLogin(err.status === 429 ? t('login_throttled') : t('login_failed'), String(form.get('user')));
      document.querySelector<HTMLInputElement>('[data-testid="login-password"]')?.focus();
    }
  };
}

function option(value: string, label: string, selected: string): string {
  return `<option value="${esc(value)}"${value === selected ? ' selected' : ''}>${esc(label)}</option>`;
}

function renderDashboard(): void {
  const f = state.filters;
  const dims = state.health?.dimensions ?? { pays: [], segment: [], categorie: [] };
  const select = (id: string, key: keyof Filters, label: MessageKey, values: string[]) => `
    <label>${t(label)}<select id="${id}" data-testid="filter-${key}">
      ${option('', t('all'), f[key])}${[...values].sort().map((v) => option(v, v, f[key])).join('')}
    </select></label>`;
  $('content').innerHTML = `
  <div id="banner" class="banner" hidden></div>
  <section class="filters card">
    <label>${t('period')}<select id="f-period" data-testid="filter-period">
      ${['all', '1h', '24h', '7d', '30d'].map((p) => option(p, t(`period_${p}` as MessageKey), f.period)).join('')}
    </select></label>
    ${select('f-pays', 'pays', 'country', dims.pays)}
    ${select('f-segment', 'segment', 'segment', dims.segment)}
    ${select('f-categorie', 'categorie', 'category', dims.categorie)}
    <div class="period-text" id="period-text"></div>
  </section>
  <section class="kpis">
    ${kpiCard('revenue', 'kpi_revenue')}${kpiCard('sales', 'kpi_sales')}${kpiCard('basket', 'kpi_basket')}${kpiCard('top', 'kpi_top_client')}
  </section>
  <section class="card chart-card wide">
    <div class="card-head"><h3>${t('chart_time')}</h3>
      <label class="inline">${t('granularity')}<select id="f-granularity" data-testid="filter-granularity">
        ${['minute', 'hour', 'day'].map((g) => option(g, t(g as MessageKey), f.granularity)).join('')}
      </select></label></div>
    <div id="chart-time" class="chart" data-testid="chart-time"></div>
  </section>
  <section class="grid2">
    <div class="card chart-card"><h3>${t('chart_products')}</h3><div id="chart-products" class="chart" data-testid="chart-products"></div></div>
    <div class="card chart-card"><h3>${t('chart_categories')}</h3><div id="chart-categories" class="chart" data-testid="chart-categories"></div></div>
    <div class="card chart-card"><h3>${t('chart_countries')}</h3><div id="chart-countries" class="chart" data-testid="chart-countries"></div></div>
    <div class="card chart-card"><h3>${t('chart_segments')}</h3><div id="chart-segments" class="chart" data-testid="chart-segments"></div></div>
  </section>
  <section class="card">
    <div class="card-head"><h3>${t('clients_title')}</h3><span class="note" id="clients-note"></span></div>
    <div class="table-wrap"><table id="clients" data-testid="clients-table"></table></div>
  </section>
  <section class="card"><h3>${t('alerts_title')}</h3><ul id="alerts" class="alerts" data-testid="alerts"></ul></section>
  <footer class="foot" id="foot"></footer>`;
  const bind = (id: string, key: keyof Filters) => {
    ($(id) as HTMLSelectElement).onchange = (ev) => {
      state.filters[key] = (ev.target as HTMLSelectElement).value;
      void loadAll();
    };
  };
  bind('f-period', 'period');
  bind('f-pays', 'pays');
  bind('f-segment', 'segment');
  bind('f-categorie', 'categorie');
  bind('f-granularity', 'granularity');
}

function kpiCard(id: string, label: MessageKey): string {
  return `<div class="card kpi" data-testid="kpi-${id}">
    <div class="kpi-label">${t(label)}</div>
    <div class="kpi-value" id="kpi-${id}" data-testid="kpi-${id}-value">—</div>
    <div class="kpi-change" id="kpi-${id}-change" data-testid="kpi-${id}-change"></div>
  </div>`;
}

// ---- data ---------------------------------------------------------------------------------

function showBanner(text: string, kind: 'error' | 'info'): void {
  const b = document.getElementById('banner');
  if (!b) return;
  b.hidden = !text;
  b.className = `banner ${kind}`;
  b.textContent = text;
  b.dataset.testid = 'banner';
}

function change(el: HTMLElement, k: api.Kpi<string | number>): void {
  if (k.change_pct === null) {
    el.className = 'kpi-change neutral';
    el.textContent = k.previous === null ? t('no_previous') : `— ${t('vs_previous')}`;
    return;
  }
  const up = k.change_pct > 0;
  const flat = k.change_pct === 0;
  el.className = `kpi-change ${flat ? 'neutral' : up ? 'up' : 'down'}`;
  el.textContent = `${flat ? '■' : up ? '▲' : '▼'} ${percent(k.change_pct)} ${t('vs_previous')}`;
}

function renderKpis(r: api.KpisResponse): void {
  const k = r.kpis;
  $('kpi-revenue').textContent = money(k.chiffre_affaires.value);
  change($('kpi-revenue-change'), k.chiffre_affaires);
  $('kpi-sales').textContent = count(k.nb_ventes.value);
  change($('kpi-sales-change'), k.nb_ventes);
  $('kpi-basket').textContent = money(k.panier_moyen.value);
  change($('kpi-basket-change'), k.panier_moyen);
  const top = $('kpi-top');
  const topChange = $('kpi-top-change');
  if (k.top_client) {
    top.textContent = k.top_client.client_nom;
    topChange.className = 'kpi-change neutral';
    topChange.textContent = `${money(k.top_client.chiffre_affaires)} · ${count(k.top_client.nb_ventes)} ${t('sales_word')}`;
  } else {
    top.textContent = '—';
    topChange.textContent = t('no_data');
  }
  $('period-text').textContent = state.health?.data_end
    ? `${minute(r.period.from)} → ${minute(r.period.to)}`
    : '';
}

function renderClients(r: api.ClientsResponse): void {
  const cols: Array<[string, MessageKey, boolean]> = [
    ['client_nom', 'col_client', true],
    ['pays', 'col_country', false],
    ['segment', 'col_segment', false],
    ['fidelite', 'col_tier', false],
    ['chiffre_affaires', 'col_revenue', true],
    ['nb_ventes', 'col_sales', true],
    ['panier_moyen', 'col_basket', true],
    ['total_depense', 'col_total', true],
    ['dernier_achat', 'col_last', true],
    ['risque_churn', 'col_churn', false],
  ];
  const head = cols
    .map(([key, label, sortable]) => {
      const active = state.sort === key;
      const arrow = active ? (state.order === 'desc' ? ' ▼' : ' ▲') : '';
      return sortable
        ? `<th class="sortable${active ? ' active' : ''}" data-sort="${key}" data-testid="sort-${key}">${t(label)}${arrow}</th>`
        : `<th>${t(label)}</th>`;
    })
    .join('');
  const body = r.rows.length
    ? r.rows
        .map(
          (c) => `<tr data-testid="client-row">
      <td><div class="client">${esc(c.client_nom)}</div><div class="muted">${esc(c.client_id)}</div></td>
      <td>${esc(c.pays)}</td><td>${esc(c.segment)}</td>
      <td><span class="tier tier-${esc(c.fidelite || 'none')}">${esc(c.fidelite || '—')}</span></td>
      <td class="num">${money(c.chiffre_affaires)}</td><td class="num">${count(c.nb_ventes)}</td>
      <td class="num">${money(c.panier_moyen)}</td><td class="num">${money(c.total_depense)}</td>
      <td>${c.dernier_achat ? instant(c.dernier_achat, r.time_zone) : '—'}</td>
      <td>${c.risque_churn ? `<span class="churn">${t('yes')}</span>` : t('no')}</td></tr>`,
        )
        .join('')
    : `<tr><td colspan="${cols.length}" class="empty-row">${t('no_data_filters')}</td></tr>`;
  const table = $('clients');
  table.innerHTML = `<thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
  table.querySelectorAll<HTMLElement>('th.sortable').forEach((th) => {
    th.onclick = () => {
      const key = th.dataset.sort!;
      state.order = state.sort === key && state.order === 'desc' ? 'asc' : 'desc';
      if (state.sort !== key) state.order = key === 'client_nom' ? 'asc' : 'desc';
      state.sort = key;
      void loadClients();
    };
  });
  const note = r.ignored_filters.includes('categorie') ? ` — ${t('clients_ignores_category')}` : '';
  $('clients-note').textContent = `${t('clients_note')} (${r.first_day} → ${r.last_day})${note}`;
}

function renderAlerts(r: api.AlertsResponse): void {
  const ul = $('alerts');
  if (r.alerts.length === 0) {
    ul.innerHTML = `<li class="muted">${t('no_alerts')}</li>`;
    return;
  }
  ul.innerHTML = r.alerts
    .slice(0, 20)
    .map(
      (a) => `<li class="alert"><div><strong>${t(`alert_${a.rule}` as MessageKey)}</strong></div>
      <div class="muted">${minute(a.minute)} · ${money(a.chiffre_affaires)} (${money(a.reference)})</div></li>`,
    )
    .join('');
}

async function loadClients(): Promise<void> {
  const r = await api.get<api.ClientsResponse>('clients', { ...filterParams(), sort: state.sort, order: state.order, limit: '10' });
  renderClients(r);
}

async function loadAll(): Promise<void> {
  if (state.loading) {
    state.reloadQueued = true;
    return;
  }
  state.loading = true;
  try {
    const health = await api.get<api.HealthResponse>('health');
    const dimsChanged = JSON.stringify(health.dimensions) !== JSON.stringify(state.health?.dimensions);
    state.health = health;
    if (dimsChanged || !document.getElementById('kpi-revenue')) renderDashboard();
    ($('demo-badge') as HTMLElement).hidden = !health.demo;
    if (health.state === 'waiting') {
      showBanner(t('waiting'), 'info');
    } else if (health.state === 'failed') {
      showBanner(`${t('failed')} ${health.message}`, 'error');
    } else {
      showBanner('', 'info');
    }
    const p = filterParams();
    const [kpis, ts, products, categories, countries, segments, alerts] = await Promise.all([
      api.get<api.KpisResponse>('kpis', p),
      api.get<api.TimeseriesResponse>('timeseries', { ...p, granularity: state.filters.granularity }),
      api.get<api.BreakdownResponse>('products', p),
      api.get<api.BreakdownResponse>('categories', p),
      api.get<api.BreakdownResponse>('countries', p),
      api.get<api.BreakdownResponse>('segments', p),
      api.get<api.AlertsResponse>('alerts', p),
    ]);
    renderKpis(kpis);
    const sep = separators();
    // "No data" when the tables are empty, "no data for these filters" when filters emptied them.
    const none = t(health.data_end ? 'no_data_filters' : 'no_data');
    drawTimeseries($('chart-time'), ts, sep, none);
    drawBars($('chart-products'), products, sep, true, none);
    drawDonut($('chart-categories'), categories, sep, none);
    drawBars($('chart-countries'), countries, sep, false, none);
    drawDonut($('chart-segments'), segments, sep, none);
    renderAlerts(alerts);
    await loadClients();
    state.generation = kpis.generation;
    document.body.dataset.generation = String(kpis.generation);
    $('foot').textContent = `${t('updated')} ${new Date().toLocaleTimeString(lang() === 'fr' ? 'fr-FR' : 'en-GB')} · ${t('version')} ${health.versions.bronze} · ${health.time_zone}`;
  } catch (e) {
    const err = e as api.ApiError;
    if (err.status === 401) {
      closeEvents();
      renderLogin();
      return;
    }
    showBanner(`${t('load_error')} ${err.message}`, 'error');
  } finally {
    state.loading = false;
    if (state.reloadQueued) {
      state.reloadQueued = false;
      void loadAll();
    }
  }
}

// ---- live updates -------------------------------------------------------------------------

function updateLive(): void {
  const el = document.getElementById('live');
  if (!el) return;
  el.hidden = state.live === 'idle';
  el.className = `live ${state.live}`;
  el.dataset.state = state.live;
  el.textContent = state.live === 'live' ? t('live') : state.live === 'polling' ? t('polling') : t('stopped');
}

function closeEvents(): void {
  state.live = 'idle';
  updateLive();
  state.events?.close();
  state.events = null;
  window.clearInterval(state.pollTimer);
  state.pollTimer = 0;
}

function openEvents(): void {
  closeEvents();
  const es = new EventSource('/api/v1/events');
  state.events = es;
  es.addEventListener('open', () => {
    state.live = 'live';
    updateLive();
  });
  es.addEventListener('version', (ev) => {
    state.live = 'live';
    updateLive();
    const data = JSON.parse((ev as MessageEvent).data) as { generation: number };
    if (data.generation !== state.generation) void loadAll();
  });
  es.addEventListener('error', () => {
    // The browser retries by itself; the server may also have refused (too many streams):
    // poll meanwhile so figures keep moving.
    state.live = 'stopped';
    updateLive();
    if (!state.pollTimer) {
      state.pollTimer = window.setInterval(() => {
        if (state.events?.readyState === EventSource.OPEN) return;
        if (state.events?.readyState === EventSource.CLOSED) {
          state.live = 'polling';
          updateLive();
        }
        void loadAll();
      }, 5000);
    }
  });
}

async function start(): Promise<void> {
  renderShell();
  try {
    state.session = await api.session();
  } catch (e) {
    $('content').innerHTML = `<div class="banner error">${t('load_error')} ${esc((e as Error).message)}</div>`;
    return;
  }
  const s = state.session;
  ($('logout') as HTMLElement).hidden = !(s.auth_required && s.authenticated);
  if (s.auth_required && !s.authenticated) {
    renderLogin();
    return;
  }
  state.health = null;
  state.generation = -1;
  await loadAll();
  if (!s.auth_required) {
    const foot = document.getElementById('foot');
    if (foot) foot.dataset.open = t('open_mode');
  }
  openEvents();
}

document.documentElement.lang = lang();
void start();
