export interface HealthResponse {
  status: 'ok' | 'error';
  database: { status: 'up' | 'down'; message?: string };
}
