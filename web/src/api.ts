// Typed access to /api/v1. Money arrives as exact decimal strings ("3574.43"): kept as text
// for display and converted with Number() only to draw charts.

export interface Envelope {
  generation: number;
  state: 'ready' | 'waiting' | 'failed';
  demo: boolean;
  time_zone: string;
  versions: { bronze: number; silver: number; gold: number };
}

export interface Period {
  name: string;
  from: string;
  to: string;
  previous_from: string | null;
  previous_to: string | null;
}

export interface Kpi<T> {
  value: T;
  previous: T | null;
  change_pct: number | null;
}

export interface TopClient {
  client_id: string;
  client_nom: string;
  chiffre_affaires: string;
  nb_ventes: number;
}

export interface KpisResponse extends Envelope {
  period: Period;
  kpis: {
    chiffre_affaires: Kpi<string>;
    nb_ventes: Kpi<number>;
    quantite: Kpi<number>;
    panier_moyen: Kpi<string>;
    top_client: TopClient | null;
    previous_top_client: TopClient | null;
  };
}

export interface Totals {
  nb_ventes: number;
  quantite: number;
  chiffre_affaires: string;
}

export interface TimeseriesResponse extends Envelope {
  period: Period;
  bucket_minutes: number;
  downsampled: boolean;
  points: Array<Totals & { t: string }>;
}

export interface BreakdownResponse extends Envelope {
  period: Period;
  total: Totals;
  rows: Array<Totals & { name: string; categorie?: string; part_pct: number | null }>;
}

export interface ClientRow {
  client_id: string;
  client_nom: string;
  pays: string;
  segment: string;
  fidelite: string;
  risque_churn: boolean;
  nb_ventes: number;
  chiffre_affaires: string;
  total_depense: string;
  nb_achats: number;
  panier_moyen: string;
  dernier_achat: string | null;
  in_silver: boolean;
}

export interface ClientsResponse extends Envelope {
  period: Period;
  first_day: string;
  last_day: string;
  ignored_filters: string[];
  matching_clients: number;
  rows: ClientRow[];
}

export interface AlertsResponse extends Envelope {
  total_fired: number;
  alerts: Array<{ rule: string; minute: string; chiffre_affaires: string; reference: string }>;
}

export interface HealthResponse extends Envelope {
  message: string;
  data_end: string | null;
  dimensions: { pays: string[]; segment: string[]; categorie: string[] };
}

export interface SessionResponse {
  auth_required: boolean;
  authenticated: boolean;
  user: string | null;
  csrf_token: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = body?.error ?? { code: `http_${res.status}`, message: res.statusText };
    throw new ApiError(res.status, err.code, err.message);
  }
  if (body === null) {
    // A cut connection (server stopping) can end a 200 early: never render half an answer.
    throw new ApiError(res.status, 'bad_response', 'incomplete response from the server');
  }
  return body as T;
}

export async function get<T>(path: string, params: Record<string, string> = {}): Promise<T> {
  const query = new URLSearchParams(params).toString();
  const res = await fetch(`/api/v1/${path}${query ? `?${query}` : ''}`, {
    credentials: 'same-origin',
  });
  return parse<T>(res);
}

export async function session(): Promise<SessionResponse> {
  return parse<SessionResponse>(await fetch('/api/v1/session', { credentials: 'same-origin' }));
}

export async function login(user: string, password: string): Promise<SessionResponse> {
  const res = await fetch('/api/v1/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user, password }).toString(),
  });
  return parse<SessionResponse>(res);
}

export async function logout(csrf: string): Promise<void> {
  await fetch('/api/v1/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': csrf },
  });
}
